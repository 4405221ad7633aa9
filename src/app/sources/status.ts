import type { StoredSource } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { readState } from './state.ts';

/** A source as `GET /api/v1/sources` and `spendlens sources` show it: settings, masked key, health. */
export interface SourceStatus {
  id: string;
  kind: string;
  origin: 'config' | 'api';
  settings: Record<string, unknown>;
  keyHint: string | null;
  status: 'ok' | 'failing' | 'pending';
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Seconds between now and the point every stream has fetched up to; null before the first window. */
  lagSeconds: number | null;
  recordsIngested: number;
  /** What the source says of itself, e.g. which Anthropic API its key reaches; null when it says nothing. */
  detail: string | null;
}

export async function sourceStatus(ctx: AppContext, row: StoredSource): Promise<SourceStatus> {
  const state = await readState(ctx.sources, row.org, row.id);
  const cursors = Object.values(state.streams).map((s) => s.cursor);
  const oldest =
    cursors.length && cursors.every((c) => c !== null)
      ? Math.min(...cursors.map((c) => Date.parse(c as string)))
      : null;
  return {
    id: row.id,
    kind: row.kind,
    origin: row.origin,
    settings: row.settings,
    keyHint: row.origin === 'config' ? `$${String(row.settings.keyEnv)}` : row.keyHint,
    status: state.lastError ? 'failing' : state.lastSuccessAt ? 'ok' : 'pending',
    lastAttemptAt: state.lastAttemptAt,
    lastSuccessAt: state.lastSuccessAt,
    lastError: state.lastError,
    lagSeconds: oldest === null ? null : Math.max(0, Math.round((ctx.now().getTime() - oldest) / 1000)),
    recordsIngested: state.recordsIngested,
    detail: state.notes.detail ?? null,
  };
}

export async function listSourceStatus(ctx: AppContext, org: string): Promise<SourceStatus[]> {
  const rows = await ctx.sources.listSources(org);
  return Promise.all(rows.map((r) => sourceStatus(ctx, r)));
}
