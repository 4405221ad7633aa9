import type { Attribution } from '../attribute/index.ts';
import type { Config } from '../config/schema.ts';
import type { PriceCatalog } from '../price/catalog.ts';
import type { Repositories } from '../store/repositories.ts';
import type { StoreLifecycle } from '../store/types.ts';
import type { AppState } from './state.ts';

/**
 * What every use case needs: config, one narrow repository per concern (see store/repositories.ts), the
 * live price catalog, a clock and its in-memory state.
 */
export interface AppContext extends Repositories {
  readonly config: Config;
  /** The store's engine, health, leadership and closing; data is reached through the repositories. */
  readonly store: StoreLifecycle;
  /** Rebuilt when price overrides change; read it fresh on each use. */
  catalog: PriceCatalog;
  readonly now: () => Date;
  /** Rules and recent activities for the attribute stage; reloaded when they change. */
  attribution?: Attribution;
  /** In-memory state of this context (runs in flight, syncs done, jobs); see state.ts. */
  readonly state: AppState;
}
