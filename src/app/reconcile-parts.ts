import type { EstimatedPart } from '../analyze/reconcile-lines.ts';
import type { UsageRecord } from '../domain/record.ts';
import { estimateCostMicros } from '../price/index.ts';
import type { UsageFilter } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { createConverter } from './currency.ts';

/** Past this many usage records the estimate is not split into parts (the line items then show the bill only). */
export const MAX_PART_RECORDS = 200_000;

/**
 * The estimate of each day, provider, project and model split into what invoices bill apart: token
 * charges and the web and file search fees (priced per 1,000 calls, whatever the model), with Anthropic
 * Priority Tier usage marked. Only the providers that sent invoice lines are read. Null when the
 * window holds more than `MAX_PART_RECORDS` records of them.
 */
export async function estimateParts(
  ctx: AppContext,
  filter: UsageFilter & { from: Date; to: Date },
  providers: string[],
): Promise<EstimatedPart[] | null> {
  if (!providers.length) return [];
  const converter = createConverter(ctx.config);
  const sums = new Map<string, EstimatedPart>();
  let seen = 0;
  const scan = { ...filter, dimensions: { ...filter.dimensions, provider: providers } };
  for await (const batch of ctx.usage.scanUsage(scan, 5_000)) {
    seen += batch.length;
    if (seen > MAX_PART_RECORDS) return null;
    for (const record of batch) {
      for (const part of partsOf(ctx, record)) {
        const cost = converter.convert(part.costMicros, record.currency);
        if (cost === null || cost === 0n) continue;
        const key = JSON.stringify([
          part.day,
          part.provider,
          part.project,
          part.model,
          part.part,
          part.priorityTier,
        ]);
        const prev = sums.get(key);
        sums.set(key, { ...part, costMicros: (prev?.costMicros ?? 0n) + cost });
      }
    }
  }
  return [...sums.values()];
}

/** One record's cost in parts; the tool fees are priced alone, the tokens part is the rest, so they add up exactly. */
function partsOf(ctx: AppContext, r: UsageRecord): EstimatedPart[] {
  const base = {
    day: r.timestamp.toISOString().slice(0, 10),
    provider: r.provider,
    project: r.project,
    model: r.model,
    priorityTier: r.provider === 'anthropic' && r.tags.serviceTier === 'priority',
  };
  const total = BigInt(r.costMicros ?? 0);
  const entry = r.costKind === 'estimated' ? ctx.catalog.find(r.provider, r.model, r.timestamp) : null;
  const web = entry ? toolFee(entry, r, 'webSearchRequests') : 0n;
  const file = entry ? toolFee(entry, r, 'fileSearchRequests') : 0n;
  return [
    { ...base, part: 'tokens', costMicros: total - web - file },
    { ...base, part: 'web_search', priorityTier: false, costMicros: web },
    { ...base, part: 'file_search', priorityTier: false, costMicros: file },
  ];
}

function toolFee(
  entry: NonNullable<ReturnType<AppContext['catalog']['find']>>,
  r: UsageRecord,
  tag: 'webSearchRequests' | 'fileSearchRequests',
): bigint {
  const calls = r.tags[tag];
  if (!calls) return 0n;
  const zero = {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
  return BigInt(
    estimateCostMicros(entry, { ...zero, service: r.service, tags: { [tag]: calls }, requests: 0 }),
  );
}
