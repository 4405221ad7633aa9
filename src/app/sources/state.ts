import { z } from 'zod';
import type { SourceRepo } from '../../store/types.ts';

const at = z.string().nullable().default(null);

const streamSchema = z.object({ cursor: at, hourlyFrom: at, start: at });

/** A source's sync state document: cursors per stream and the last outcome. */
export const sourceStateSchema = z.object({
  streams: z.record(z.string(), streamSchema).default({}),
  lastAttemptAt: at,
  lastSuccessAt: at,
  lastError: at,
  lastErrorAt: at,
  /** The kind of the last failure (auth, http, schema, …); null when the last sync succeeded. */
  failure: at,
  /** When the current failure streak began (for the once-per-streak `source_failing` alert); null when healthy. */
  failingSince: at,
  recordsIngested: z.number().int().default(0),
  /** What the adapter remembers of the source (`PullContext.notes`). */
  notes: z.record(z.string(), z.string()).default({}),
  lastRun: z
    .object({ inserted: z.number(), replaced: z.number(), rejected: z.number() })
    .nullable()
    .default(null),
});
export type SourceState = z.output<typeof sourceStateSchema>;

/** The stored state of a source, or a fresh one; a damaged document starts over rather than stopping it. */
export async function readState(sources: SourceRepo, org: string, sourceId: string): Promise<SourceState> {
  const found = await sources.getSourceState(org, sourceId);
  const parsed = sourceStateSchema.safeParse(found?.state ?? {});
  return parsed.success ? parsed.data : sourceStateSchema.parse({});
}

export async function writeState(
  sources: SourceRepo,
  org: string,
  sourceId: string,
  state: SourceState,
  now: Date,
) {
  await sources.putSourceState({ org, sourceId, state, updatedAt: now });
}
