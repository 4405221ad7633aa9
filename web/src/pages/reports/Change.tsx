import { formatChange } from '../../lib/format.ts';

/** A change in percent; spend going up in red, down in green (the colours mean cost, not growth). */
export function Change(props: { percent: number | null }) {
  if (props.percent === null) return <span className="muted">new</span>;
  const dir = props.percent > 0 ? 'up' : props.percent < 0 ? 'down' : '';
  return <span className={`change ${dir}`}>{formatChange(props.percent)}</span>;
}
