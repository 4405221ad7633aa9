import { z } from 'zod';
import type { CodexCarry } from './parse.ts';
import { codexSessionFromFile } from './paths.ts';

const count = z.number().int().nonnegative();

// why: carries saved before running totals kept `total` lack it; Codex writes it as input plus output.
const countersSchema = z
  .object({ input: count, cached: count, output: count, reasoning: count, total: count.optional() })
  .transform((c) => ({ ...c, total: c.total ?? c.input + c.output }));

const replaySchema = z.union([
  z.object({ parent: z.string(), cutoff: z.string(), matched: count }),
  z.object({ second: z.string() }),
]);

/** A carry as the collector's state file holds it, written by this version or an older one. */
const storedCarrySchema = z.object({
  session: z.string(),
  model: z.string().nullable(),
  project: z.string().nullable(),
  totals: countersSchema.nullable(),
  started: z.boolean().optional(),
  replay: replaySchema.nullish(),
});

const SESSION_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where reading a log goes on from: the carry saved with its offset, or a fresh one for a log read from
 * its start (or whose saved carry is unreadable). A carry saved before `started` existed came from a log
 * read from its start, so its `session_meta` was read if the session is no longer the file's name; its
 * session may then be a parent's (the last `session_meta` read), so the file name's own id is taken.
 */
export function resumeCodexCarry(stored: unknown, file: string): CodexCarry {
  const fromFile = codexSessionFromFile(file);
  const parsed = storedCarrySchema.safeParse(stored);
  if (!parsed.success) return { session: fromFile, model: null, project: null, totals: null };
  const carry = parsed.data;
  if (carry.started !== undefined) return carry;
  const started = carry.session !== fromFile;
  const session = started ? (SESSION_ID.exec(fromFile)?.[0] ?? carry.session) : carry.session;
  return { ...carry, session, started };
}
