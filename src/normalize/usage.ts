import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isCurrency } from '../domain/currency.ts';
import type { FieldError } from '../domain/errors.ts';
import { MAX_RECORD_COST_MICROS, MAX_RECORD_COUNT } from '../domain/limits.ts';
import { parseMicros } from '../domain/money.ts';
import type { UsageRecord } from '../domain/record.ts';
import { parseZonedTimestamp } from '../lib/time.ts';
import { canonicalFields } from './aliases.ts';
import { fastUsageInput, type ParsedUsageInput } from './fast.ts';

const count = z
  .number()
  .int('must be a whole number')
  .nonnegative('must not be negative')
  .max(MAX_RECORD_COUNT, `must be at most ${MAX_RECORD_COUNT} (one trillion) per record`);
// why: PostgreSQL text cannot hold NUL; refusing it here keeps both engines taking the same records.
const NO_NUL = [(s: string) => !s.includes('\u0000'), 'must not contain NUL characters'] as const;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(...NO_NUL);
const label = text(256);
const optionalLabel = label.nullish();

const zonedTimestamp = z.string().transform((text, ctx) => {
  const parsed = parseZonedTimestamp(text);
  if (typeof parsed === 'string') {
    // Stryker disable next-line StringLiteral: only an issue's path and message reach the client
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

// why: a credit or refund on a bill is a negative billed line; the sign is checked against costKind below.
const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    const micros = parseMicros(value);
    if (Math.abs(micros) <= MAX_RECORD_COST_MICROS) return micros;
    ctx.addIssue({ code: 'custom', message: 'must be within ±1000000000 (a billion) per record' });
    return z.NEVER;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `must be a decimal amount (${(error as Error).message})` });
    return z.NEVER;
  }
});

/**
 * The shape a client sends to `POST /api/v1/usage` or writes in a JSONL import file, in canonical names.
 * `normalizeUsage` also takes the aliases in aliases.ts and refuses any other field.
 */
export const usageInputSchema = z
  .object({
    id: label.optional(),
    source: label.optional(),
    timestamp: zonedTimestamp,
    endTimestamp: zonedTimestamp.nullish(),
    provider: text(64).transform((s) => s.toLowerCase()),
    service: text(64)
      .transform((s) => s.toLowerCase())
      .default('chat'),
    model: text(200),
    user: optionalLabel,
    team: optionalLabel,
    project: optionalLabel,
    apiKey: optionalLabel,
    context: text(1000).nullish(),
    tags: z
      .record(
        z
          .string()
          .max(64)
          .refine(...NO_NUL),
        z
          .string()
          .max(256)
          .refine(...NO_NUL),
      )
      .default({}),
    inputTokens: count.default(0),
    outputTokens: count.default(0),
    cacheReadTokens: count.default(0),
    cacheWriteTokens: count.default(0),
    reasoningTokens: count.default(0),
    requests: count.default(1),
    cost: amount.nullish(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrency, 'must be an ISO 4217 currency code such as USD or EUR')
      .default('USD'),
    costKind: z.enum(['billed', 'estimated']).optional(),
  })
  .refine((r) => !r.endTimestamp || r.endTimestamp >= r.timestamp, {
    message: 'must not be before timestamp',
    path: ['endTimestamp'],
  })
  .refine((r) => r.cost === undefined || r.cost === null || r.cost >= 0 || r.costKind !== 'estimated', {
    message: 'must not be negative for an estimate; a credit or refund is a billed cost',
    path: ['cost'],
  });

export type UsageInput = z.input<typeof usageInputSchema>;

export type NormalizeResult = { ok: true; record: UsageRecord } | { ok: false; errors: FieldError[] };

/** Turns zod issues into `{path, message}` pairs with dotted paths (`tags.env`, `inputTokens`). */
export function fieldErrors(
  error: z.ZodError,
  sentAs: ReadonlyMap<string, string> = new Map(),
): FieldError[] {
  return error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String);
    if (head === undefined) return { path: '(record)', message: issue.message };
    return { path: [sentAs.get(head) ?? head, ...rest].join('.'), message: issue.message };
  });
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(usageInputSchema.shape));

/**
 * Validates one raw record, aliases renamed and unknown fields refused (errors name the field as sent).
 * Records without a cost come back `unpriced`, for the price stage to fill. Records without an id get
 * one derived from their content, so re-sending the same record is a no-op.
 */
export function normalizeUsage(raw: unknown, ctx: { org: string; source: string }): NormalizeResult {
  const plain = fastUsageInput(raw, KNOWN_FIELDS);
  if (plain) return { ok: true, record: toRecord(plain, ctx) };
  const canonical = canonicalFields(raw, KNOWN_FIELDS);
  if (!canonical.ok) return canonical;
  const parsed = usageInputSchema.safeParse(canonical.value);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, canonical.sentAs) };
  return { ok: true, record: toRecord(parsed.data, ctx) };
}

function toRecord(r: ParsedUsageInput, ctx: { org: string; source: string }): UsageRecord {
  const hasCost = r.cost !== undefined && r.cost !== null;
  const record: UsageRecord = {
    id: '',
    org: ctx.org,
    source: r.source ?? ctx.source,
    timestamp: r.timestamp,
    endTimestamp: r.endTimestamp ?? null,
    provider: r.provider,
    service: r.service,
    model: r.model,
    user: r.user ?? null,
    team: r.team ?? null,
    project: r.project ?? null,
    apiKey: r.apiKey ?? null,
    context: r.context ?? null,
    tags: r.tags,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cacheReadTokens: r.cacheReadTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    reasoningTokens: r.reasoningTokens,
    requests: r.requests,
    costMicros: hasCost ? (r.cost as number) : null,
    currency: r.currency,
    costKind: hasCost ? (r.costKind ?? 'billed') : 'unpriced',
  };
  record.id = r.id ?? contentId(record);
  return record;
}

/** A stable id from what a record says, for sources that send none. */
export function contentId(record: Omit<UsageRecord, 'id'>): string {
  const { org: _org, ...rest } = record;
  const hash = createHash('sha256').update(JSON.stringify(rest)).digest('base64url');
  return `h:${hash.slice(0, 32)}`;
}
