import type { UsageInput } from '../../normalize/usage.ts';
import { positionOf, type SeriesPosition, sampleToUsage } from '../../sources/otlp/metric-records.ts';
import type { MetricSample } from '../../sources/otlp/metrics.ts';
import { nanosToIso, pickText } from '../../sources/otlp/values.ts';
import type { AppContext } from '../context.ts';
import { ingestUsage } from '../ingest.ts';
import { voidUsage } from '../void-usage.ts';
import { allRecords, type CallScope, eventsCover } from './overlap.ts';

export interface MetricsResult {
  /** Interval records written. */
  booked: number;
  /** Samples not booked because usage events describe the same calls (kept only as a check). */
  covered: MetricSample[];
  rejected: string[];
}

/**
 * Books coding-assistant cost and token metrics only for calls no usage event describes. A (session,
 * model) with `api_request` events is booked from the events; its metrics are not booked. The check
 * runs again after writing, so an event export that lands while this one is being written still wins
 * (the event side voids metric records it finds; this side voids what it wrote if events appeared).
 */
export async function ingestTelemetryMetrics(
  ctx: AppContext,
  input: { org: string; samples: MetricSample[] },
): Promise<MetricsResult> {
  const { org } = input;
  const covered: MetricSample[] = [];
  const items: UsageInput[] = [];
  const positions = new Map<string, SeriesPosition | null>();
  // why: a cumulative series is differenced point after point, oldest first.
  const samples = [...input.samples].sort((a, b) => (BigInt(a.time) < BigInt(b.time) ? -1 : 1));
  for (const sample of samples) {
    if (await eventsCover(ctx, org, scopeOf(sample))) {
      covered.push(sample);
      continue;
    }
    const previous = sample.cumulative ? await positionFor(ctx, org, sample, positions) : null;
    const item = sampleToUsage(sample, previous);
    if (!item) continue;
    items.push(item);
    if (sample.cumulative) positions.set(sample.series, { time: sample.time, values: sample.values });
  }
  const result = await ingestUsage(ctx, { org, source: 'otlp', items });
  const rejected = result.rejected.map(
    (r) =>
      `metric interval ${items[r.index]?.id}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
  );
  const refused = new Set(result.rejected.map((r) => r.index));
  const written = items.filter((_, i) => !refused.has(i));
  const late = await coveredAfterAll(ctx, org, written, samples);
  return { booked: result.accepted - late, covered, rejected };
}

/** The series' last booked position: from this batch, else from the ledger's records of the series. */
async function positionFor(
  ctx: AppContext,
  org: string,
  sample: MetricSample,
  positions: Map<string, SeriesPosition | null>,
): Promise<SeriesPosition | null> {
  if (positions.has(sample.series)) return positions.get(sample.series) ?? null;
  const records = await allRecords(ctx, { org, tags: { series: [sample.series] } });
  let last: SeriesPosition | null = null;
  for (const record of records) {
    const position = positionOf(record.tags);
    if (position && (!last || BigInt(position.time) > BigInt(last.time))) last = position;
  }
  positions.set(sample.series, last);
  return last;
}

/** Voids records just written whose calls gained events meanwhile; answers how many. */
async function coveredAfterAll(
  ctx: AppContext,
  org: string,
  written: UsageInput[],
  samples: MetricSample[],
): Promise<number> {
  const bySeries = new Map(samples.map((s) => [s.series, s]));
  const ids: string[] = [];
  for (const item of written) {
    const sample = bySeries.get(item.tags?.series ?? '');
    if (sample && item.id && (await eventsCover(ctx, org, scopeOf(sample)))) ids.push(item.id);
  }
  if (ids.length === 0) return 0;
  const reason = 'coding-assistant metrics superseded by the usage events of the same calls';
  const voided = await voidUsage(ctx, { org, ids, dryRun: false, reason, actor: 'otlp' });
  return voided.voided;
}

function scopeOf(sample: MetricSample): CallScope {
  const to = new Date(nanosToIso(sample.time) as string);
  return {
    agent: sample.agent,
    model: sample.model,
    session: pickText(sample.attrs, 'session.id') ?? null,
    user: pickText(sample.attrs, 'user.email', 'user.account_uuid', 'user.account_id') ?? null,
    from: new Date(nanosToIso(sample.start) ?? (nanosToIso(sample.time) as string)),
    to,
  };
}
