import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import { presentCells, utcInstant } from './cells.ts';
import { AI_CATEGORY, type FocusRow, providerOf } from './columns.ts';
import { tokensOf } from './tokens.ts';

/** A FOCUS row read: a record, a row outside AI spend (skipped and counted), or a row that cannot be read. */
export type FocusResult =
  | { kind: 'usage'; input: UsageInput }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; message: string };

const REQUIRED = ['ChargePeriodStart', 'BillingCurrency'] as const;

/**
 * One FOCUS 1.0–1.2 CSV row as a usage input. The cost is `BilledCost` (else `EffectiveCost`) in
 * `BillingCurrency`, billed unless the row is a spendlens export of an estimate (`x_CostKind`); a credit
 * or correction stays negative. Tokens come from spendlens's `x_` columns when present, else from
 * `ConsumedQuantity` in a token unit. Date-times without a zone are UTC, as FOCUS defines them.
 */
export function focusRowToInput(raw: FocusRow): FocusResult {
  const row = presentCells(raw);
  const category = row.ServiceCategory;
  if (category === undefined) return { kind: 'skip', reason: 'ServiceCategory empty' };
  if (category.toLowerCase() !== AI_CATEGORY.toLowerCase())
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
  const start = utcInstant(row.ChargePeriodStart as string);
  const input: UsageInput = {
    id: row.x_RecordId ?? bucketId(`focus:${start}`, stableParts(row)),
    timestamp: start,
    // why: a spendlens export marks point-in-time records by an empty x_EndTimestamp.
    endTimestamp: instantOrNull(row.x_RecordId ? row.x_EndTimestamp : row.ChargePeriodEnd),
    provider: row.x_Provider ?? providerOf(row.ProviderName ?? row.PublisherName ?? 'other'),
    service: row.x_Service ?? slug(row.ServiceName ?? 'focus'),
    model: modelOf(row),
    user: row.x_User ?? null,
    team: row.x_Team ?? null,
    project: row.x_Project ?? row.SubAccountName ?? row.SubAccountId ?? null,
    apiKey: row.x_ApiKey ?? null,
    context: row.x_Context ?? null,
    // why: a spendlens export carries every tag in Tags already, a credit's chargeCategory among them.
    tags: row.x_RecordId ? tags : { ...tags, ...tokens.tags, ...chargeTags(row, cost) },
    ...tokens.tokens,
    cost: costKind === 'unpriced' ? null : cost,
    currency: row.BillingCurrency,
    ...(costKind === 'estimated' ? { costKind: 'estimated' as const } : { costKind: 'billed' as const }),
  };
  if (row.x_Source) input.source = row.x_Source;
  return { kind: 'usage', input };
}

function instantOrNull(text: string | undefined): string | null {
  return text === undefined ? null : utcInstant(text);
}

/**
 * Marks a line that is not plain usage (a credit, an adjustment, a correction, a negative amount) with its
 * `chargeCategory` and `chargeClass`, so it can be shown as a credit.
 */
function chargeTags(row: FocusRow, cost: string): Record<string, string> {
  const category = row.ChargeCategory ?? 'Usage';
  if (category === 'Usage' && !row.ChargeClass && !cost.startsWith('-')) return {};
  return { chargeCategory: category, ...(row.ChargeClass ? { chargeClass: row.ChargeClass } : {}) };
}

function slug(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 64);
}

/**
 * The model: `x_Model`, `SkuPriceDetails.x_model`, then `SkuId` unless it is a bare number (Azure's meter
 * ids say nothing to a reader), `ChargeDescription`, `ResourceName`, `ResourceId`.
 */
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
  const sku = row.SkuId && !/^\d+$/.test(row.SkuId) ? row.SkuId : undefined;
  return (sku ?? row.ChargeDescription ?? row.ResourceName ?? row.ResourceId ?? '(unknown)').slice(0, 200);
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

/** Everything that identifies a row, for a stable id: re-importing the same file adds nothing. */
function stableParts(row: FocusRow): string[] {
  return Object.keys(row)
    .sort()
    .map((key) => `${key}=${row[key]}`);
}
