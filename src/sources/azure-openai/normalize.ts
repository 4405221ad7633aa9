import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import { PullError } from '../http/errors.ts';
import { bucketId } from '../http/ids.ts';
import type { QueryPage } from './schema.ts';

const DAY_MS = 86_400_000;
/** The cost column goes by the aggregation's alias or by the source column, per account type. */
const COST_COLUMNS = ['totalCost', 'Cost', 'CostUSD', 'PreTaxCost'];
const REQUIRED = ['UsageDate', 'Meter', 'ResourceId', 'Currency'] as const;

/**
 * One page's rows as billed invoice lines (service `cost-report`, as the other cloud bills): one per
 * day, meter and Azure OpenAI resource, at the actual cost in the row's currency. Columns are looked
 * up by name, never by position; a page missing one fails naming it.
 */
export function pageToInputs(page: QueryPage, where: string): UsageInput[] {
  const names = page.properties.columns.map((c) => c.name);
  const costAt = names.findIndex((n) => COST_COLUMNS.includes(n));
  const at = Object.fromEntries(REQUIRED.map((n) => [n, names.indexOf(n)])) as Record<
    (typeof REQUIRED)[number],
    number
  >;
  const missing = [...REQUIRED.filter((n) => at[n] < 0), ...(costAt < 0 ? ['Cost'] : [])];
  if (missing.length) {
    throw new PullError(
      'schema',
      `${where} sent a page spendlens cannot read (columns: no ${missing.join(', ')})`,
    );
  }
  return page.properties.rows.map((row, i) => {
    const date = String(row[at.UsageDate]);
    if (!/^\d{8}$/.test(date)) {
      throw new PullError(
        'schema',
        `${where} sent a page spendlens cannot read (rows.${i}: UsageDate "${date}")`,
      );
    }
    const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    const meter = String(row[at.Meter] ?? '') || '(no meter)';
    // why: Azure resource ids are case-insensitive and cost rows spell them either way.
    const resourceId = String(row[at.ResourceId] ?? '').toLowerCase();
    const start = new Date(`${day}T00:00:00Z`);
    return {
      id: bucketId(`azure-openai:1d:${day}`, [meter, resourceId, row[at.Currency]]),
      timestamp: start.toISOString(),
      endTimestamp: new Date(start.getTime() + DAY_MS).toISOString(),
      provider: 'azure-openai',
      service: INVOICE_SERVICE,
      model: meter,
      tags: {
        ...(resourceId ? { resourceId, resource: resourceId.slice(resourceId.lastIndexOf('/') + 1) } : {}),
      },
      inputTokens: 0,
      outputTokens: 0,
      requests: 0,
      cost: String(row[costAt] ?? 0),
      currency: String(row[at.Currency] || 'USD'),
      costKind: 'billed',
    };
  });
}
