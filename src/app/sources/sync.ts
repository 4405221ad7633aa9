import { AppError } from '../../domain/errors.ts';
import type { PullContext, PullResult, PullWindow, StreamSpec } from '../../sources/http/adapter.ts';
import type { HttpClient } from '../../sources/http/client.ts';
import { PullError } from '../../sources/http/errors.ts';
import type { AppContext } from '../context.ts';
import { prepareUsage } from '../ingest.ts';
import { addActivities } from './activities.ts';
import { planWindows } from './plan.ts';
import { ADAPTERS, KEY_HELP } from './registry.ts';
import type { RuntimeSource } from './runtime.ts';
import { readState, type SourceState, writeState } from './state.ts';
import { writeWindow } from './window.ts';

export interface SyncOutcome {
  sourceId: string;
  ok: boolean;
  inserted: number;
  replaced: number;
  rejected: number;
  activities: number;
  error: string | null;
}

type Counts = Pick<SyncOutcome, 'inserted' | 'replaced' | 'rejected' | 'activities'>;

/**
 * Syncs one source: each stream from its cursor, window by window. A window is written whole (every
 * page fetched and read first) and the cursor moves past it only then, so a restart resumes where it
 * stopped and a bad page leaves nothing half-written. Failures are recorded on the source, not thrown.
 */
export async function syncSource(
  ctx: AppContext,
  org: string,
  source: RuntimeSource,
  deps: {
    http: HttpClient;
    log: (line: string) => void;
    signal?: AbortSignal;
    /** Told the earliest timestamp of each window that wrote records, so detection can examine from there. */
    onWritten?: (earliest: Date) => void;
  },
): Promise<SyncOutcome> {
  const { settings } = source;
  const state = await readState(ctx.sources, org, settings.id);
  const counts: Counts = { inserted: 0, replaced: 0, rejected: 0, activities: 0 };
  state.lastAttemptAt = ctx.now().toISOString();
  const adapter = ADAPTERS[settings.kind];
  const pull: PullContext = {
    sourceId: settings.id,
    baseUrl: new URL(settings.baseUrl ?? adapter.defaultBaseUrl),
    key: source.key,
    http: deps.http,
    settings,
    notes: state.notes,
  };
  try {
    for (const stream of adapter.streams.filter((s) => s.name !== 'costs' || settings.costs)) {
      await syncStream(ctx, org, { source, stream, state, pull, counts, onWritten: deps.onWritten });
    }
  } catch (error) {
    // why: cut short by shutdown, the source did not fail; the windows written so far stay recorded.
    if (deps.signal?.aborted) throw error;
    const message = describeFailure(source, error);
    deps.log(message);
    Object.assign(state, {
      lastError: message,
      lastErrorAt: ctx.now().toISOString(),
      failure: kindOf(error),
    });
    await writeState(ctx.sources, org, settings.id, finish(state, counts), ctx.now());
    return { sourceId: settings.id, ok: false, ...counts, error: message };
  }
  Object.assign(state, {
    lastSuccessAt: ctx.now().toISOString(),
    lastError: null,
    lastErrorAt: null,
    failure: null,
  });
  await writeState(ctx.sources, org, settings.id, finish(state, counts), ctx.now());
  return { sourceId: settings.id, ok: true, ...counts, error: null };
}

interface StreamRun {
  source: RuntimeSource;
  stream: StreamSpec;
  state: SourceState;
  pull: PullContext;
  counts: Counts;
  onWritten?: (earliest: Date) => void;
}

async function syncStream(ctx: AppContext, org: string, run: StreamRun): Promise<void> {
  const { settings } = run.source;
  const adapter = ADAPTERS[settings.kind];
  const empty = { cursor: null, hourlyFrom: null, start: null };
  const planned = planWindows({
    stream: run.stream,
    cursor: run.state.streams[run.stream.name] ?? empty,
    now: ctx.now(),
    backfillDays: settings.backfillDays,
    overlapMs: settings.overlapHours === undefined ? undefined : settings.overlapHours * 3_600_000,
  });
  const cursor = planned.cursor;
  run.state.streams[run.stream.name] = cursor;
  for (const window of planned.windows) {
    const pulled = await adapter.fetch(run.pull, run.stream.name, window);
    run.state.recordsIngested += await write(
      ctx,
      { org, sourceId: settings.id, window },
      pulled,
      run.counts,
      run.onWritten,
    );
    const to = window.to.toISOString();
    if (!cursor.cursor || to > cursor.cursor) cursor.cursor = to;
    await writeState(ctx.sources, org, settings.id, finish(run.state, run.counts), ctx.now());
  }
}

/** Stores one window's records (replacing revised buckets) and activities; returns how many records were new. */
async function write(
  ctx: AppContext,
  at: { org: string; sourceId: string; window: PullWindow },
  pulled: PullResult,
  counts: Counts,
  onWritten?: (earliest: Date) => void,
): Promise<number> {
  const { org, sourceId } = at;
  if (pulled.activities.length) {
    const r = await addActivities(ctx, { org, source: sourceId, items: pulled.activities });
    counts.activities += r.accepted;
  }
  const { records, rejected } = prepareUsage(ctx, { org, source: sourceId, items: pulled.usage });
  const result = pulled.replaces
    ? await writeWindow(ctx, { org, source: sourceId, window: at.window, records, prefixes: pulled.replaces })
    : await ctx.usage.replaceUsage(org, records);
  counts.inserted += result.inserted;
  counts.replaced += result.replaced;
  if (onWritten && result.inserted + result.replaced > 0 && records.length) {
    onWritten(
      new Date(records.reduce((min, r) => Math.min(min, r.timestamp.getTime()), Number.POSITIVE_INFINITY)),
    );
  }
  counts.rejected += rejected.length;
  return result.inserted;
}

function finish(state: SourceState, counts: Counts): SourceState {
  return {
    ...state,
    lastRun: { inserted: counts.inserted, replaced: counts.replaced, rejected: counts.rejected },
  };
}

function kindOf(error: unknown): string {
  return error instanceof PullError ? error.kind : error instanceof AppError ? error.code : 'internal';
}

/** A failure in words: which source, what happened, and what to do about it. */
export function describeFailure(source: RuntimeSource, error: unknown): string {
  const { id, kind } = source.settings;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PullError && error.kind === 'auth') {
    const where = source.keyEnv ? `the environment variable ${source.keyEnv}` : `PUT /api/v1/sources/${id}`;
    return `source "${id}": ${message}. The key was refused: put ${KEY_HELP[kind]} in ${where}; scheduled syncs of this source pause for an hour (a manual sync, or a new key through the API, tries at once).`;
  }
  if (error instanceof PullError && error.kind === 'schema') {
    return `source "${id}": ${message}. Nothing from that window was written; the next sync fetches it again.`;
  }
  if (error instanceof PullError)
    return `source "${id}": ${message}; gave up after retries, the next sync resumes from here.`;
  return `source "${id}": ${message}`;
}
