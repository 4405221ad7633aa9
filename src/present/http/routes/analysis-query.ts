import type { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { clipInput } from '../../../domain/limits.ts';
import { decimalToScaled } from '../../../domain/money.ts';
import { DAY_MS, HOUR_MS, parseInstantOrDate } from '../../../lib/time.ts';

type Query = Record<string, string | undefined>;

/** Validates with a zod schema; failures become a 400 naming each field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // why: paths carry the caller's own keys; an error quotes a few dozen characters of them, never more.
  const errors = result.error.issues.map((i) => ({
    path: clipInput(i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(',') : ''), 64),
    message: i.code === 'unrecognized_keys' ? 'unknown parameter' : i.message,
  }));
  throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}

/** `from`/`to` of a listing: default the 30 days up to the end of the current hour. */
export function period(query: Query, now: Date): { from: Date; to: Date } {
  const to = query.to ? instant(query.to, 'to') : new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = query.from ? instant(query.from, 'from') : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw invalid('from', 'must be before to');
  return { from, to };
}

export function instant(raw: string, path: string): Date {
  const parsed = parseInstantOrDate(raw);
  if (typeof parsed === 'string') throw invalid(path, parsed);
  return parsed;
}

export function oneOf<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  path: string,
): T[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad) throw invalid(path, `"${clipInput(bad)}" is not one of ${allowed.join(', ')}`);
  return values as T[];
}

export function parseBudget(raw: string): number {
  const micros = decimalToScaled(raw, 6);
  if (micros === null || micros <= 0n)
    throw invalid('budget', 'must be a positive amount such as 5000 or 1250.50');
  return Number(micros) / 1e6;
}

export function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
}
