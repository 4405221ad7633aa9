import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { decimalToScaled } from '../../domain/money.ts';
import type { Agent } from './events.ts';
import type { Scalar } from './schema.ts';
import { lenientAttributes, metricsRequestSchema, numberPointSchema } from './telemetry-schema.ts';
import { type Attrs, checkCount, nanosToIso, pickText } from './values.ts';

/** The counters a sample carries; `cost` in USD micro-units (null when no cost metric was seen). */
export interface SampleValues {
  cost: bigint | null;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  tool: number;
}
type Counter = Exclude<keyof SampleValues, 'cost'>;

/**
 * The cost and token points of one series at one instant, merged: Claude Code reports cost and each token
 * type as separate points with otherwise equal attributes. `series` names the series across exports
 * (agent, attributes, and start time, so a restarted process is a new series).
 */
export interface MetricSample {
  agent: Agent;
  attrs: Attrs;
  model: string;
  series: string;
  start: string | null;
  time: string;
  cumulative: boolean;
  values: SampleValues;
}

// Which metrics carry usage, and which counter each `type` attribute value feeds.
const METRICS: Record<string, { agent: Agent; counter: (type: string) => Counter | 'cost' | null }> = {
  'claude_code.cost.usage': { agent: 'claude-code', counter: () => 'cost' },
  'claude_code.token.usage': {
    agent: 'claude-code',
    counter: (t) =>
      ({ input: 'input', output: 'output', cacheRead: 'cacheRead', cacheCreation: 'cacheWrite' })[
        t
      ] as Counter,
  },
  'gemini_cli.token.usage': {
    agent: 'gemini-cli',
    counter: (t) =>
      ({ input: 'input', output: 'output', cache: 'cacheRead', thought: 'reasoning', tool: 'tool' })[
        t
      ] as Counter,
  },
};

export interface MetricsBatch {
  samples: MetricSample[];
  rejected: string[];
  /** Data points of other metrics (sessions, lines of code, active time, other programs). */
  ignored: number;
}

export type MetricsReadResult = { ok: true; batch: MetricsBatch } | { ok: false; message: string };

/** Reads an `ExportMetricsServiceRequest`: usage counters become samples, a bad data point rejects itself. */
export function readMetricsRequest(raw: unknown): MetricsReadResult {
  const parsed = metricsRequestSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, message: `not an ExportMetricsServiceRequest: ${issues(parsed.error)}` };
  const batch: MetricsBatch = { samples: [], rejected: [], ignored: 0 };
  const merged = new Map<string, MetricSample>();
  for (const rm of parsed.data.resourceMetrics) {
    const resource = lenientAttributes(rm.resource?.attributes ?? []);
    for (const metric of rm.scopeMetrics.flatMap((sm) => sm.metrics)) {
      const points = metric.sum?.dataPoints ?? [];
      const spec = METRICS[metric.name];
      if (!spec || !metric.sum) {
        batch.ignored += points.length;
        continue;
      }
      const temporality = metric.sum.aggregationTemporality ?? 0;
      points.forEach((point, i) => {
        const label = `${metric.name} data point ${i}`;
        if (temporality !== 1 && temporality !== 2) {
          batch.rejected.push(
            `${label}: aggregationTemporality: must be 1 (delta) or 2 (cumulative), got ${temporality}`,
          );
          return;
        }
        const error = addPoint(
          point,
          { spec, resource, cumulative: temporality === 2, name: metric.name },
          merged,
        );
        if (error) batch.rejected.push(`${label}: ${error}`);
      });
    }
  }
  batch.samples = [...merged.values()].map(nameSeries);
  return { ok: true, batch };
}

/** Adds one data point to its sample; answers why it cannot, or null. */
function addPoint(
  raw: unknown,
  from: { spec: (typeof METRICS)[string]; resource: Map<string, Scalar>; cumulative: boolean; name: string },
  merged: Map<string, MetricSample>,
): string | null {
  const parsed = numberPointSchema.safeParse(raw);
  if (!parsed.success) return issues(parsed.error);
  const point = parsed.data;
  if (!nanosToIso(point.timeUnixNano))
    return 'timeUnixNano: must be a time after 1970 within the year 275760';
  const own = lenientAttributes(point.attributes);
  const type = String(own.get('type') ?? '');
  const counter = from.spec.counter(type);
  if (!counter) return `type: unknown token type "${type.slice(0, 32)}"`;
  own.delete('type');
  const attrs: Attrs = { own, resource: from.resource };
  const model = pickText(attrs, 'model');
  if (!model) return 'model: missing; usage points name their model';
  const value = point.asInt ?? point.asDouble;
  if (value === null || value === undefined) return 'asDouble or asInt: missing';
  const start =
    point.startTimeUnixNano && nanosToIso(point.startTimeUnixNano) ? String(point.startTimeUnixNano) : null;
  const time = String(point.timeUnixNano);
  const sample = sampleFor(merged, {
    agent: from.spec.agent,
    attrs,
    model,
    start,
    time,
    cumulative: from.cumulative,
  });
  if (counter === 'cost') {
    const finite = typeof value === 'string' || Number.isFinite(value);
    const micros = finite ? decimalToScaled(String(value).trim(), 6) : null;
    if (micros === null)
      return `${from.name}: must be a finite number of USD, got "${String(value).slice(0, 32)}"`;
    if (micros < 0n) return `${from.name}: must not be negative`;
    if (micros > 1_000_000_000_000_000n) return `${from.name}: must be at most 1000000000 USD per point`;
    sample.values.cost = (sample.values.cost ?? 0n) + micros;
    return null;
  }
  const checked = checkCount(`${from.name} (type ${type})`, value);
  if (!checked.ok) return checked.message;
  sample.values[counter] += checked.value;
  return null;
}

// why: the SDK starts each instrument's series when it is first used, so the cost point and the token
// points of the same calls can differ in start time by a millisecond; they merge on attributes and end time,
// keeping the earliest start.
function sampleFor(
  merged: Map<string, MetricSample>,
  s: Omit<MetricSample, 'series' | 'values'>,
): MetricSample {
  const attrText = [...s.attrs.own.entries()]
    .map(([k, v]) => `${k}=${String(v)}`)
    .sort()
    .join('\u0000');
  const key = [s.agent, s.cumulative, attrText, s.time].join('\u0001');
  let sample = merged.get(key);
  if (!sample) {
    const values = { cost: null, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, tool: 0 };
    sample = { ...s, series: attrText, values };
    merged.set(key, sample);
  } else if (s.start !== null && (sample.start === null || BigInt(s.start) < BigInt(sample.start))) {
    sample.start = s.start;
  }
  return sample;
}

/**
 * Names each sample's series once its start is settled: the agent and attributes, plus the start time for
 * cumulative ones, so a restarted process (a new start) is a new series.
 */
function nameSeries(sample: MetricSample): MetricSample {
  const parts = [sample.agent, sample.series, sample.cumulative ? (sample.start ?? '') : 'delta'];
  const series = createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 32);
  return { ...sample, series };
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`)
    .join('; ');
}
