import type { UsageRecord } from '../../domain/record.ts';
import { MODEL_PROFILES, type ModelName, type ModelProfile } from './models.ts';
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
  /** Fixed input bounds without the long tail, for jobs that feed documents of a steady size. */
  inputRange?: readonly [min: number, max: number];
  /** Seconds between calls; by default people pause to read, pipelines do not. */
  gapSeconds?: readonly [min: number, max: number];
  /** False for jobs whose calls share only a cached system prompt, not a growing conversation. */
  conversation?: boolean;
}

const SECOND_MS = 1_000;
/** Whole prompt (input plus cache) and plain input ceilings, like a client that trims its history. */
const MAX_PROMPT = 190_000;
const MAX_INPUT = 150_000;

type Tokens = Pick<
  UsageRecord,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens'
>;

/** A burst of calls by one person or job with one model, seconds to minutes apart. */
export function sessionRecords(r: Random, spec: SessionSpec): DraftRecord[] {
  const profile = MODEL_PROFILES[spec.model];
  const [minGap, maxGap] = spec.gapSeconds ?? (profile.embeddings || spec.batch ? [1, 8] : [15, 300]);
  const cache = { tokens: 0 };
  const records: DraftRecord[] = [];
  let at = spec.start.getTime();
  for (let call = 0; call < spec.calls; call++) {
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
      ...callTokens(r, profile, spec, cache, call === 0),
      requests: 1,
      costMicros: null,
      currency: 'USD',
      costKind: 'unpriced',
    });
    at += Math.round(r.logUniform(minGap, maxGap) * SECOND_MS);
  }
  return records;
}

/**
 * Token counts of one call, in the ledger's convention: input excludes cache tokens, output includes
 * reasoning. Prompts stay under 200k tokens, below any long-context price tier.
 */
function callTokens(
  r: Random,
  profile: ModelProfile,
  spec: SessionSpec,
  cache: { tokens: number },
  first: boolean,
): Tokens {
  const inputTokens = spec.inputRange
    ? Math.round(r.logUniform(...spec.inputRange))
    : sampleInput(r, spec.inputScale ?? 1, profile.embeddings === true);
  const reasoning = profile.reasoning;
  const reasoningTokens =
    reasoning && r.chance(reasoning.share) ? Math.round(r.logUniform(...reasoning.range)) : 0;
  const outputTokens = profile.embeddings ? 0 : Math.round(r.logUniform(150, 4_000)) + reasoningTokens;
  const tokens = { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens };
  if (!profile.cached || spec.batch) return tokens;
  // why: Anthropic bills cached prompt apart from input. A session writes its system prompt once, then
  // each turn re-reads it, plus the turns so far when the calls form one conversation.
  if (first) {
    cache.tokens = Math.min(Math.round(r.logUniform(5_000, 50_000)), MAX_PROMPT - inputTokens);
    return { ...tokens, cacheWriteTokens: cache.tokens };
  }
  const cacheReadTokens = Math.min(cache.tokens, MAX_PROMPT - inputTokens);
  if (spec.conversation ?? true) cache.tokens += inputTokens + outputTokens;
  return { ...tokens, cacheReadTokens };
}

/** Mostly 800-24k tokens; one call in four carries a long document or a big diff. */
function sampleInput(r: Random, scale: number, embeddings: boolean): number {
  if (embeddings) return Math.round(r.logUniform(500, 30_000) * scale);
  const tokens = r.chance(0.25) ? r.logUniform(24_000, 150_000) : r.logUniform(800, 24_000);
  return Math.round(Math.min(MAX_INPUT, tokens * scale));
}
