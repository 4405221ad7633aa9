import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_RETRY } from '../../act/alerts/deliver.ts';
import type { AppContext } from '../context.ts';

/** The I/O of alert delivery; tests replace `sleep` and `log` (and may shorten the waits). */
export interface AlertDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** Where the log channel writes, and where delivery failures are reported. */
  log: (line: string) => void;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const defaults: AlertDeps = {
  fetch: (...args) => fetch(...args),
  sleep: (ms) => sleep(ms),
  log: (line) => console.log(line),
  timeoutMs: 10_000,
  ...DEFAULT_RETRY,
};

/** Replaces part of a context's alert I/O, for every later delivery on that context. */
export function setAlertDeps(ctx: AppContext, deps: Partial<AlertDeps>): void {
  ctx.state.alertDeps = { ...ctx.state.alertDeps, ...deps };
}

export function alertDeps(ctx: AppContext): AlertDeps {
  return { ...defaults, ...ctx.state.alertDeps };
}
