import type { ReactNode } from 'react';
import { formatChange } from '../../lib/format.ts';

/** A change in percent; spend going up in red, down in green (the colours mean cost, not growth). */
export function Change(props: { percent: number | null }) {
  if (props.percent === null) return <span className="muted">new</span>;
  const dir = props.percent > 0 ? 'up' : props.percent < 0 ? 'down' : '';
  return <span className={`change ${dir}`}>{formatChange(props.percent)}</span>;
}

/** One headline figure of a report: its label over its value, with an optional line under it. */
export function Figure(props: { label: string; children: ReactNode; under?: ReactNode }) {
  return (
    <div>
      <span className="kpi-label">{props.label}</span>
      <span className="strip-value">{props.children}</span>
      {props.under}
    </div>
  );
}
