import { format, subMilliseconds } from 'date-fns';
import type { ResolvedRange } from '../../state/range.ts';
import { previousRange } from '../../state/range.ts';

// why: the same day style as the range picker's label beside it ("9 Nov – 15 Nov 2026")
const day = (d: Date) => format(d, 'd MMM yyyy');
const span = (r: { from: Date; to: Date }) => {
  const last = subMilliseconds(r.to, 1);
  if (day(r.from) === day(last)) return day(r.from);
  const sameYear = r.from.getFullYear() === last.getFullYear();
  return `${sameYear ? format(r.from, 'd MMM') : day(r.from)} – ${day(last)}`;
};

/** "24 Oct – 22 Nov 2026, compared with 24 Sep – 23 Oct 2026". */
export function rangeLine(range: ResolvedRange): string {
  return `${span(range)}, compared with ${span(previousRange(range))}`;
}
