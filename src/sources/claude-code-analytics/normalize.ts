import { decimalToScaled, formatMicros } from '../../domain/money.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import type { ModelShare, Row } from './schema.ts';

const DAY_MS = 86_400_000;

/**
 * One report row as one record per model. The person's email is the user (an API-key actor has none:
 * its key name is the `apiKey`); the terminal and remote/local go into tags. The cost is Anthropic's own
 * estimate, so it is kept as the provider-reported figure (`billed`, tagged `costBasis: estimate`): the
 * catalog cannot re-derive it, since the report does not split cache writes into 5-minute and 1-hour.
 */
export function rowToInputs(row: Row): UsageInput[] {
  const start = new Date(row.date);
  const day = start.toISOString().slice(0, 10);
  const who = row.actor.type === 'user_actor' ? row.actor.email_address : row.actor.api_key_name;
  const tags: Record<string, string> = {
    agent: 'claude-code',
    costBasis: 'estimate',
    ...(row.terminal_type ? { terminal: row.terminal_type } : {}),
    ...(row.is_remote != null ? { remote: String(row.is_remote) } : {}),
    ...(row.customer_type ? { customerType: row.customer_type } : {}),
    ...(row.subscription_type ? { subscriptionType: row.subscription_type } : {}),
  };
  return row.model_breakdown.map((m) => ({
    // why: the documented row key is (date, actor, terminal, remote); the model splits it further.
    id: bucketId(`claude-code-analytics:1d:${day}`, [
      row.actor.type,
      who,
      row.terminal_type,
      row.is_remote,
      m.model,
    ]),
    timestamp: start.toISOString(),
    endTimestamp: new Date(start.getTime() + DAY_MS).toISOString(),
    provider: 'anthropic',
    service: 'chat',
    model: m.model,
    user: row.actor.type === 'user_actor' ? who : null,
    apiKey: row.actor.type === 'api_actor' ? who : null,
    tags,
    inputTokens: m.tokens.input,
    outputTokens: m.tokens.output,
    cacheReadTokens: m.tokens.cache_read,
    cacheWriteTokens: m.tokens.cache_creation,
    requests: 0,
    ...cost(m),
  }));
}

/** Minor units (cents) to an exact decimal: cents × 10^4 are micro-units, no float involved. */
function cost(m: ModelShare): Pick<UsageInput, 'cost' | 'currency' | 'costKind'> {
  const micros = decimalToScaled(String(m.estimated_cost.amount), 4) ?? 0n;
  return { cost: formatMicros(micros), currency: m.estimated_cost.currency, costKind: 'billed' };
}
