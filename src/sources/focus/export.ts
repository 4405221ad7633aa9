import { csvCell } from '../../domain/csv.ts';
import { formatMicros } from '../../domain/money.ts';
import type { UsageRecord } from '../../domain/record.ts';
import { AI_CATEGORY, EXPORT_COLUMNS, type FocusRow, providerName } from './columns.ts';

const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, 'Z');

/** One ledger record as a FOCUS row; spendlens's own fields ride along in `x_` columns. */
export function recordToFocusRow(r: UsageRecord): FocusRow {
  const cost = r.costMicros === null ? '0' : formatMicros(r.costMicros);
  const end = r.endTimestamp ?? r.timestamp;
  const month = new Date(Date.UTC(r.timestamp.getUTCFullYear(), r.timestamp.getUTCMonth(), 1));
  const nextMonth = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
  const tokens = r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens + r.reasoningTokens;
  const provider = providerName(r.provider);
  return {
    BilledCost: cost,
    EffectiveCost: cost,
    ListCost: cost,
    ContractedCost: cost,
    BillingCurrency: r.currency,
    ChargePeriodStart: iso(r.timestamp),
    ChargePeriodEnd: iso(end),
    BillingPeriodStart: iso(month),
    BillingPeriodEnd: iso(nextMonth),
    BillingAccountId: r.org,
    SubAccountId: r.project ?? '',
    SubAccountName: r.project ?? '',
    ProviderName: provider,
    PublisherName: provider,
    InvoiceIssuerName: provider,
    ServiceName: `${provider} ${r.service}`,
    ServiceCategory: AI_CATEGORY,
    ServiceSubcategory: 'Generative AI',
    ChargeCategory: chargeCategoryOf(r),
    ChargeClass: r.tags.chargeClass === 'Correction' ? 'Correction' : '',
    ChargeFrequency: 'Usage-Based',
    ChargeDescription: `${r.model} ${r.service}`,
    ConsumedQuantity: tokens ? String(tokens) : '',
    ConsumedUnit: tokens ? 'Tokens' : '',
    ResourceId: r.apiKey ?? '',
    SkuId: r.model,
    Tags: Object.keys(r.tags).length ? JSON.stringify(r.tags) : '',
    x_RecordId: r.id,
    x_EndTimestamp: r.endTimestamp ? iso(r.endTimestamp) : '',
    x_Source: r.source,
    x_Provider: r.provider,
    x_Service: r.service,
    x_Model: r.model,
    x_User: r.user ?? '',
    x_Team: r.team ?? '',
    x_Project: r.project ?? '',
    x_ApiKey: r.apiKey ?? '',
    x_Context: r.context ?? '',
    x_CostKind: r.costKind,
    x_InputTokens: String(r.inputTokens),
    x_OutputTokens: String(r.outputTokens),
    x_CacheReadTokens: String(r.cacheReadTokens),
    x_CacheWriteTokens: String(r.cacheWriteTokens),
    x_ReasoningTokens: String(r.reasoningTokens),
    x_Requests: String(r.requests),
  };
}

const CHARGE_CATEGORIES = new Set(['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']);

/** A record imported from a bill keeps its FOCUS charge category in a tag; anything else is usage. */
function chargeCategoryOf(r: UsageRecord): string {
  const category = r.tags.chargeCategory;
  return category !== undefined && CHARGE_CATEGORIES.has(category) ? category : 'Usage';
}

// why: only these columns hold numbers spendlens formats itself; every other cell is text from the ledger.
const NUMERIC = new Set<string>([
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'ConsumedQuantity',
  'x_InputTokens',
  'x_OutputTokens',
  'x_CacheReadTokens',
  'x_CacheWriteTokens',
  'x_ReasoningTokens',
  'x_Requests',
]);

export function focusHeader(): string {
  return `${EXPORT_COLUMNS.join(',')}\r\n`;
}

/** One record as a CSV line, each cell safe to open in a spreadsheet (src/domain/csv.ts). */
export function focusLine(r: UsageRecord): string {
  const row = recordToFocusRow(r);
  return `${EXPORT_COLUMNS.map((c) => csvCell(row[c] ?? '', NUMERIC.has(c) ? 'number' : 'text')).join(',')}\r\n`;
}
