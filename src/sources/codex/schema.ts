import { z } from 'zod';

const count = z.number().int().nonnegative();

/** Codex's token counters (`TokenUsage`); `input_tokens` includes the cached part, `output_tokens` the reasoning. */
export const codexUsageSchema = z.object({
  input_tokens: count.default(0),
  cached_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
  output_tokens: count.default(0),
  reasoning_output_tokens: count.default(0),
  total_tokens: count.nullish(),
});
export type CodexUsage = z.output<typeof codexUsageSchema>;

/** Every line of a Codex session log (`sessions/YYYY/MM/DD/rollout-….jsonl`): `{timestamp, type, payload}`. */
export const codexLineSchema = z.object({
  timestamp: z.string().min(1).optional(),
  type: z.string(),
  payload: z.unknown().optional(),
});

/** `session_meta` and `turn_context` payloads: where the session runs and with which model. */
export const codexContextSchema = z.object({
  id: z.string().min(1).nullish(),
  cwd: z.string().min(1).nullish(),
  model: z.string().min(1).nullish(),
});

/**
 * The parent a `session_meta` names: a fork (`forked_from_id`) or a sub-agent
 * (`source.subagent.thread_spawn.parent_thread_id`). Either file starts by replaying the parent's history.
 */
export const codexParentSchema = z
  .object({
    forked_from_id: z.string().min(1).nullish(),
    source: z
      .object({
        subagent: z
          .object({ thread_spawn: z.object({ parent_thread_id: z.string().min(1).nullish() }).nullish() })
          .nullish(),
      })
      .nullish()
      .catch(null),
  })
  .transform((p) => p.forked_from_id ?? p.source?.subagent?.thread_spawn?.parent_thread_id ?? null);

/** An `event_msg` of type `token_count`; `info` is null before the first response of a turn. */
export const tokenCountSchema = z.object({
  type: z.literal('token_count'),
  info: z
    .object({
      total_token_usage: codexUsageSchema.nullish(),
      last_token_usage: codexUsageSchema.nullish(),
      model: z.string().min(1).nullish(),
    })
    .nullish(),
});
