import type { UsageInput } from '../../normalize/usage.ts';
import type { ClaudeLine } from './schema.ts';

/** One assistant message's usage, with what deduplication needs to pick between copies. */
export interface ClaudeEntry {
  /** ccusage's key: `message.id:requestId` (or the message id alone); null when the line has no message id. */
  key: string | null;
  messageId: string | null;
  sidechain: boolean;
  /** Input, output, cache write and cache read tokens together: the more, the more complete the copy. */
  total: number;
  hasSpeed: boolean;
  /** One record, or two when the message wrote to both the 5-minute and the 1-hour cache. */
  records: UsageInput[];
}

/** Who and what an entry is attributed to. */
export interface Attribution {
  user: string;
  project: string;
}

/**
 * A Claude Code assistant line as usage records, priced later from the catalog. Anthropic's
 * `input_tokens` already excludes cache tokens. An old log's `costUSD` is kept as the source's estimate,
 * used only when the catalog does not know the model. 1-hour cache writes cost more than 5-minute ones,
 * so they go into a second record tagged `cacheTtl: 1h` when a message has both.
 */
export function claudeEntry(line: ClaudeLine, who: Attribution): ClaudeEntry {
  const { message } = line;
  const u = message.usage;
  const key = message.id ? (line.requestId ? `${message.id}:${line.requestId}` : message.id) : null;
  const writes = u.cache_creation_input_tokens ?? 0;
  const split = u.cache_creation;
  const writeTotal = split && !u.cache_creation_input_tokens ? sum(split) : writes;
  const write1h = Math.min(split?.ephemeral_1h_input_tokens ?? 0, writeTotal);
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const tags: Record<string, string> = { agent: 'claude-code' };
  if (line.sessionId) tags.session = line.sessionId;
  const base: UsageInput = {
    id: key ? `claude:${key}` : line.uuid ? `claude:line:${line.uuid}` : undefined,
    source: 'claude-code',
    timestamp: line.timestamp,
    provider: 'anthropic',
    model: u.speed === 'fast' ? `${message.model}-fast` : (message.model as string),
    user: who.user,
    project: who.project,
    tags,
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: writeTotal - write1h,
    ...(line.costUSD == null ? {} : { cost: line.costUSD, costKind: 'estimated' as const }),
  };
  return {
    key,
    messageId: message.id ?? null,
    sidechain: line.isSidechain === true,
    total: u.input_tokens + u.output_tokens + writeTotal + cacheRead,
    hasSpeed: u.speed != null,
    records: splitLongCache(base, write1h),
  };
}

function splitLongCache(base: UsageInput, write1h: number): UsageInput[] {
  if (write1h === 0) return [base];
  const tags = { ...base.tags, cacheTtl: '1h' };
  if (base.cacheWriteTokens === 0) return [{ ...base, cacheWriteTokens: write1h, tags }];
  const long: UsageInput = {
    ...base,
    id: base.id && `${base.id}:1h`,
    tags,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: write1h,
    requests: 0,
    cost: undefined,
    costKind: undefined,
  };
  return [base, long];
}

function sum(split: NonNullable<ClaudeLine['message']['usage']['cache_creation']>): number {
  return (split.ephemeral_5m_input_tokens ?? 0) + (split.ephemeral_1h_input_tokens ?? 0);
}
