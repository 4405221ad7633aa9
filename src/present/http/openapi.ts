import { z } from 'zod';
import { DIMENSIONS } from '../../domain/record.ts';
import { usageInputSchema } from '../../normalize/usage.ts';
import { priceEntrySchema } from '../../price/entry.ts';

const schema = (s: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const q = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
  ...extra,
});

const filters = [
  q(
    'from',
    'Start (inclusive): a zoned ISO 8601 instant or a YYYY-MM-DD date (midnight UTC). Default: 30 days before `to`.',
  ),
  q('to', 'End (exclusive). Default: the end of the current hour.'),
  ...DIMENSIONS.map((d) =>
    q(d, `Only these ${d} values, comma-separated; \`(none)\` matches records without one.`),
  ),
  q('tag.<key>', 'Only records whose tag <key> has one of these values.'),
];

const ok = (description: string) => ({
  200: { description },
  401: { description: 'Missing or invalid bearer token' },
});

/** The OpenAPI 3.1 document served at `/api/docs`. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'spendlens API',
      version: '1',
      description:
        'One exact, deduplicated ledger of AI spend. Money is an exact decimal string in the reporting currency; times are UTC ISO 8601.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { UsageInput: schema(usageInputSchema), PriceEntry: schema(priceEntrySchema) },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/usage': {
        post: {
          summary: 'Ingest one record, an array, or NDJSON (application/x-ndjson)',
          description:
            'Valid records land even when others are rejected. Answers {accepted, duplicates, rejected: [{index, errors: [{path, message}]}]}; 400 when every record is rejected, 413 over the size limit. A 2xx means accepted records are durable.',
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
            ...ok('Accepted (possibly in part)'),
            400: { description: 'All rejected or malformed' },
            413: { description: 'Too large' },
          },
        },
        get: {
          summary: 'Records, newest first, paged by cursor',
          parameters: [
            ...filters,
            q('limit', '1–1000, default 100'),
            q('cursor', 'nextCursor of the previous page'),
          ],
          responses: ok('{records, nextCursor}'),
        },
      },
      '/api/v1/spend': {
        get: {
          summary: 'Spend grouped by dimensions and bucketed in time',
          parameters: [
            ...filters,
            q('groupBy', `Comma list of ${DIMENSIONS.join(', ')} or tag:<key> (at most 4)`),
            q('bucket', 'hour, day, week or month'),
            q('tz', 'IANA time zone for bucket boundaries (default: config timezone)'),
          ],
          responses: ok(
            '{currency, rows: [{bucket?, <dims>, cost, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, requests}], totals}',
          ),
        },
      },
      '/api/v1/summary': {
        get: {
          summary: "A period's total, daily average, change against the previous equal period and breakdowns",
          parameters: filters,
          responses: ok(
            '{totalCost, averageDailyCost, changePercent, byUser, byTeam, byProject, byModel, anomalies}',
          ),
        },
      },
      '/api/v1/pricing': {
        get: { summary: 'The price catalog, saved overrides and unpriced models', responses: ok('catalog') },
      },
      '/api/v1/pricing/overrides': {
        put: {
          summary: 'Save price overrides (USD per 1M tokens); ?reprice=true re-prices their models',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PriceEntry' } } },
          },
          responses: ok('{saved, repriced}'),
        },
      },
      '/api/v1/pricing/reprice': {
        post: {
          summary: 'Re-price estimated and unpriced records from the current catalog',
          responses: ok('{examined, changed, stillUnpriced}'),
        },
      },
      '/api/v1/pricing/import': {
        post: {
          summary: 'Import a LiteLLM model_prices_and_context_window.json as overrides',
          responses: ok('{imported, skipped}'),
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness and store readiness',
          security: [],
          responses: { 200: { description: 'ok' }, 503: { description: 'store unavailable' } },
        },
      },
    },
  };
}
