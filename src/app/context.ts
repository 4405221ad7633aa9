import type { Attribution } from '../attribute/index.ts';
import type { Config } from '../config/schema.ts';
import type { PriceCatalog } from '../price/catalog.ts';
import type { Store } from '../store/types.ts';

/** What every use case needs: config, the store, the live price catalog and a clock. */
export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  /** Rebuilt when price overrides change; read it fresh on each use. */
  catalog: PriceCatalog;
  readonly now: () => Date;
  /** Rules and recent activities for the attribute stage; reloaded when they change. */
  attribution?: Attribution;
}
