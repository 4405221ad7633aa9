import { z } from 'zod';

/** A scalar attribute value as spendlens reads it; 64-bit integers arrive as decimal strings. */
export type Scalar = string | number | boolean;

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  arrayValue?: { values: AnyValue[] };
  kvlistValue?: { values: KeyValue[] };
  bytesValue?: string;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}

const int64 = z.union([z.string().regex(/^-?\d+$/, 'must be a decimal integer'), z.number().int()]);

const anyValue: z.ZodType<AnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: int64.optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    arrayValue: z.object({ values: z.array(anyValue).default([]) }).optional(),
    kvlistValue: z.object({ values: z.array(keyValue).default([]) }).optional(),
    bytesValue: z.string().optional(),
  }),
);
const keyValue: z.ZodType<KeyValue> = z.lazy(() => z.object({ key: z.string(), value: anyValue.optional() }));
const attributes = z.array(keyValue).default([]);

/** One span, as far as spendlens reads it; unknown fields are ignored, as OTLP requires. */
export const spanSchema = z.object({
  traceId: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 16 bytes as hex'),
  spanId: z.string().regex(/^[0-9a-fA-F]{16}$/, 'must be 8 bytes as hex'),
  name: z.string().default(''),
  startTimeUnixNano: int64,
  attributes,
});
export type Span = z.output<typeof spanSchema>;

/** The envelope of an `ExportTraceServiceRequest`; spans stay raw so a bad one rejects only itself. */
export const traceRequestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).optional(),
        scopeSpans: z.array(z.object({ spans: z.array(z.unknown()).default([]) })).default([]),
      }),
    )
    .default([]),
});

/** Flattens attributes to key → scalar; arrays, maps and bytes are not needed for usage and are left out. */
export function attributeMap(list: KeyValue[]): Map<string, Scalar> {
  const map = new Map<string, Scalar>();
  for (const { key, value } of list) {
    const scalar = value && scalarOf(value);
    if (scalar !== undefined) map.set(key, scalar);
  }
  return map;
}

function scalarOf(value: AnyValue): Scalar | undefined {
  return value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue;
}
