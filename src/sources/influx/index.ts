// The InfluxDB line protocol source: points of the `ai_costs` measurement become usage records.
import type { UsageInput } from '../../normalize/usage.ts';
import { type Precision, pointToUsage, timestampNanos } from './normalize.ts';
import { parseLine } from './parse.ts';

export { inferProvider, PRECISIONS, type Precision } from './normalize.ts';
export { parseLine } from './parse.ts';

/** The measurement spendlens reads; points of any other measurement are ignored, as a bucket would keep them apart. */
export const MEASUREMENT = 'ai_costs';

// The latest instant a JavaScript Date holds, in nanoseconds.
const MAX_NANOS = 8_640_000_000_000_000n * 1_000_000n;

export interface LineError {
  /** 1-based line number in the request body. */
  line: number;
  text: string;
  message: string;
}

export interface LineProtocolBatch {
  items: UsageInput[];
  /** The body line each item came from. */
  lines: number[];
  errors: LineError[];
  /** Well-formed points of other measurements. */
  ignored: number;
}

/** Parses a write body: each good `ai_costs` line becomes an item, each bad line an error naming it. */
export function readLineProtocol(body: string, precision: Precision, now: Date): LineProtocolBatch {
  const batch: LineProtocolBatch = { items: [], lines: [], errors: [], ignored: 0 };
  body.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '').trimStart();
    if (text === '' || text.startsWith('#')) return;
    const parsed = parseLine(text);
    if (!parsed.ok) {
      batch.errors.push({ line: index + 1, text, message: parsed.error });
      return;
    }
    if (parsed.point.measurement !== MEASUREMENT) {
      batch.ignored++;
      return;
    }
    const nanos = timestampNanos(parsed.point, precision, now);
    if (nanos < 0n || nanos > MAX_NANOS) {
      batch.errors.push({
        line: index + 1,
        text,
        message: `timestamp out of range for precision ${precision}`,
      });
      return;
    }
    batch.items.push(pointToUsage(parsed.point, nanos));
    batch.lines.push(index + 1);
  });
  return batch;
}
