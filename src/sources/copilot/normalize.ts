import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import type { UsageItem } from './schema.ts';

const DAY_MS = 86_400_000;

/**
 * One report line of one user's day as a billed record at its `netAmount` (USD, after the plan's
 * included allowance, which the report shows as a discount). Quantities can be fractional (AI credits),
 * so they go into tags as sent; `requests` holds whole premium requests only.
 */
export function itemToInput(day: string, user: string, item: UsageItem): UsageInput {
  const start = new Date(`${day}T00:00:00Z`);
  const gross = Number(item.grossQuantity);
  return {
    id: bucketId(`copilot:1d:${day}`, [user, item.product, item.sku, item.model, item.unitType]),
    timestamp: start.toISOString(),
    endTimestamp: new Date(start.getTime() + DAY_MS).toISOString(),
    provider: 'github',
    service: 'chat',
    model: item.model || item.sku,
    user,
    tags: {
      agent: 'copilot',
      product: item.product,
      sku: item.sku,
      ...(item.unitType ? { unitType: item.unitType } : {}),
      grossQuantity: String(item.grossQuantity),
      netQuantity: String(item.netQuantity),
      grossAmount: String(item.grossAmount),
    },
    requests: item.unitType === 'requests' && Number.isInteger(gross) && gross >= 0 ? gross : 0,
    // why: the amount's decimal text is parsed exactly downstream; it never goes through float sums here.
    cost: String(item.netAmount),
    currency: 'USD',
    costKind: 'billed',
  };
}
