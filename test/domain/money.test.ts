import { describe, expect, it } from 'vitest';
import {
  convertMicros,
  decimalToScaled,
  formatMicros,
  parseMicros,
  parseRate,
} from '../../src/domain/money.ts';

describe('money', () => {
  it('parses decimal text and numbers exactly into micro-units', () => {
    expect(parseMicros('12.5')).toBe(12_500_000);
    expect(parseMicros(0.1)).toBe(100_000);
    expect(parseMicros('3e-7')).toBe(0);
    expect(parseMicros('1.0000005')).toBe(1_000_001);
    expect(parseMicros('0.0000004')).toBe(0);
    expect(() => parseMicros('12,50')).toThrow(/not a decimal/);
  });

  it('adds 0.1 ten times to exactly 1', () => {
    const total = Array.from({ length: 10 }, () => BigInt(parseMicros(0.1))).reduce((a, b) => a + b, 0n);
    expect(formatMicros(total)).toBe('1.000000');
  });

  it('refuses huge exponents and long digit strings at once, with a short message', () => {
    for (const text of ['1e10000000', '-1e-999999', '1e65', '1'.repeat(65), `0.${'0'.repeat(70)}1`]) {
      const started = performance.now();
      expect(decimalToScaled(text, 6)).toBeNull();
      let message = '';
      try {
        parseMicros(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/not a decimal amount/);
      expect(message.length).toBeLessThan(140);
      expect(performance.now() - started).toBeLessThan(50);
    }
    expect(decimalToScaled('1e64', 0)).toBe(10n ** 64n);
    expect(() => parseMicros(1e300)).toThrow(/not a decimal amount/);
    expect(() => parseRate('1e99999')).toThrow(/not a positive rate/);
    expect(() => parseMicros('9007199254.740993')).toThrow(/beyond exact integer range/);
  });

  it('converts at a fixed rate with half-up rounding', () => {
    expect(convertMicros(1_000_000n, parseRate('1.10'))).toBe(1_100_000n);
    expect(convertMicros(1n, parseRate('0.5'))).toBe(1n);
    expect(formatMicros(-1_500_000n)).toBe('-1.500000');
  });
});
