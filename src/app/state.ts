import type { AlertDeps } from './alerts/deps.ts';
import type { Job } from './analysis/jobs.ts';
import type { RefreshResult } from './analysis/refresh.ts';
import type { SourceRunner } from './sources/runner.ts';

/**
 * What a context keeps in memory between calls, for as long as it is open (one per process and store).
 * Nothing here is durable: a restart starts empty, and the store holds everything that must last.
 */
export interface AppState {
  /** The one source runner (sources/runner.ts), shared by the routes, the CLI and the scheduler. */
  sourceRunner: SourceRunner | null;
  /** spendlens.toml's budgets written into the store, once (budgets/config.ts); null after a failure. */
  budgetsSynced: Promise<void> | null;
  /** spendlens.toml's subscriptions written into the store, once (subscriptions/config.ts). */
  subscriptionsSynced: Promise<void> | null;
  /** spendlens.toml's channels written into the store, once per org (alerts/runtime.ts). */
  channelsSynced: Map<string, Promise<void>>;
  /** What tests replace of alert delivery's I/O (alerts/deps.ts); empty in production. */
  alertDeps: Partial<AlertDeps>;
  /** Anomaly refreshes under way by `org|since`, which concurrent callers join (analysis/refresh.ts). */
  refreshing: Map<string, Promise<RefreshResult>>;
  /** When each org's last anomaly refresh started, in ms, for `refreshIfStale`. */
  lastRefresh: Map<string, number>;
  /** Analysis jobs by id, oldest first, the newest 500 kept (analysis/jobs.ts). */
  jobs: Map<string, Job<unknown>>;
}

/** A fresh context's state: nothing synced, run or started yet. */
export function createAppState(): AppState {
  return {
    sourceRunner: null,
    budgetsSynced: null,
    subscriptionsSynced: null,
    channelsSynced: new Map(),
    alertDeps: {},
    refreshing: new Map(),
    lastRefresh: new Map(),
    jobs: new Map(),
  };
}
