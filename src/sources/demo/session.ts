import type { UsageRecord } from '../../domain/record.ts';
import { MODEL_PROFILES, type ModelName } from './models.ts';
import type { Random } from './random.ts';

/** A record before it gets its place in the ledger: no id, no org yet. */
export type DraftRecord = Omit<UsageRecord, 'id' | 'org'>;

/** Who runs a session, on what, and where from; `context: null` is an ad-hoc script. */
export interface SessionSpec {
  start: Date;
  calls: number;
  user: string;
  team: string;
  project: string;
  context: string | null;
  env: 'prod' | 'dev';
  model: ModelName;
  batch?: boolean;
  /** Scales input sizes, for jobs that feed whole documents. */
  inputScale?: number;
}

const SECOND_MS = 1_000;
const MAX_CACHED_CONTEXT = 180_000;

/** A burst of calls by one person or job with one model, seconds to minutes apart. */
export function sessionRecords(r: Random, spec: SessionSpec): DraftRecord[] {
  const profile = MODEL_PROFILES[spec.model];
  const quick = profile.embeddings || spec.batch;
  const records: DraftRecord[] = [];
  let at = spec.start.getTime();
  // why: Anthropic bills the cached prefix apart; later turns re-read it plus the conversation so far.
  let cached = 0;
  for (let call = 0; call < spec.calls; call++) {
    const input = inputTokens(r, spec.inputScale ?? 1, profile.embeddings === true);
    const output = profile.embeddings ? 0 : Math.round(r.logUniform(100, 4_000));
    let cacheRead = 0;
    let cacheWrite = 0;
    if (profile.cached && !spec.batch) {
      if (call === 0) cacheWrite = Math.round(r.logUniform(2_000, 30_000));
      else cacheRead = cached;
      if (call > 0 && r.chance(0.25)) cacheWrite = input;
      cached = Math.min(MAX_CACHED_CONTEXT, cached + cacheWrite + (call > 0 ? input + output : 0));
    }
    const reasoning = profile.reasoning && r.chance(profile.reasoning.share) ? profile.reasoning.range : null;
    records.push({
      source: 'demo',
      timestamp: new Date(at),
      endTimestamp: null,
      provider: profile.provider,
      service: profile.embeddings ? 'embeddings' : spec.batch ? 'batch' : 'chat',
      model: spec.model,
      user: spec.user,
      team: spec.team,
      project: spec.project,
      apiKey: `key_${spec.project}`,
      context: spec.context,
      tags: { env: spec.env },
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      reasoningTokens: reasoning ? Math.round(r.logUniform(reasoning[0], reasoning[1])) : 0,
      requests: 1,
      costMicros: null,
      currency: 'USD',
      costKind: 'unpriced',
    });
    at += Math.round((quick ? r.logUniform(1, 8) : r.logUniform(15, 300)) * SECOND_MS);
  }
  return records;
}

/** Mostly 800-24k tokens; one call in eight carries a long document or a big diff. */
function inputTokens(r: Random, scale: number, embeddings: boolean): number {
  if (embeddings) return Math.round(r.logUniform(200, 8_000) * scale);
  const tokens = r.chance(0.12) ? r.logUniform(24_000, 150_000) : r.logUniform(800, 24_000);
  return Math.round(tokens * scale);
}
