import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A panel under its trigger: Escape or a click outside closes it and gives focus back to the trigger;
 * on open, focus moves to the first field or button inside.
 */
export function Popover(props: {
  open: boolean;
  onClose: () => void;
  trigger: ReactNode;
  label: string;
  children: ReactNode;
  align?: 'left' | 'right';
}) {
  const root = useRef<HTMLDivElement>(null);
  const { open, onClose } = props;

  useEffect(() => {
    if (!open) return;
    const panel = root.current?.querySelector<HTMLElement>('.popover-panel');
    panel?.querySelector<HTMLElement>('input, select, button:not([disabled])')?.focus();
    const close = () => {
      onClose();
      root.current?.querySelector<HTMLElement>('.popover-trigger button')?.focus();
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, onClose]);

  return (
    <div className="popover" ref={root}>
      <div className="popover-trigger">{props.trigger}</div>
      {open && (
        <div className={`popover-panel ${props.align ?? 'left'}`} role="dialog" aria-label={props.label}>
          {props.children}
        </div>
      )}
    </div>
  );
}
