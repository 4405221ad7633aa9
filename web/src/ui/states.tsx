import { AlertTriangle, RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';

/** A placeholder of the content's size while it loads. */
export function Loading(props: { height?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite">
      <div className="skeleton" style={{ height: props.height ?? 160 }} />
      <span className="sr-only">{props.label ?? 'Loading…'}</span>
    </div>
  );
}

/** What went wrong, in the server's words, with a way to try again. */
export function ErrorState(props: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="banner error" role="alert">
      <AlertTriangle size={18} aria-hidden="true" />
      <div>
        <p>
          <strong>Could not load this.</strong> {props.error.message}
        </p>
        {props.onRetry && (
          <button type="button" className="button small" onClick={props.onRetry} style={{ marginTop: 8 }}>
            <RotateCw size={14} aria-hidden="true" /> Try again
          </button>
        )}
      </div>
    </div>
  );
}

/** An empty view that says what to do next. */
export function EmptyState(props: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="state">
      {props.icon}
      <h3>{props.title}</h3>
      {props.children}
      {props.actions && <div className="actions">{props.actions}</div>}
    </div>
  );
}

/** A one-line notice above a view: warnings from the API, unpriced usage, results. */
export function Banner(props: { kind?: 'warn' | 'error' | 'ok'; icon?: ReactNode; children: ReactNode }) {
  const kind = props.kind ?? 'warn';
  return (
    <div className={`banner ${kind === 'warn' ? '' : kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.icon ?? <AlertTriangle size={18} aria-hidden="true" />}
      <div>{props.children}</div>
    </div>
  );
}
