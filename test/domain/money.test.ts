import { describe, expect, it } from 'vitest';
import { convertMicros, formatMicros, parseMicros, parseRate } from '../../src/domain/money.ts';

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

  it('converts at a fixed rate with half-up rounding', () => {
    expect(convertMicros(1_000_000n, parseRate('1.10'))).toBe(1_100_000n);
    expect(convertMicros(1n, parseRate('0.5'))).toBe(1n);
    expect(formatMicros(-1_500_000n)).toBe('-1.500000');
  });
});
