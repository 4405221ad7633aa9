import { format, subMilliseconds } from 'date-fns';
import type { ResolvedRange } from '../../state/range.ts';
import { previousRange } from '../../state/range.ts';

const day = (d: Date) => format(d, 'MMM d, yyyy');
const span = (r: { from: Date; to: Date }) => {
  const last = subMilliseconds(r.to, 1);
  return day(r.from) === day(last) ? day(r.from) : `${format(r.from, 'MMM d')} – ${day(last)}`;
};

/** "Oct 24 – Nov 22, 2026, compared with Sep 24 – Oct 23, 2026". */
export function RangeLine(props: { range: ResolvedRange }) {
  return (
    <span data-testid="range-line">
      {span(props.range)}, compared with {span(previousRange(props.range))}
    </span>
  );
}
