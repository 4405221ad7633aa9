import { decimalToScaled, formatMicros } from '../../domain/money.ts';
import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import type { Width } from '../http/adapter.ts';
import { bucketId, countTags } from '../http/ids.ts';
import type { OrgCostPage, OrgCostRow, UserCostRow, UserUsageRow } from './analytics-schema.ts';

// why: the same instant may be spelled with or without milliseconds; ids must not depend on it.
const instant = (text: string) => new Date(text).toISOString();

/** Fractional cents to micro-dollars: cents × 10^4, exact up to four decimals; `exact` says whether it was. */
export function centsToMicros(text: string): { micros: bigint; exact: boolean } {
  const micros = decimalToScaled(text, 4) ?? 0n;
  const finer = decimalToScaled(text, 10) ?? 0n;
  return { micros, exact: micros * 1_000_000n === finer };
}

type Row = UserUsageRow | UserCostRow;
const rowKey = (r: Row) =>
  JSON.stringify([
    instant(r.starting_at),
    r.actor.user_id,
    r.product,
    r.model,
    r.context_window,
    r.inference_geo,
    r.speed,
  ]);

/**
 * A user's usage and cost rows of the same bucket and dimensions as one record each: tokens and
 * requests from the usage report, the exact post-discount amount from the cost report (`billed`).
 * The two reports describe the same spend, so they are joined, never added. A usage row without a
 * cost row is left for the catalog to price; a cost row without usage still counts, with no tokens.
 */
export function userRowsToInputs(width: Width, usage: UserUsageRow[], costs: UserCostRow[]): UsageInput[] {
  const costByKey = new Map<string, { micros: bigint; list: bigint; exact: boolean; row: UserCostRow }>();
  for (const c of costs) {
    const key = rowKey(c);
    const amount = centsToMicros(c.amount);
    const list = c.list_amount ? centsToMicros(c.list_amount).micros : 0n;
    const prev = costByKey.get(key);
    costByKey.set(key, {
      micros: (prev?.micros ?? 0n) + amount.micros,
      list: (prev?.list ?? 0n) + list,
      exact: (prev?.exact ?? true) && amount.exact,
      row: c,
    });
  }
  const out: UsageInput[] = [];
  for (const u of usage) {
    const key = rowKey(u);
    const cost = costByKey.get(key);
    costByKey.delete(key);
    out.push(...usageRecords(width, u, cost));
  }
  for (const cost of costByKey.values()) out.push(...usageRecords(width, cost.row, cost));
  return out;
}

function usageRecords(
  width: Width,
  r: Row,
  cost: { micros: bigint; list: bigint; exact: boolean; row: UserCostRow } | undefined,
): UsageInput[] {
  const u = 'output_tokens' in r ? r : null;
  const id = bucketId(`anthropic:analytics:${width}:${instant(r.starting_at)}`, [
    r.actor.user_id,
    r.product,
    r.model,
    r.context_window,
    r.inference_geo,
    r.speed,
  ]);
  const tags: Record<string, string> = {
    api: 'analytics',
    userId: r.actor.user_id,
    ...(r.product ? { product: r.product } : {}),
    ...(r.product === 'claude_code' ? { agent: 'claude-code' } : {}),
    ...(r.context_window ? { contextWindow: r.context_window } : {}),
    ...(r.inference_geo ? { inferenceGeo: r.inference_geo } : {}),
    ...(r.speed ? { speed: r.speed } : {}),
    ...(r.actor.deleted ? { deletedUser: 'true' } : {}),
  };
  const base: UsageInput = {
    id,
    timestamp: r.starting_at,
    endTimestamp: r.ending_at,
    provider: 'anthropic',
    service: 'chat',
    model: r.model ?? '(unknown)',
    // why: a deleted account has no email; its user id still tells its spend apart.
    user: r.actor.email ?? r.actor.user_id,
    requests: u?.requests ?? 0,
    inputTokens: u?.uncached_input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    cacheReadTokens: u?.cache_read_input_tokens ?? 0,
    tags: { ...tags, ...countTags({ webSearchRequests: u?.server_tool_use?.web_search_requests }) },
  };
  const fiveMin = u?.cache_creation.ephemeral_5m_input_tokens ?? 0;
  const hour = u?.cache_creation.ephemeral_1h_input_tokens ?? 0;
  if (cost) {
    const money = {
      cost: formatMicros(cost.micros),
      currency: cost.row.currency,
      costKind: 'billed' as const,
      cacheWriteTokens: fiveMin + hour,
    };
    const extra = {
      ...(cost.list !== cost.micros && cost.list > 0n ? { listCost: formatMicros(cost.list) } : {}),
      ...(cost.exact ? {} : { costRounded: 'sub-micro cents rounded' }),
    };
    return [{ ...base, ...money, tags: { ...base.tags, ...extra } }];
  }
  // why: unpriced by the API, the catalog prices it; 1-hour cache writes cost more, so they go apart.
  const main = { ...base, cacheWriteTokens: fiveMin };
  if (hour === 0) return [main];
  const hourly = { ...base, id: `${id}:1h`, tags: { ...tags, cacheTtl: '1h' }, cacheWriteTokens: hour };
  return [main, { ...hourly, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, requests: 0 }];
}

/** The organization's cost report as `billed` invoice lines (service cost-report), kept apart from spend. */
export function orgCostToInputs(page: OrgCostPage): UsageInput[] {
  return page.data.flatMap((b) => b.results.map((r) => orgLine(b, r)));
}

function orgLine(bucket: { starting_at: string; ending_at: string }, r: OrgCostRow): UsageInput {
  const dims = [r.product, r.model, r.cost_type, r.token_type, r.context_window, r.inference_geo, r.speed];
  const { micros, exact } = centsToMicros(r.amount);
  return {
    id: bucketId(`anthropic:analytics-cost:1d:${instant(bucket.starting_at)}`, dims),
    timestamp: bucket.starting_at,
    endTimestamp: bucket.ending_at,
    provider: 'anthropic',
    service: INVOICE_SERVICE,
    model: r.model ?? r.product ?? '(all products)',
    tags: {
      api: 'analytics',
      ...(r.product ? { product: r.product } : {}),
      ...(r.cost_type ? { costType: r.cost_type } : {}),
      ...(r.token_type ? { tokenType: r.token_type } : {}),
      ...(r.list_amount ? { listCost: formatMicros(centsToMicros(r.list_amount).micros) } : {}),
      ...(exact ? {} : { costRounded: 'sub-micro cents rounded' }),
      ...(micros < 0n ? { credit: 'true' } : {}),
    },
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
    cost: formatMicros(micros),
    currency: r.currency,
    costKind: 'billed',
  };
}
