import { z } from 'zod';
import type { Scalar } from './schema.ts';

// The envelopes of OTLP logs and metrics exports. Records and data points stay raw (`unknown`) here so a
// bad one rejects only itself; unknown fields are ignored, as OTLP requires.

const int64 = z.union([z.string().regex(/^\d+$/, 'must be a non-negative decimal integer'), z.number()]);
const attributes = z.array(z.unknown()).default([]);
const resource = z.object({ attributes }).nullish();
const scope = z.object({ name: z.string().nullish(), version: z.string().nullish() }).nullish();

export const logsRequestSchema = z.object({
  resourceLogs: z
    .array(
      z.object({
        resource,
        scopeLogs: z.array(z.object({ scope, logRecords: z.array(z.unknown()).default([]) })).default([]),
      }),
    )
    .default([]),
});

/** One log record as far as spendlens reads it. */
export const logRecordSchema = z.object({
  timeUnixNano: int64.nullish(),
  observedTimeUnixNano: int64.nullish(),
  eventName: z.string().nullish(),
  body: z.unknown().optional(),
  attributes,
});
export type LogRecord = z.output<typeof logRecordSchema>;

const numberPoint = z.object({
  startTimeUnixNano: int64.nullish(),
  timeUnixNano: int64,
  asDouble: z.union([z.number(), z.string()]).nullish(),
  asInt: z.union([z.string(), z.number()]).nullish(),
  attributes,
});
export type NumberPoint = z.output<typeof numberPoint>;
export { numberPoint as numberPointSchema };

export const metricsRequestSchema = z.object({
  resourceMetrics: z
    .array(
      z.object({
        resource,
        scopeMetrics: z
          .array(
            z.object({
              scope,
              metrics: z
                .array(
                  z.object({
                    name: z.string(),
                    sum: z
                      .object({
                        aggregationTemporality: z.number().int().nullish(),
                        dataPoints: z.array(z.unknown()).default([]),
                      })
                      .nullish(),
                  }),
                )
                .default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

/**
 * Flattens attributes to key → scalar, leniently: a key whose value is not a well-formed scalar (the
 * Claude Code Desktop exporter sometimes sends `{"doubleValue":{}}`) is dropped and the record kept.
 */
export function lenientAttributes(list: unknown[]): Map<string, Scalar> {
  const map = new Map<string, Scalar>();
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { key, value } = item as { key?: unknown; value?: unknown };
    const scalar = scalarOf(value);
    if (typeof key === 'string' && scalar !== undefined) map.set(key, scalar);
  }
  return map;
}

/** The scalar inside an OTLP `AnyValue`, or undefined when it holds none (or a malformed one). */
export function scalarOf(value: unknown): Scalar | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.stringValue === 'string') return v.stringValue;
  for (const key of ['intValue', 'doubleValue'] as const) {
    const n = v[key];
    if (typeof n === 'number' || (typeof n === 'string' && n.trim() !== '')) return n;
  }
  return typeof v.boolValue === 'boolean' ? v.boolValue : undefined;
}
