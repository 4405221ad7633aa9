import { AppError } from '../../domain/errors.ts';

/** Reads a non-negative number of seconds (or a count) from a flag. */
export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new AppError('bad_request', `"${value}" is not a number of seconds`);
  return n;
}
