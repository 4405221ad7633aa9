import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.ts';
import { openDuckDbStore } from '../store/duckdb/store.ts';
import { openPostgresStore } from '../store/postgres/store.ts';
import { repositoriesOf } from '../store/repositories.ts';
import type { Store } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { loadCatalog } from './pricing.ts';
import { loadAttribution } from './sources/attribution.ts';
import { createAppState } from './state.ts';

/** Path of the embedded ledger file inside the data directory. */
export function duckDbPath(config: Config): string {
  return resolve(join(config.storage.dataDir, 'spendlens.duckdb'));
}

/** Opens the configured store: PostgreSQL when a database URL is set, DuckDB under the data directory otherwise. */
export async function openStore(config: Config): Promise<Store> {
  const store = config.storage.databaseUrl
    ? await openPostgresStore({
        url: config.storage.databaseUrl,
        schema: config.storage.schema,
        appRole: config.storage.appRole,
      })
    : await openDuckDbStore(duckDbPath(config), { memoryLimit: config.storage.duckdbMemoryLimit });
  await store.migrate();
  return store;
}

/** Opens the store and builds the context every use case takes. */
export async function openContext(config: Config, now: () => Date = () => new Date()): Promise<AppContext> {
  const store = await openStore(config);
  try {
    const repositories = repositoriesOf(store);
    const catalog = await loadCatalog({ config, ...repositories });
    const attribution = await loadAttribution({ config, ...repositories, now });
    return { config, store, ...repositories, catalog, now, attribution, state: createAppState() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
