import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../domain/errors.ts';
import { createHttpClient, type HttpDeps } from '../../sources/http/client.ts';
import { createRateLimiter, type RateLimiter } from '../../sources/http/rate-limit.ts';
import { DEFAULT_RETRY } from '../../sources/http/retry.ts';
import { noteSourceHealth } from '../alerts/source-health.ts';
import { refreshAnomalies, sinceFor } from '../analysis/refresh.ts';
import type { AppContext } from '../context.ts';
import { registerConfigSources, toRuntime } from './runtime.ts';
import { readState, writeState } from './state.ts';
import { describeFailure, type SyncOutcome, syncSource } from './sync.ts';

/** After the provider refused a key, scheduled syncs wait this long (or for a new key) before trying again. */
const AUTH_PAUSE_MS = 3_600_000;

/** The I/O a runner uses; tests pass a fast `sleep` and their own `log`. */
export type RunnerDeps = Pick<HttpDeps, 'fetch' | 'sleep' | 'random' | 'retry'> & {
  log: (line: string) => void;
};

export interface SourceRunner {
  /** Syncs one source now; a sync of it already running is joined, not doubled. */
  syncOne(org: string, id: string, options?: { scheduled?: boolean }): Promise<SyncOutcome>;
  /** Syncs every enabled source of the org; one failing never stops the others. */
  syncAll(org: string, options?: { scheduled?: boolean }): Promise<SyncOutcome[]>;
  /** Writes spendlens.toml's sources into the store (once per runner). */
  ready(org: string): Promise<void>;
  /**
   * For shutdown: aborts retry waits and requests in flight, refuses new syncs, and resolves once the
   * syncs running have ended. Windows already written stay written; the next start resumes after them.
   */
  stop(): Promise<void>;
}

/** What a sync cut short by shutdown answers; it is not a failure of the source. */
const STOPPED = 'spendlens is shutting down; the next sync resumes from here';

const defaults: RunnerDeps = {
  fetch: (...args) => fetch(...args),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
  random: Math.random,
  retry: DEFAULT_RETRY,
  log: (line) => console.warn(line),
};

export function createSourceRunner(ctx: AppContext, overrides: Partial<RunnerDeps> = {}): SourceRunner {
  const deps = { ...defaults, ...overrides };
  const running = new Map<string, Promise<SyncOutcome>>();
  const limiters = new Map<number, RateLimiter>();
  const registered = new Map<string, Promise<void>>();
  const shutdown = new AbortController();
  const limiterFor = (perMinute: number) => {
    const found =
      limiters.get(perMinute) ?? createRateLimiter({ perMinute, now: () => Date.now(), sleep: deps.sleep });
    limiters.set(perMinute, found);
    return found;
  };

  // The earliest record each running sync wrote, per org and source.
  const writtenFrom = new Map<string, Date>();

  async function run(org: string, id: string, scheduled: boolean): Promise<SyncOutcome> {
    if (shutdown.signal.aborted) return failedSync(id, STOPPED);
    const row = (await ctx.sources.listSources(org)).find((s) => s.id === id);
    if (!row) throw new AppError('not_found', `no source "${id}"`);
    const state = await readState(ctx.sources, org, id);
    if (scheduled && pausedForAuth(state, ctx.now())) {
      return {
        sourceId: id,
        ok: false,
        inserted: 0,
        replaced: 0,
        rejected: 0,
        activities: 0,
        error: state.lastError,
      };
    }
    let source: ReturnType<typeof toRuntime>;
    try {
      source = toRuntime(ctx, row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await writeState(
        ctx.sources,
        org,
        id,
        { ...state, lastError: message, lastErrorAt: ctx.now().toISOString(), failure: 'config_invalid' },
        ctx.now(),
      );
      return failedSync(id, message);
    }
    const http = createHttpClient({
      ...deps,
      now: ctx.now,
      limiter: limiterFor(source.settings.rateLimit),
      timeoutMs: source.settings.timeoutSeconds * 1000,
      signal: shutdown.signal,
      onRetry: (r) =>
        deps.log(`source "${id}": retry ${r.attempt} in ${Math.round(r.delayMs / 1000)} s (${r.reason})`),
    });
    try {
      const key = `${org}\u0000${id}`;
      const onWritten = (at: Date) => {
        const known = writtenFrom.get(key);
        if (!known || at < known) writtenFrom.set(key, at);
      };
      return await syncSource(ctx, org, source, { http, log: deps.log, signal: shutdown.signal, onWritten });
    } catch (error) {
      if (shutdown.signal.aborted) return failedSync(id, STOPPED);
      // why: a store failure mid-sync must still leave one outcome per source, never an unhandled rejection.
      const message = describeFailure(source, error);
      deps.log(message);
      return failedSync(id, message);
    }
  }

  /** Raises source_failing / source_recovered; a problem alerting never fails the sync. */
  async function alertOnHealth(org: string, outcome: SyncOutcome): Promise<SyncOutcome> {
    await noteSourceHealth(ctx, org, outcome).catch((error) =>
      deps.log(`source "${outcome.sourceId}": alerting on its health failed: ${String(error)}`),
    );
    return outcome;
  }

  /**
   * Detects anomalies in what the sync wrote, so they are found whether or not anyone reads them (the
   * alert job sends the new incidents); a detection failure never fails the sync.
   */
  async function detectAfter(org: string, outcome: SyncOutcome): Promise<SyncOutcome> {
    const key = `${org}\u0000${outcome.sourceId}`;
    const earliest = writtenFrom.get(key);
    writtenFrom.delete(key);
    if (!outcome.ok || outcome.inserted + outcome.replaced === 0) return outcome;
    // why: a backfill brings history; detection examines from its first day (past ones are listed, not sent).
    await refreshAnomalies(ctx, org, sinceFor(ctx, earliest)).catch((error) =>
      deps.log(`source "${outcome.sourceId}": detecting anomalies after the sync failed: ${String(error)}`),
    );
    return outcome;
  }

  const runner: SourceRunner = {
    ready(org) {
      const found = registered.get(org) ?? registerConfigSources(ctx, org);
      registered.set(org, found);
      return found;
    },
    async syncOne(org, id, options = {}) {
      await runner.ready(org);
      const key = `${org}\u0000${id}`;
      const inFlight = running.get(key);
      if (inFlight) return inFlight;
      // why: a sync cut short by shutdown says nothing about the source's health.
      const p = run(org, id, options.scheduled ?? false)
        .then((outcome) => (shutdown.signal.aborted ? outcome : alertOnHealth(org, outcome)))
        .then((outcome) => (shutdown.signal.aborted ? outcome : detectAfter(org, outcome)))
        .finally(() => running.delete(key));
      running.set(key, p);
      return p;
    },
    async syncAll(org, options = {}) {
      await runner.ready(org);
      const rows = (await ctx.sources.listSources(org)).filter((s) => s.settings.enabled !== false);
      return Promise.all(rows.map((r) => runner.syncOne(org, r.id, options)));
    },
    async stop() {
      shutdown.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
  return runner;
}

/** A refused key is not retried on every poll: that only piles up refusals (and may lock the key). */
function pausedForAuth(state: { failure: string | null; lastErrorAt: string | null }, now: Date): boolean {
  if (state.failure !== 'auth' || !state.lastErrorAt) return false;
  return now.getTime() - Date.parse(state.lastErrorAt) < AUTH_PAUSE_MS;
}

/** The one runner of a context, shared by the HTTP routes, the CLI and the scheduler. */
export function sourceRunner(ctx: AppContext, overrides?: Partial<RunnerDeps>): SourceRunner {
  const found = ctx.state.sourceRunner;
  if (found && !overrides) return found;
  const created = createSourceRunner(ctx, overrides);
  ctx.state.sourceRunner = created;
  return created;
}

/** The outcome of a sync that wrote nothing. */
function failedSync(sourceId: string, error: string) {
  return { sourceId, ok: false as const, inserted: 0, replaced: 0, rejected: 0, activities: 0, error };
}
