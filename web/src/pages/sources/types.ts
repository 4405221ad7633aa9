import type { z } from 'zod';
import type { Source as SourceSchema, SyncResult } from '../../../../src/domain/api/operations.ts';

/** The kinds of pull source the API takes (`src/config/sources.ts`), in the order the form offers them. */
export const SOURCE_KINDS = [
  'openai',
  'anthropic',
  'claude-code-analytics',
  'cursor',
  'copilot',
  'openrouter',
  'bedrock',
  'azure-openai',
  'feed',
  'activity',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

// The answers are the contract's types (src/domain/api), not copies of them.
/** A source as `GET /api/v1/sources` answers it: settings, masked key hint, and health. */
export type Source = Omit<z.infer<typeof SourceSchema>, 'settings'> & {
  /** Per kind (src/config/sources.ts); the form reads the fields it knows. */
  settings: Record<string, unknown>;
};
export type SourcesResponse = { sources: Source[] };
/** `POST /api/v1/sources/:id/sync`. */
export type SyncAnswer = Omit<z.infer<typeof SyncResult>, 'source'> & { source: Source };

/** Settings a PUT carries back unchanged (the form then sets its own); anything else stored is left out. */
const KEPT = [
  'baseUrl',
  'poll',
  'backfillDays',
  'overlapHours',
  'rateLimit',
  'timeoutSeconds',
  'endpoints',
  'costs',
  'project',
  'organization',
  'seatPrices',
  'accessKeyId',
  'scope',
  'tenantId',
  'clientId',
  'authorityUrl',
  'api',
  'enabled',
] as const;

export function keptSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEPT) if (settings[key] !== undefined && settings[key] !== null) out[key] = settings[key];
  return out;
}

/** Seconds of lag in words: "12 s", "4 min", "3 h", "2 d". */
export function formatLag(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/** The status as a word people read: healthy, failing, never synced. */
export function statusWord(source: Source): string {
  if (source.status === 'ok') return 'Healthy';
  if (source.status === 'failing') return 'Failing';
  return 'Never synced';
}
