import { formatMicros, parseMicros } from '../../domain/money.ts';
import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';

/** Cloud Billing services that carry Gemini spend; every other line is skipped. */
export const AI_SERVICES = ['Gemini API', 'Vertex AI', 'Generative Language API', 'Vertex AI API'];

export type GcpResult =
  | { kind: 'usage'; input: UsageInput }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; message: string };

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

/**
 * One Cloud Billing export row (the BigQuery export's shape) as a `billed` invoice record: provider
 * google, the SKU as the model, the cost net of credits. Tokens stay with usage records.
 */
export function gcpRowToInput(raw: unknown): GcpResult {
  const row = obj(raw);
  const service = str(obj(row.service).description);
  if (!service) return { kind: 'error', message: 'service.description is missing' };
  if (!AI_SERVICES.includes(service)) return { kind: 'skip', reason: `service "${service}"` };
  const start = str(row.usage_start_time);
  if (!start) return { kind: 'error', message: 'usage_start_time is missing' };
  const end = str(row.usage_end_time);
  let micros: number;
  try {
    const cost = row.cost;
    if (typeof cost !== 'number' && typeof cost !== 'string') throw new Error('cost is missing');
    micros = parseMicros(cost);
    for (const credit of Array.isArray(row.credits) ? row.credits : []) {
      const amount = obj(credit).amount;
      if (typeof amount === 'number' || typeof amount === 'string') micros += parseMicros(amount);
    }
  } catch (error) {
    return { kind: 'error', message: `cost: ${(error as Error).message}` };
  }
  const sku = obj(row.sku);
  const project = obj(row.project);
  const usage = obj(row.usage);
  const labels: Record<string, string> = {};
  for (const label of Array.isArray(row.labels) ? row.labels : []) {
    const key = str(obj(label).key);
    const value = str(obj(label).value);
    if (key && value !== undefined) labels[key] = value;
  }
  const quantity = str(usage.amount);
  const unit = str(usage.unit);
  const projectId = str(project.id) ?? null;
  return {
    kind: 'usage',
    input: {
      id: bucketId(`gcp-billing:${start}`, [
        str(obj(row.service).id) ?? service,
        str(sku.id) ?? str(sku.description),
        projectId,
        end,
        str(row.cost_type),
        str(obj(row.invoice).month),
        JSON.stringify(labels),
      ]),
      timestamp: start,
      endTimestamp: end ?? null,
      provider: 'google',
      service: INVOICE_SERVICE,
      model: str(sku.description) ?? str(sku.id) ?? service,
      project: projectId,
      tags: {
        ...labels,
        gcpService: service,
        ...(quantity ? { quantity } : {}),
        ...(unit ? { quantityUnit: unit } : {}),
      },
      inputTokens: 0,
      outputTokens: 0,
      requests: 0,
      cost: formatMicros(micros),
      currency: str(row.currency) ?? 'USD',
      costKind: 'billed',
    },
  };
}

/** A console CSV row (`Service description`, `SKU description`, `Cost ($)`, …) in the export's shape. */
export function consoleCsvRow(row: Record<string, string>): Obj {
  const get = (...names: string[]) => {
    for (const [key, value] of Object.entries(row)) {
      const k = key.trim().toLowerCase();
      if (names.includes(k) && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
  const cost = get('unrounded cost ($)', 'cost ($)', 'cost', 'unrounded cost');
  return {
    service: { description: get('service description', 'service'), id: get('service id') },
    sku: { description: get('sku description', 'sku'), id: get('sku id') },
    project: { id: get('project id'), name: get('project name') },
    usage_start_time: get('usage start date', 'usage start time'),
    usage_end_time: get('usage end date', 'usage end time'),
    cost: cost?.replace(/[$,]/g, ''),
    currency: get('currency') ?? 'USD',
    cost_type: get('cost type'),
    usage: { amount: get('usage amount'), unit: get('usage unit') },
  };
}
