import type { ReactNode } from 'react';

/** The page's title (the one h1), a line under it, and controls at the right. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{props.title}</h1>
        {props.subtitle && <p className="muted">{props.subtitle}</p>}
      </div>
      {props.children && <div className="card-actions">{props.children}</div>}
    </div>
  );
}
