import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findProvider } from '@pydantic/genai-prices';
import type { PriceEntry } from './entry.ts';
import { fromGenaiPrices, GENAI_PROVIDERS } from './genai-prices.ts';
import { withHouseRules } from './house-rules.ts';

/** The version of an installed genai-prices package, read from its package.json beside its entry point. */
export function installedGenaiVersion(entry: string): string {
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const GENAI_VERSION = installedGenaiVersion(createRequire(import.meta.url).resolve('@pydantic/genai-prices'));

/** Where the base prices come from: pydantic's genai-prices, kept up to date by its maintainers. */
export const CATALOG_SOURCE = `@pydantic/genai-prices ${GENAI_VERSION}`;

/** The day the bundled base prices were published (genai-prices 0.1.8). */
export const CATALOG_DATE = '2026-09-23';

/** The installed genai-prices data for the providers spendlens knows, as raw providers. */
export function genaiProviders(find: typeof findProvider = findProvider): unknown[] {
  return Object.keys(GENAI_PROVIDERS).flatMap((id) => {
    const provider = find({ providerId: id });
    // why: findProvider falls back to a near match; only the provider asked for is taken.
    return provider && provider.id === id ? [provider] : [];
  });
}

const GENAI_ORIGIN = /^@pydantic\/genai-prices (\d+)\.(\d+)\.(\d+)$/;

/**
 * Whether an entry saved by `spendlens pricing update` from genai-prices is no newer than the bundled
 * data: after spendlens itself upgrades, such a stale layer must not hide the newer bundled prices.
 */
export function supersededByBundle(origin: string | undefined, bundled = GENAI_VERSION): boolean {
  const saved = origin ? GENAI_ORIGIN.exec(origin) : null;
  const ours = GENAI_ORIGIN.exec(`@pydantic/genai-prices ${bundled}`);
  if (!saved || !ours) return false;
  for (let i = 1; i <= 3; i++) {
    const a = Number(saved[i]);
    const b = Number(ours[i]);
    if (a !== b) return a < b;
  }
  return true;
}

let cached: PriceEntry[] | null = null;

/** The prices shipped with spendlens: genai-prices' dated data with spendlens's house rules on top. */
export function bundledPriceEntries(): PriceEntry[] {
  cached ??= withHouseRules(fromGenaiPrices(genaiProviders()).entries);
  return cached.map((entry) => ({ ...entry, aliases: [...entry.aliases] }));
}
