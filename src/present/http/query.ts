import { z } from 'zod';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { BUCKETS, DIMENSIONS, type Dimension, type GroupKey, parseGroupKey } from '../../domain/record.ts';
import { DAY_MS, HOUR_MS, isTimeZone, parseInstantOrDate } from '../../lib/time.ts';
import type { UsageFilter } from '../../store/types.ts';

/** The value a filter uses for "dimension not set", e.g. `team=(none)`. */
export const NONE = '(none)';

const RESERVED = new Set(['from', 'to', 'groupBy', 'bucket', 'tz', 'limit', 'cursor', 'days']);

type Query = Record<string, string | string[] | undefined>;

function one(query: Query, key: string): string | undefined {
  const v = query[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function list(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A query string's period and filters, before `scopeFilter` (src/app/access/scope.ts) adds the caller's org and limits. */
export type ParsedFilter = Omit<UsageFilter, 'org' | 'visibility'> & { from: Date; to: Date };

/**
 * Reads `from`, `to` and the filters (`model=a,b`, `team=(none)`, `tag.env=prod`) of a query string.
 * Without `from`/`to` the period is the `defaultDays` up to the end of the current hour. The answer has
 * no org: pass it through `scopeFilter(principal, …)`, the only way a read gets one.
 */
export function parseFilter(query: Query, now: Date, defaultDays = 30): ParsedFilter {
  const errors: FieldError[] = [];
  const instant = (key: string): Date | undefined => {
    const raw = one(query, key);
    if (raw === undefined) return undefined;
    const parsed = parseInstantOrDate(raw);
    if (typeof parsed === 'string') errors.push({ path: key, message: parsed });
    return typeof parsed === 'string' ? undefined : parsed;
  };
  const to = instant('to') ?? new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = instant('from') ?? new Date(to.getTime() - defaultDays * DAY_MS);
  if (from >= to) errors.push({ path: 'from', message: 'must be before to' });
  const dimensions: Partial<Record<Dimension, (string | null)[]>> = {};
  const tags: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (RESERVED.has(key)) continue;
    const values = list(value);
    const tag = /^tag[.:](.+)$/.exec(key)?.[1];
    if (tag) tags[tag] = values;
    else if ((DIMENSIONS as readonly string[]).includes(key)) {
      dimensions[key as Dimension] = values.map((v) => (v === NONE ? null : v));
    } else {
      errors.push({
        path: key,
        message: `unknown parameter; filters are ${DIMENSIONS.join(', ')} or tag.<key>`,
      });
    }
  }
  if (errors.length) throw new AppError('validation_failed', describe(errors), { errors });
  return { from, to, dimensions, tags };
}

/** Reads `groupBy`, `bucket` and `tz` for spend queries. */
export function parseGrouping(
  query: Query,
  defaultTz: string,
): { groupBy: GroupKey[]; bucket?: (typeof BUCKETS)[number]; tz: string } {
  const errors: FieldError[] = [];
  const groupBy: GroupKey[] = [];
  for (const raw of list(query.groupBy)) {
    const key = parseGroupKey(raw);
    if (key) groupBy.push(key);
    else
      errors.push({
        path: 'groupBy',
        message: `"${raw}" is not a dimension; use ${DIMENSIONS.join(', ')} or tag:<key>`,
      });
  }
  const bucket = one(query, 'bucket');
  const parsedBucket = z.enum(BUCKETS).optional().safeParse(bucket);
  if (!parsedBucket.success) errors.push({ path: 'bucket', message: `must be one of ${BUCKETS.join(', ')}` });
  const tz = one(query, 'tz') ?? defaultTz;
  if (!isTimeZone(tz))
    errors.push({ path: 'tz', message: `"${tz}" is not an IANA time zone such as Europe/Berlin` });
  if (groupBy.length > 4) errors.push({ path: 'groupBy', message: 'at most 4 dimensions' });
  if (errors.length) throw new AppError('validation_failed', describe(errors), { errors });
  return { groupBy: [...new Set(groupBy)], bucket: parsedBucket.data, tz };
}

/** Reads a bounded positive integer parameter such as `limit`. */
export function parseLimit(query: Query, fallback: number, max: number): number {
  const raw = one(query, 'limit');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AppError('validation_failed', `limit: must be a whole number from 1 to ${max}`, {
      errors: [{ path: 'limit', message: `must be a whole number from 1 to ${max}` }],
    });
  }
  return n;
}

/** The `cursor` parameter: one opaque string (the store reads it), or null on the first page. */
export function parseCursor(query: Query): string | null {
  const raw = query.cursor;
  if (raw === undefined) return null;
  if (typeof raw === 'string' && raw.length <= 2048) return raw;
  const message = 'one nextCursor of the previous page, as it was given';
  throw new AppError('validation_failed', `cursor: ${message}`, { errors: [{ path: 'cursor', message }] });
}

function describe(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}
