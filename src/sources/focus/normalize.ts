import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import { AI_CATEGORY, type FocusRow, providerOf } from './columns.ts';

/** A FOCUS row read: a record, a row outside AI spend (skipped and counted), or a row that cannot be read. */
export type FocusResult =
  | { kind: 'usage'; input: UsageInput }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; message: string };

const REQUIRED = ['ChargePeriodStart', 'BillingCurrency', 'ServiceCategory'] as const;

/**
 * One FOCUS 1.0–1.2 CSV row as a usage input. The cost is `BilledCost` (else `EffectiveCost`) in
 * `BillingCurrency`, billed unless the row is a spendlens export of an estimate (`x_CostKind`). Tokens
 * come from spendlens's `x_` columns when present, else from `ConsumedQuantity` in a token unit.
 */
export function focusRowToInput(raw: FocusRow): FocusResult {
  const row = trimmed(raw);
  const category = row.ServiceCategory;
  if (category !== undefined && category !== AI_CATEGORY)
    return { kind: 'skip', reason: `ServiceCategory "${category}"` };
  for (const column of REQUIRED) {
    if (!row[column]) return { kind: 'error', message: `${column} is empty or missing` };
  }
  const cost = row.BilledCost ?? row.EffectiveCost;
  if (cost === undefined) return { kind: 'error', message: 'BilledCost and EffectiveCost are both empty' };
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cost))
    return { kind: 'error', message: `BilledCost "${cost}" is not a decimal number` };
  let tags: Record<string, string>;
  try {
    tags = parseTags(row.Tags);
  } catch (error) {
    return { kind: 'error', message: `Tags: ${(error as Error).message}` };
  }
  const costKind = row.x_CostKind;
  const tokens = tokensOf(row);
  if (typeof tokens === 'string') return { kind: 'error', message: tokens };
  const input: UsageInput = {
    id: row.x_RecordId ?? bucketId(`focus:${row.ChargePeriodStart}`, stableParts(row)),
    timestamp: row.ChargePeriodStart as string,
    // why: a spendlens export marks point-in-time records by an empty x_EndTimestamp.
    endTimestamp: row.x_RecordId ? (row.x_EndTimestamp ?? null) : (row.ChargePeriodEnd ?? null),
    provider: row.x_Provider ?? providerOf(row.ProviderName ?? row.PublisherName ?? 'other'),
    service: row.x_Service ?? slug(row.ServiceName ?? 'focus'),
    model: modelOf(row),
    user: row.x_User ?? null,
    team: row.x_Team ?? null,
    project: row.x_Project ?? row.SubAccountName ?? row.SubAccountId ?? null,
    apiKey: row.x_ApiKey ?? null,
    context: row.x_Context ?? null,
    tags,
    ...tokens,
    cost: costKind === 'unpriced' ? null : cost,
    currency: row.BillingCurrency,
    ...(costKind === 'estimated' ? { costKind: 'estimated' as const } : { costKind: 'billed' as const }),
  };
  if (row.x_Source) input.source = row.x_Source;
  return { kind: 'usage', input };
}

function trimmed(raw: FocusRow): FocusRow {
  const out: FocusRow = {};
  for (const [key, value] of Object.entries(raw)) {
    const v = typeof value === 'string' ? value.trim() : value;
    if (v !== '' && v !== undefined && v !== null) out[key.trim()] = String(v);
  }
  return out;
}

function slug(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 64);
}

/** The model: `x_Model`, `SkuPriceDetails.x_model`, then `SkuId`, `ResourceName`, `ResourceId`. */
function modelOf(row: FocusRow): string {
  if (row.x_Model) return row.x_Model;
  if (row.x_model) return row.x_model;
  if (row.SkuPriceDetails) {
    try {
      const details = JSON.parse(row.SkuPriceDetails) as Record<string, unknown>;
      const model = details.x_model ?? details.x_Model;
      if (typeof model === 'string' && model) return model;
    } catch {
      // why: SkuPriceDetails is optional context; an unreadable one does not make the row unreadable.
    }
  }
  return row.SkuId ?? row.ResourceName ?? row.ResourceId ?? row.ChargeDescription ?? '(unknown)';
}

function parseTags(text: string | undefined): Record<string, string> {
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || typeof value === 'object') continue;
    out[key] = String(value);
  }
  return out;
}

type Tokens = Pick<
  UsageInput,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens' | 'requests'
>;

const X_TOKENS: [string, keyof Tokens][] = [
  ['x_InputTokens', 'inputTokens'],
  ['x_OutputTokens', 'outputTokens'],
  ['x_CacheReadTokens', 'cacheReadTokens'],
  ['x_CacheWriteTokens', 'cacheWriteTokens'],
  ['x_ReasoningTokens', 'reasoningTokens'],
  ['x_Requests', 'requests'],
];

/** Token counts, or an error message. A row without spendlens columns puts its token quantity in one field by meter. */
function tokensOf(row: FocusRow): Tokens | string {
  const out: Tokens = {};
  if (X_TOKENS.some(([column]) => row[column] !== undefined)) {
    for (const [column, field] of X_TOKENS) {
      const value = row[column];
      if (value === undefined) continue;
      if (!/^\d+$/.test(value)) return `${column} "${value}" is not a whole number`;
      out[field] = Number(value);
    }
    return out;
  }
  out.requests = 0;
  const unit = row.ConsumedUnit ?? '';
  const quantity = row.ConsumedQuantity;
  const match = /^(?:(\d+(?:\.\d+)?)\s*([kKmM]?)\s+)?tokens?$/i.exec(unit.trim());
  if (!quantity || !match) return out;
  const n = Number(quantity);
  if (!Number.isFinite(n) || n < 0) return `ConsumedQuantity "${quantity}" is not a non-negative number`;
  const scale = Number(match[1] ?? 1) * ({ k: 1e3, m: 1e6 }[match[2]?.toLowerCase() ?? ''] ?? 1);
  const tokens = Math.round(n * scale);
  const meter = `${row.x_TokenType ?? ''} ${row.SkuMeter ?? ''} ${row.ChargeDescription ?? ''}`.toLowerCase();
  if (/cache[_ ]?read|cached input/.test(meter)) out.cacheReadTokens = tokens;
  else if (/cache[_ ]?(write|creation)/.test(meter)) out.cacheWriteTokens = tokens;
  else if (/output/.test(meter)) out.outputTokens = tokens;
  else out.inputTokens = tokens;
  return out;
}

/** Everything that identifies a row, for a stable id: re-importing the same file adds nothing. */
function stableParts(row: FocusRow): string[] {
  return Object.keys(row)
    .sort()
    .map((key) => `${key}=${row[key]}`);
}
