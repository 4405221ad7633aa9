import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import type { CostGroup } from './schema.ts';

const MARKETPLACE = / \(Amazon Bedrock Edition\)$/;

/**
 * The model a line is for: a Marketplace model is its own service (`Claude Sonnet 4.5 (Amazon Bedrock
 * Edition)`); first-party usage names it in the usage type (`USE1-Claude3.5Sonnet-input-tokens`), whose
 * region prefix is dropped. The usage type's grammar is not documented, so the rest stays as sent.
 */
export function modelOf(service: string, usageType: string): string {
  if (MARKETPLACE.test(service)) return service.replace(MARKETPLACE, '');
  return usageType.replace(/^[A-Z]{2,4}\d?-/, '') || usageType;
}

/**
 * One service and usage type on one day as a billed invoice line at its unblended cost (service
 * `cost-report`, as the other cloud bills): the bill says what was paid, not who called. Cost Explorer
 * marks the running month `Estimated`; it is still the bill's figure, and the next syncs replace it.
 */
export function groupToInput(start: string, end: string, group: CostGroup, estimated: boolean): UsageInput {
  const [service, usageType] = group.Keys;
  const quantity = group.Metrics.UsageQuantity;
  return {
    id: bucketId(`bedrock:1d:${start}`, [service, usageType]),
    timestamp: `${start}T00:00:00Z`,
    endTimestamp: `${end}T00:00:00Z`,
    provider: 'bedrock',
    service: INVOICE_SERVICE,
    model: modelOf(service, usageType),
    tags: {
      awsService: service,
      usageType,
      ...(quantity ? { quantity: quantity.Amount } : {}),
      ...(quantity?.Unit ? { quantityUnit: quantity.Unit } : {}),
      ...(estimated ? { estimated: 'true' } : {}),
    },
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
    cost: group.Metrics.UnblendedCost.Amount,
    currency: group.Metrics.UnblendedCost.Unit,
    costKind: 'billed',
  };
}
