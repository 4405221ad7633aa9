import type { ResolvedRange } from '../../state/range.ts';
import { rangeLine } from './range-line.ts';

/** The range and what it is compared with, in words. */
export function RangeLine(props: { range: ResolvedRange }) {
  return <span data-testid="range-line">{rangeLine(props.range)}</span>;
}
