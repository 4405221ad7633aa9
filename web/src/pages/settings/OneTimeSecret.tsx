import { Check, Copy, TriangleAlert } from 'lucide-react';
import { useId, useRef, useState } from 'react';

/**
 * A secret the server shows once (an invitation link, a new API token): selectable, with a copy button
 * and a warning that it cannot be shown again.
 */
export function OneTimeSecret(props: {
  title: string;
  label: string;
  value: string;
  warning: string;
  onDone: () => void;
  testId?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      // why: the clipboard API needs a secure context (https or localhost); selecting lets ⌘C/Ctrl+C do it.
      setCopied(false);
    }
  };

  return (
    <section className="secret" aria-labelledby={`${id}-title`} data-testid={props.testId}>
      <h3 id={`${id}-title`}>{props.title}</h3>
      <div className="secret-row">
        <label htmlFor={id} className="sr-only">
          {props.label}
        </label>
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          value={props.value}
          onFocus={(e) => e.target.select()}
          aria-describedby={`${id}-warning`}
        />
        <button type="button" className="button" onClick={copy}>
          {copied ? <Check size={16} aria-hidden="true" /> : <Copy size={16} aria-hidden="true" />}
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p id={`${id}-warning`} className="secret-warning">
        <TriangleAlert size={16} aria-hidden="true" /> {props.warning}
      </p>
      <p className="sr-only" role="status">
        {copied === true
          ? 'Copied to the clipboard.'
          : copied === false
            ? 'Selected: press Ctrl+C to copy.'
            : ''}
      </p>
      <div className="secret-actions">
        <button type="button" className="button small" onClick={props.onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
