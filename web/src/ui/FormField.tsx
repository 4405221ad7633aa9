import { type FormEvent, type InputHTMLAttributes, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { FieldError } from '../api/types.ts';
import './form-field.css';

/** A failed save as field errors: the server's per-field list, or its message for the whole form. */
export function formErrors(error: unknown): FieldError[] {
  const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
  return e.errors.length ? e.errors : [{ path: '(form)', message: e.message }];
}

/**
 * A form's save: the form is busy while it runs, and a failure shows as field errors and frees the form.
 * On success it stays busy: its caller closes or replaces it.
 */
export function useSave(save: () => Promise<void>) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    try {
      await save();
    } catch (error) {
      setErrors(formErrors(error));
      setBusy(false);
    }
  };
  return { submit, busy, errors };
}

/** The message for a field: its path (`amount`) or one under it (`thresholds.1`, `scope.value`). */
export function errorFor(errors: FieldError[], key: string): string | undefined {
  return errors.find((e) => e.path === key || e.path.startsWith(`${key}.`))?.message;
}

/** Errors no field of the form shows, to say them above its buttons instead. */
export function unplacedErrors(errors: FieldError[], keys: string[]): string[] {
  return errors
    .filter((e) => !keys.some((k) => e.path === k || e.path.startsWith(`${k}.`)))
    .map((e) => (e.path === '(form)' ? e.message : `${e.path}: ${e.message}`));
}

/**
 * A labelled text input with its hint and error tied to it for screen readers; `suggestions` become a
 * datalist the browser offers while typing.
 */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  suggestions?: string[];
  input?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const id = useId();
  const described = [props.error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean);
  return (
    <div className="field block">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        {...props.input}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        list={props.suggestions?.length ? `${id}-list` : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described.join(' ') || undefined}
      />
      {props.suggestions && props.suggestions.length > 0 && (
        <datalist id={`${id}-list`}>
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {props.hint && (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A labelled select in a form, with its error. */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="field block">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field check-field">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** The form's own errors (not tied to a field) and its Cancel and Save buttons. */
export function FormActions(props: {
  errors: string[];
  busy: boolean;
  saveLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="price-form-actions">
      {props.errors.length > 0 && (
        <span className="field-error" role="alert">
          {props.errors.join('; ')}
        </span>
      )}
      <button type="button" className="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button type="submit" className="button primary" disabled={props.busy}>
        {props.busy ? 'Saving…' : props.saveLabel}
      </button>
    </div>
  );
}
