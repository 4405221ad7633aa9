import type { z } from 'zod';
import { type EventUsage, eventToUsage, USAGE_EVENTS, type UsageEventKind, type When } from './events.ts';
import type { Scalar } from './schema.ts';
import {
  type LogRecord,
  lenientAttributes,
  logRecordSchema,
  logsRequestSchema,
  scalarOf,
} from './telemetry-schema.ts';
import { type Attrs, nanosToIso, pickText } from './values.ts';

export interface LogsBatch {
  events: EventUsage[];
  /** Why each rejected usage event was refused, one entry per record. */
  rejected: string[];
  /** Log records that carry no usage (prompts, tool results, errors, other programs' logs). */
  ignored: number;
}

export type LogsReadResult = { ok: true; batch: LogsBatch } | { ok: false; message: string };

/**
 * Reads an `ExportLogsServiceRequest` (JSON shape, or decoded from protobuf into it): coding-assistant
 * usage events become raw records, everything else is ignored, and a malformed usage event rejects itself.
 */
export function readLogsRequest(raw: unknown): LogsReadResult {
  const parsed = logsRequestSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, message: `not an ExportLogsServiceRequest: ${issues(parsed.error)}` };
  const batch: LogsBatch = { events: [], rejected: [], ignored: 0 };
  let index = 0;
  for (const rl of parsed.data.resourceLogs) {
    const resource = lenientAttributes(rl.resource?.attributes ?? []);
    for (const sl of rl.scopeLogs) {
      for (const raw of sl.logRecords)
        readRecord(raw, index++, { resource, scope: sl.scope?.name ?? '' }, batch);
    }
  }
  return { ok: true, batch };
}

function readRecord(
  raw: unknown,
  index: number,
  from: { resource: Map<string, Scalar>; scope: string },
  batch: LogsBatch,
): void {
  const parsed = logRecordSchema.safeParse(raw);
  if (!parsed.success) {
    batch.ignored++;
    return;
  }
  const attrs: Attrs = { own: lenientAttributes(parsed.data.attributes), resource: from.resource };
  const kind = usageEventKind(parsed.data, attrs, from.scope);
  if (!kind) {
    batch.ignored++;
    return;
  }
  const label = `log record ${index} (${kind}${sessionOf(attrs)})`;
  const when = whenOf(parsed.data, attrs);
  if (!when) {
    batch.rejected.push(`${label}: timeUnixNano: missing, and no observedTimeUnixNano or event.timestamp`);
    return;
  }
  const outcome = eventToUsage(kind, attrs, when);
  if (outcome.kind === 'usage') batch.events.push(outcome.usage);
  else batch.rejected.push(`${label}: ${outcome.message}`);
}

// why: the event's name is framed three ways (the `eventName` field, a string body, the `event.name`
// attribute), and Claude Code's attribute drops the `claude_code.` prefix; every receiver matches on any.
function usageEventKind(record: LogRecord, attrs: Attrs, scope: string): UsageEventKind | null {
  const body = scalarOf(record.body);
  const names = [record.eventName, typeof body === 'string' ? body : undefined, attrs.own.get('event.name')];
  let kind = names.find((n): n is UsageEventKind => typeof n === 'string' && n in USAGE_EVENTS) ?? null;
  if (!kind && names.includes('api_request') && isClaudeCode(attrs, scope)) kind = 'claude_code.api_request';
  // why: Codex sends one sse_event per server-sent event; only the completed response carries tokens.
  if (kind?.startsWith('codex.') && pickText(attrs, 'event.kind') !== 'response.completed') return null;
  return kind;
}

function isClaudeCode(attrs: Attrs, scope: string): boolean {
  return (
    scope.startsWith('com.anthropic.claude_code') ||
    (pickText(attrs, 'service.name') ?? '').startsWith('claude-code')
  );
}

/** `timeUnixNano`, else `observedTimeUnixNano`, else the `event.timestamp` attribute (ISO 8601). */
function whenOf(record: LogRecord, attrs: Attrs): When | null {
  for (const field of ['timeUnixNano', 'observedTimeUnixNano'] as const) {
    const iso = nanosToIso(record[field]);
    if (iso) return { iso, key: String(record[field]), field };
  }
  const text = pickText(attrs, 'event.timestamp');
  return text ? { iso: text, key: text, field: 'event.timestamp' } : null;
}

function sessionOf(attrs: Attrs): string {
  const session = pickText(attrs, 'session.id', 'conversation.id');
  return session ? `, session ${session}` : '';
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`)
    .join('; ');
}
