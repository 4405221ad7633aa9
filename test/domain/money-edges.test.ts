import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.ts';
import {
  convertMicros,
  decimalToScaled,
  formatMicros,
  parseMicros,
  parseRate,
  toSafeNumber,
} from '../../src/domain/money.ts';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('money at its edges', () => {
  it('reads exponents with or without a sign, and text with spaces around it', () => {
    expect(parseMicros('1e2')).toBe(100_000_000);
    expect(parseMicros('1E+2')).toBe(100_000_000);
    expect(parseMicros('25e-1')).toBe(2_500_000);
    expect(parseMicros(' 12.5\n')).toBe(12_500_000);
    expect(parseMicros('-0.0000015')).toBe(-2);
    expect(parseMicros(-1.25)).toBe(-1_250_000);
  });

  it('reads number text of exactly 64 characters and an exponent of exactly ±64', () => {
    expect(decimalToScaled('9'.repeat(64), 0)).toBe(10n ** 64n - 1n);
    expect(decimalToScaled('1e-64', 64)).toBe(1n);
    expect(decimalToScaled('1e-65', 65)).toBeNull();
  });

  it('says what a decimal amount may be when it refuses one', () => {
    expect(messageOf(() => parseMicros('12,50'))).toBe(
      '"12,50" is not a decimal amount (at most 64 characters, exponent within ±64)',
    );
  });

  it('refuses an infinite or NaN number as an amount and as a rate', () => {
    expect(messageOf(() => parseMicros(Number.POSITIVE_INFINITY))).toBe('Infinity is not a finite amount');
    expect(messageOf(() => parseMicros(Number.NaN))).toBe('NaN is not a finite amount');
    expect(() => parseRate(Number.NEGATIVE_INFINITY)).toThrow(/not a finite amount/);
  });

  it('refuses a rate of zero, a negative rate and one that is no number, naming it', () => {
    expect(messageOf(() => parseRate('0'))).toBe('"0" is not a positive rate');
    expect(messageOf(() => parseRate('0.0000000000001'))).toBe('"0.0000000000001" is not a positive rate');
    expect(messageOf(() => parseRate('-1.1'))).toBe('"-1.1" is not a positive rate');
    expect(messageOf(() => parseRate(0))).toBe('"0" is not a positive rate');
    expect(messageOf(() => parseRate('one'))).toBe('"one" is not a positive rate');
  });

  it('takes a rate as text or number, exactly to twelve places', () => {
    expect(parseRate('0.000000000001')).toEqual({ scaled: 1n, scale: 12 });
    expect(parseRate(1.1)).toEqual({ scaled: 1_100_000_000_000n, scale: 12 });
  });

  it('rounds credits and refunds half away from zero, as it rounds charges', () => {
    const half = parseRate('0.5');
    expect(convertMicros(1n, half)).toBe(1n);
    expect(convertMicros(-1n, half)).toBe(-1n);
    expect(convertMicros(-3n, half)).toBe(-2n);
    expect(convertMicros(-1_000_000n, parseRate('1.10'))).toBe(-1_100_000n);
    // below half a micro-unit rounds to zero either way
    expect(convertMicros(-1n, parseRate('0.4'))).toBe(0n);
    expect(convertMicros(0n, half)).toBe(0n);
  });

  it('formats zero without a sign and negatives with one', () => {
    expect(formatMicros(0n)).toBe('0.000000');
    expect(formatMicros(0)).toBe('0.000000');
    expect(formatMicros(-1)).toBe('-0.000001');
  });

  it('turns a sum back into a number only while every integer is still exact', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(max)).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(-max)).toBe(Number.MIN_SAFE_INTEGER);
    expect(toSafeNumber(0n)).toBe(0);
    expect(() => toSafeNumber(max + 1n)).toThrow(/beyond exact integer range/);
    expect(() => toSafeNumber(-max - 1n)).toThrow(/beyond exact integer range/);
    expect(messageOf(() => toSafeNumber(max + 1n))).toBe(
      'amount 9007199254740992 micro-units is beyond exact integer range',
    );
  });

  it('refuses every bad amount as a bad request, the error an API client sees as a 400', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as AppError).code;
      }
      return null;
    };
    expect(codeOf(() => parseMicros('12,50'))).toBe('bad_request');
    expect(codeOf(() => parseMicros(Number.NaN))).toBe('bad_request');
    expect(codeOf(() => parseRate('0'))).toBe('bad_request');
    expect(codeOf(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n))).toBe('bad_request');
  });
});
