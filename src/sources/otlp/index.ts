// The OTLP/HTTP traces source: GenAI inference spans (OpenTelemetry semantic conventions) become usage records.
import type { z } from 'zod';
import type { UsageInput } from '../../normalize/usage.ts';
import { spanToUsage } from './normalize.ts';
import { attributeMap, spanSchema, traceRequestSchema } from './schema.ts';

export { decodeTraceRequest, encodeStatus, encodeTraceResponse } from './proto.ts';

export interface TraceBatch {
  items: UsageInput[];
  /** Why each rejected span was refused, one entry per span. */
  rejected: string[];
  /** Spans that carry no GenAI usage. */
  ignored: number;
}

export type TraceReadResult = { ok: true; batch: TraceBatch } | { ok: false; message: string };

/** Reads an `ExportTraceServiceRequest` in its JSON shape (or decoded from protobuf into that shape). */
export function readTraceRequest(raw: unknown): TraceReadResult {
  const parsed = traceRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: `not an ExportTraceServiceRequest: ${issues(parsed.error, 3)}` };
  }
  const batch: TraceBatch = { items: [], rejected: [], ignored: 0 };
  for (const rs of parsed.data.resourceSpans) {
    const resource = attributeMap(rs.resource?.attributes ?? []);
    for (const raw of rs.scopeSpans.flatMap((ss) => ss.spans)) readSpan(raw, resource, batch);
  }
  return { ok: true, batch };
}

/** Adds one span to the batch: as an item, a rejection with its reason, or one more ignored span. */
function readSpan(raw: unknown, resource: ReturnType<typeof attributeMap>, batch: TraceBatch): void {
  const span = spanSchema.safeParse(raw);
  if (!span.success) {
    if (mentionsGenAi(raw)) batch.rejected.push(describe(raw, issues(span.error, 1)));
    else batch.ignored++;
    return;
  }
  const outcome = spanToUsage(span.data, attributeMap(span.data.attributes), resource);
  if (outcome.kind === 'usage') batch.items.push(outcome.item);
  else if (outcome.kind === 'rejected') batch.rejected.push(`span ${span.data.spanId}: ${outcome.message}`);
  else batch.ignored++;
}

/** True when a span that failed validation still names a `gen_ai.` attribute, so its loss is reported. */
function mentionsGenAi(raw: unknown): boolean {
  const attributes = (raw as { attributes?: unknown } | null)?.attributes;
  return (
    Array.isArray(attributes) &&
    attributes.some((a) => typeof a?.key === 'string' && a.key.startsWith('gen_ai.usage.'))
  );
}

function describe(raw: unknown, message = 'invalid span'): string {
  const id = (raw as { spanId?: unknown }).spanId;
  return `span ${typeof id === 'string' ? id : '?'}: ${message}`;
}

/** The first few validation issues as `path: message`, joined. */
function issues(error: z.ZodError, count: number): string {
  return error.issues
    .slice(0, count)
    .map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`)
    .join('; ');
}
