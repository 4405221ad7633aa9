import type { Config } from '../config/schema.ts';
import { convertMicros, parseRate, type Rate } from '../domain/money.ts';

/** Converts amounts into the reporting currency with the configured fixed rates. */
export interface Converter {
  readonly currency: string;
  /** Null when no rate is configured for `currency`. */
  convert(micros: bigint, currency: string): bigint | null;
}

export function createConverter(config: Pick<Config, 'currency' | 'rates'>): Converter {
  const rates = new Map<string, Rate>(
    Object.entries(config.rates).map(([code, rate]) => [code, parseRate(rate)]),
  );
  return {
    currency: config.currency,
    convert(micros, currency) {
      if (currency === config.currency) return micros;
      const rate = rates.get(currency);
      return rate ? convertMicros(micros, rate) : null;
    },
  };
}

/** The warning shown when rows in a currency without a rate were left out of a total. */
export function missingRateWarning(currency: string, reporting: string): string {
  return `no exchange rate for ${currency}: its spend is left out of ${reporting} totals; add rates.${currency} to spendlens.toml`;
}
