import { type ReactNode, useId } from 'react';

/** A titled panel; `actions` sit at the right of the title (controls for what the card shows). */
export function Card(props: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  busy?: boolean;
}) {
  const id = useId();
  return (
    <section className={`card ${props.className ?? ''}`} aria-labelledby={id} aria-busy={props.busy}>
      <div className="card-head">
        <div>
          <h2 id={id}>{props.title}</h2>
          {props.subtitle && <p className="muted">{props.subtitle}</p>}
        </div>
        {props.actions && <div className="card-actions">{props.actions}</div>}
      </div>
      <div className={`card-body ${props.busy ? 'busy' : ''}`}>{props.children}</div>
    </section>
  );
}
