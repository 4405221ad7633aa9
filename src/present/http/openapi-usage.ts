import { MAX_VOID_IDS } from '../../app/void-usage.ts';
import { FIELD_ALIASES } from '../../normalize/aliases.ts';

// why: the alias has spendlens's meaning, which is Anthropic's and not OpenAI's; say so where clients read it.
const ALIAS_NOTES: Record<string, string> = {
  input_tokens:
    "Anthropic's meaning: without cache tokens. OpenAI counts cached tokens inside its input_tokens: subtract them and send them as cache_read_input_tokens.",
  cache_creation_input_tokens: 'Anthropic: tokens written to the prompt cache.',
  reasoning_output_tokens: 'Codex: part of output_tokens, as reasoningTokens is part of outputTokens.',
  tokens_in: 'The cost tracker feed (GET /v1/transactions) spelling; without cache tokens.',
};

const list = (items: Record<string, unknown>) => ({ type: 'array', items });

/**
 * The JSON Schema of one usage record: the canonical fields (from the zod schema), the documented
 * aliases of some of them, and no other field: an unknown field is refused, never dropped.
 */
export function usageInputJson(canonical: Record<string, unknown>) {
  const properties = (canonical.properties ?? {}) as Record<string, Record<string, unknown>>;
  const aliases = Object.fromEntries(
    [...FIELD_ALIASES].map(([alias, field]) => [
      alias,
      {
        ...properties[field],
        description:
          `Alias of ${field}. ${ALIAS_NOTES[alias] ?? ''} Given beside ${field}, both must agree.`.trim(),
      },
    ]),
  );
  return {
    ...canonical,
    description:
      'One call or one provider bucket. inputTokens excludes cache tokens; outputTokens includes reasoning. Any field not listed here (nor an alias) rejects the record with a 400-class error that names it and suggests the nearest known field.',
    properties: { ...properties, ...aliases },
    patternProperties: {
      '^[Cc][Oo][Ss][Tt]_[A-Za-z]{3}$': {
        type: ['string', 'number'],
        description:
          'cost_<currency> (cost_usd, cost_eur): the cost tracker feed spelling; sets cost and currency (ISO 4217). Beside cost or currency, both must agree.',
      },
    },
    additionalProperties: false,
  };
}

const answer = { $ref: '#/components/schemas/IngestResult' };

/** `POST /api/v1/usage`: the ingest operation, its body and its answer. */
export function usageIngestOperation() {
  return {
    summary: 'Ingest one record, an array, or NDJSON (application/x-ndjson)',
    description:
      "Valid records land even when others are rejected. Answers {accepted, duplicates, rejected: [{index, errors: [{path, message}]}], unpriced: [{provider, model, count, suggestion}]}; 400 when every record is rejected, 413 over the size limit. A 2xx means accepted records are durable. Per record each count is at most 1000000000000 and a cost (or its estimate) within ±1000000000; a decimal is at most 64 characters with an exponent within ±64. Besides the canonical camelCase fields, the providers' snake_case usage fields and the cost tracker feed's fields are taken as aliases (see UsageInput); any other field rejects its record, naming the field and the nearest known one.",
    requestBody: {
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { $ref: '#/components/schemas/UsageInput' },
              { type: 'array', items: { $ref: '#/components/schemas/UsageInput' } },
            ],
          },
        },
        'application/x-ndjson': { schema: { type: 'string' } },
      },
    },
    responses: {
      200: {
        description: 'Accepted (possibly in part)',
        content: { 'application/json': { schema: answer } },
      },
      400: {
        description: 'All rejected (the same answer, accepted 0), or a malformed body ({error})',
        content: { 'application/json': { schema: answer } },
      },
      401: { description: 'Missing or invalid bearer token' },
      413: { description: 'Too large' },
    },
  };
}

/** `POST /api/v1/usage/void`: removing records by id, for admins of the whole org. */
export function usageVoidOperation() {
  const ids = list({ type: 'string' });
  return {
    summary: 'Remove records by id from the ledger and its rollups (admins of the whole org; audited)',
    description:
      "For records that should never have landed. Removes the records of the caller's org with these ids and writes a usage.void audit entry naming each one with its source, cost and tokens; with dryRun, only says which ids the ledger holds. The CLI's `spendlens usage void <id…>` does the same, locally or with --server.",
    requestBody: {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['ids'],
            additionalProperties: false,
            properties: {
              ids: { ...ids, minItems: 1, maxItems: MAX_VOID_IDS },
              dryRun: { type: 'boolean', default: false },
              reason: { type: 'string', maxLength: 500, description: 'Kept in the audit entry' },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: '{dryRun, voided, ids, missing}: the ids removed (or that would be) and those not found',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { dryRun: { type: 'boolean' }, voided: { type: 'integer' }, ids, missing: ids },
            },
          },
        },
      },
      400: { description: 'No ids, more than 1000, or a malformed body' },
      401: { description: 'Missing or invalid bearer token' },
      403: { description: 'Not an admin, or an admin limited to some teams' },
    },
  };
}
