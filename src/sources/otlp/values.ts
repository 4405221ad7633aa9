import { createHash } from 'node:crypto';
import { MAX_RECORD_COUNT } from '../../domain/limits.ts';
import type { Scalar } from './schema.ts';

/** Attributes of a record or data point, with the resource's as fallback. */
export interface Attrs {
  own: Map<string, Scalar>;
  resource: Map<string, Scalar>;
}

/** The first of `keys` with a non-empty value, the record's own attributes before the resource's. */
export function pickText(attrs: Attrs, ...keys: string[]): string | undefined {
  for (const map of [attrs.own, attrs.resource]) {
    for (const key of keys) {
      const value = map.get(key);
      if (value !== undefined && value !== '') return String(value).slice(0, 256);
    }
  }
  return undefined;
}

/** Why a count attribute cannot be booked, or null when it is fine. */
export type Checked = { ok: true; value: number } | { ok: false; message: string };

/**
 * A token count from an attribute that may be an int, a double or a numeric string (Claude Code before
 * v2.1.122 sent strings); absent is 0. Refuses fractions, negatives, and counts past a trillion.
 */
export function countAttr(own: Map<string, Scalar>, key: string): Checked {
  const raw = own.get(key);
  if (raw === undefined) return { ok: true, value: 0 };
  return checkCount(key, raw);
}

/** The same checks for a value already read (a metric data point). */
export function checkCount(name: string, raw: Scalar): Checked {
  const value = typeof raw === 'boolean' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || (typeof raw === 'string' && raw.trim() === ''))
    return { ok: false, message: `${name}: must be a number, got "${String(raw).slice(0, 32)}"` };
  if (value < 0) return { ok: false, message: `${name}: must not be negative` };
  if (!Number.isInteger(value)) return { ok: false, message: `${name}: must be a whole number` };
  if (value > MAX_RECORD_COUNT)
    return { ok: false, message: `${name}: must be at most ${MAX_RECORD_COUNT} (one trillion) per record` };
  return { ok: true, value };
}

/** Unix nanoseconds (decimal string or number) → ISO instant, or null when absent, zero or out of range. */
export function nanosToIso(nanos: string | number | null | undefined): string | null {
  if (nanos === null || nanos === undefined) return null;
  try {
    const big = BigInt(nanos);
    if (big <= 0n) return null;
    const date = new Date(Number(big / 1_000_000n));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  } catch {
    return null;
  }
}

/** A record id from its parts; long parts are hashed so the id stays under the 256-character label limit. */
export function stableId(prefix: string, ...parts: string[]): string {
  const joined = parts.join(':');
  if (joined.length <= 180) return `${prefix}:${joined}`;
  return `${prefix}:${createHash('sha256').update(joined).digest('hex').slice(0, 40)}`;
}
