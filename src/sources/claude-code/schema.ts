import { z } from 'zod';

const count = z.number().int().nonnegative();

/** `message.usage` of an assistant line, as the Anthropic Messages API reports it. */
const usageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
  cache_creation: z
    .object({
      ephemeral_5m_input_tokens: count.nullish(),
      ephemeral_1h_input_tokens: count.nullish(),
    })
    .nullish(),
  speed: z.string().nullish(),
});

/**
 * An assistant line of a Claude Code session log (`projects/<project>/<session>.jsonl`) with usage, as
 * ccusage reads it. Other fields are ignored; every one but the usage counts and timestamp is optional.
 */
export const claudeLineSchema = z.object({
  timestamp: z.string().min(1),
  sessionId: z.string().min(1).nullish(),
  requestId: z.string().min(1).nullish(),
  uuid: z.string().min(1).nullish(),
  cwd: z.string().min(1).nullish(),
  isSidechain: z.boolean().nullish(),
  isApiErrorMessage: z.boolean().nullish(),
  costUSD: z.number().nonnegative().nullish(),
  message: z.object({
    id: z.string().min(1).nullish(),
    model: z.string().min(1).nullish(),
    usage: usageSchema,
  }),
});
export type ClaudeLine = z.output<typeof claudeLineSchema>;
