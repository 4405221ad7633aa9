import { z } from 'zod';
import { DIMENSIONS } from '../../domain/record.ts';
import { usageInputSchema } from '../../normalize/usage.ts';
import { priceEntrySchema } from '../../price/entry.ts';
import { alertPaths } from './openapi-alerts.ts';
import { analysisPaths } from './openapi-analysis.ts';
import { budgetPaths } from './openapi-budgets.ts';
import { withContract } from './openapi-contract.ts';
import { identityPaths } from './openapi-identity.ts';
import { incidentPaths } from './openapi-incidents.ts';
import { reportPaths } from './openapi-reports.ts';
import { subscriptionPaths } from './openapi-subscriptions.ts';
import { usageIngestOperation, usageInputJson, usageVoidOperation } from './openapi-usage.ts';

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

/** The OpenAPI 3.1 document served at `/api/openapi.json`, with the contract's schemas (src/domain/api). */
export function openApiDocument() {
  return withContract({
    openapi: '3.1.0',
    info: {
      title: 'spendlens API',
      version: '1',
      description:
        'One exact, deduplicated ledger of AI spend. Money is an exact decimal string in the reporting currency; times are UTC ISO 8601. Summed counts (tokens, requests) are JSON integers up to 2^53 - 1 and digit strings beyond, so no sum is rounded.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'spendlens_session' },
      },
      schemas: {
        UsageInput: usageInputJson(schema(usageInputSchema)),
        PriceEntry: schema(priceEntrySchema),
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      '/api/v1/usage': {
        post: usageIngestOperation(),
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
      '/api/v1/usage/void': { post: usageVoidOperation() },
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
      '/api/v1/reconciliation': {
        get: {
          summary: "Per UTC day, provider and project: the provider's billed cost against the usage estimate",
          description:
            '`billed` is the net bill (charges + credits). Credits (negative invoice lines) are shown apart: `credits` (≤ 0), `charges`, and `chargesVariance`/`chargesVariancePercent` (charges − estimated). `lineItems` sets the invoice lines against the matching part of the estimate: per usage model its token lines (`kind` tokens), the web and file search fees (`web_search`, `file_search`), and lines no usage matches (`other`, `estimated` null). `causes` names known reasons for a residue: `credits`, `priority_tier_not_billed` (Anthropic Priority Tier usage is billed by commitment, never in the cost report), `unpriced_usage`, `unmatched_lines`.',
          parameters: filters,
          responses: ok(
            '{currency, rows: [{day, provider, project, billed, estimated, variance, variancePercent, byModel, cache, charges, credits, chargesVariance, chargesVariancePercent, lineItems: [{item, kind, model, billed, estimated, variance, lines}], causes: [{code, amount, message}]}], totals: {billed, estimated, variance, charges, credits, chargesVariance}, warnings}',
          ),
        },
      },
      '/api/v1/export/focus': {
        get: {
          summary: 'The ledger as FOCUS 1.2 CSV (ServiceCategory "AI and Machine Learning")',
          parameters: filters,
          responses: { '200': { description: 'text/csv download' } },
        },
      },
      '/api/v1/summary': {
        get: {
          summary: "A period's total, daily average, change against the previous equal period and breakdowns",
          parameters: filters,
          responses: ok(
            '{period, totalCost, averageDailyCost, changePercent, totals, byUser, byTeam, byProject, byModel, anomalies}',
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
      '/api/v1/pricing/update': {
        post: {
          summary: 'Load newer base prices in the genai-prices format ({origin, providers})',
          description:
            'providers is the array of @pydantic/genai-prices data.json (or an installed package): models with match rules and prices per key (input_mtok, output_mtok, cache_read_mtok, cache_write_mtok, cache_write_1h_mtok, audio and image keys, web_searches_kcount, storage_searches_kcount), tiered by prompt size and dated by start_date constraints. Entries that add a model or a price period or change a price are saved as overrides marked with origin; a later spendlens whose bundled genai-prices is as new or newer ignores them. Past records keep the price in force at their own time until re-priced.',
          responses: ok('{origin, read, added, changed, skipped}'),
        },
      },
      '/v1/logs': {
        post: {
          summary:
            'OTLP/HTTP logs (JSON or protobuf, optionally gzip): coding-assistant usage events become records',
          description:
            'Claude Code `claude_code.api_request` events (with `CLAUDE_CODE_ENABLE_TELEMETRY=1` and an OTLP exporter pointed here), Codex and Gemini CLI events: one record per call with the reported cost (billed), tokens, model, the user (email) and session. Other log records are ignored. Answers as /v1/traces does.',
          requestBody: {
            content: {
              'application/json': { schema: { type: 'object', description: 'ExportLogsServiceRequest' } },
              'application/x-protobuf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            ...ok('ExportLogsServiceResponse'),
            400: { description: 'Undecodable body' },
            415: { description: 'Not JSON or protobuf' },
            429: { description: 'Busy: retry after Retry-After seconds' },
          },
        },
      },
      '/v1/metrics': {
        post: {
          summary: 'OTLP/HTTP metrics: coding-assistant cost and token counters (delta or cumulative)',
          description:
            '`claude_code.cost.usage` and `claude_code.token.usage` (and Gemini CLI counters) per session and interval. A session whose events arrive through /v1/logs is counted from the events only, so the same calls never count twice.',
          requestBody: {
            content: {
              'application/json': { schema: { type: 'object', description: 'ExportMetricsServiceRequest' } },
              'application/x-protobuf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            ...ok('ExportMetricsServiceResponse'),
            400: { description: 'Undecodable body' },
            415: { description: 'Not JSON or protobuf' },
            429: { description: 'Busy: retry after Retry-After seconds' },
          },
        },
      },
      '/v1/traces': {
        post: {
          summary: 'OTLP/HTTP traces (JSON or protobuf, optionally gzip): GenAI spans become records',
          description:
            'Spans with gen_ai.usage.* attributes become records with id otel:<traceId>:<spanId>; cache tokens are taken out of gen_ai.usage.input_tokens, gen_ai.usage.cost is billed USD. User from spendlens.user, enduser.id or user.id; team from spendlens.team; project from spendlens.project or service.name (span before resource). Other spans are ignored. Answers as OTLP does, in the encoding of the request: 200 with partialSuccess {rejectedSpans, errorMessage} when spans were rejected, 400 with a google.rpc.Status for an undecodable body, 415 for other content types, 429 with Retry-After when busy.',
          requestBody: {
            content: {
              'application/json': { schema: { type: 'object', description: 'ExportTraceServiceRequest' } },
              'application/x-protobuf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            ...ok('ExportTraceServiceResponse'),
            400: { description: 'Undecodable body' },
            415: { description: 'Not JSON or protobuf' },
            429: { description: 'Busy: retry after Retry-After seconds' },
          },
        },
      },
      '/api/v2/write': {
        post: {
          summary: 'InfluxDB 2 line protocol: points of the ai_costs measurement become records',
          description:
            'Tags model, user_id, project_id, team_id, provider (else inferred from the model), service, currency; any other tag becomes a record tag. Fields: cost (billed, USD unless a currency tag), tokens (input tokens, unless input_tokens/output_tokens fields are given), input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, requests. The same point (measurement, tags, time) written twice is one record. Accepts Authorization: Token <token>. 204 when every line was taken; otherwise 400 {code: "invalid", message} naming each bad line, with the good lines written.',
          parameters: [
            q('precision', 'ns (default), us, ms or s'),
            q('org', 'Accepted and ignored: the token decides the tenant'),
            q('bucket', 'Accepted and ignored'),
          ],
          requestBody: { content: { 'text/plain': { schema: { type: 'string' } } } },
          responses: {
            204: { description: 'All lines written' },
            400: {
              description: '{code: "invalid", message} naming the bad lines; the good lines were written',
            },
            401: { description: 'Missing or invalid token' },
          },
        },
      },
      '/v1/transactions': {
        get: {
          summary: "The ledger as a cost tracker's transaction feed, newest first",
          description:
            'cost_<currency> is in the reporting currency (null when unpriced or without an exchange rate); service is the provider; tokens_in counts input, cache read and cache write tokens; tokens_out includes reasoning.',
          parameters: [
            q('date_from', 'A date (midnight UTC) or a zoned instant. Default: 30 days before date_to.'),
            q('date_to', 'A date (its whole day included) or a zoned instant (exclusive). Default: now.'),
            q('limit', '1–1000, default 100'),
            q('offset', '0–100000, default 0'),
          ],
          responses: ok(
            '{transactions: [{id, timestamp, service, model, cost_<currency>, tokens_in, tokens_out, user_id, project_id}]}',
          ),
        },
      },
      '/api/v1/sources': {
        get: {
          summary: 'Pull sources with their health',
          responses: ok(
            '{sources: [{id, kind, origin, settings, keyHint, status: ok|failing|pending, lastAttemptAt, lastSuccessAt, lastError, lagSeconds, recordsIngested, detail}]}',
          ),
        },
        post: {
          summary: 'Add a pull source (openai, anthropic, feed, activity); the key is write-only',
          description:
            'Body: {id, kind, key, baseUrl?, poll? ("5m" or a cron expression), backfillDays? (30), overlapHours?, rateLimit? (requests/min, 100), timeoutSeconds? (30), endpoints?, costs? (true), project?, organization? (copilot), seatPrices? (copilot: USD per seat per month by plan_type, {business: "19", enterprise: "39"}; unset: seats not booked), accessKeyId? (bedrock), scope? (azure-openai), enabled?}. The key is encrypted at rest (AES-256-GCM) and never returned: answers carry keyHint.',
          responses: {
            ...ok('the source'),
            400: { description: 'Invalid settings' },
            409: { description: 'Exists' },
          },
        },
      },
      '/api/v1/sources/{id}': {
        get: { summary: "One source's health", responses: ok('the source') },
        put: {
          summary: "Replace an API source's settings; send key only to change it",
          responses: ok('the source'),
        },
        delete: {
          summary: 'Remove an API source (its records stay)',
          responses: { 204: { description: 'Removed' } },
        },
      },
      '/api/v1/sources/{id}/sync': {
        post: {
          summary: 'Sync a source now',
          responses: ok('{sourceId, ok, inserted, replaced, rejected, activities, error, source}'),
        },
      },
      '/api/v1/activity': {
        post: {
          summary:
            'Activities for the join: {id?, user, context, project?, team?, start, end}, one or an array',
          description:
            "Records of the user whose time falls in [start, end] (± attribution.activity_tolerance_seconds) and have no context get the activity's context, now for records already stored and at ingest for later ones.",
          responses: ok('{accepted, joined}'),
        },
        get: {
          summary: 'Activities overlapping from/to (default: the last 7 days)',
          responses: ok('{activities}'),
        },
      },
      '/api/v1/attribution/rules': {
        get: {
          summary: 'Attribution rules in force, in order',
          responses: ok('{rules: [{id, origin, match, set}]}'),
        },
        post: {
          summary:
            'Save a rule {id?, match: {apiKey?, user?, workspace?, provider?, model? (regex), tag?: {key, pattern}}, set: {team?, project?, context?}}',
          description:
            'Rules apply in order, a later match winning; saving one re-applies all rules to past records.',
          responses: ok('{id, reapplied: {examined, changed}}'),
        },
      },
      '/api/v1/attribution/reapply': {
        post: {
          summary: 'Re-apply the attribution rules to the stored records',
          responses: ok('{examined, changed}'),
        },
      },
      '/api/v1/attribution/rules/{id}': {
        put: { summary: 'Replace a saved rule', responses: ok('{id, reapplied}') },
        delete: { summary: 'Delete a saved rule', responses: { 204: { description: 'Deleted' } } },
      },
      ...analysisPaths(),
      ...incidentPaths(),
      ...budgetPaths(),
      ...subscriptionPaths(),
      ...alertPaths(),
      ...reportPaths(),
      ...identityPaths(),
      '/api/v1/gateway/refusals': {
        get: {
          summary:
            'Calls the gateway refused, newest first (?limit=, default 50, at most 500; admins): {refusals: [{at, apiKey (the token id), upstream, model, reason: budget|rate_requests|rate_tokens, budgetId, message}]}',
          responses: ok('{refusals}'),
        },
      },
      '/api/openapi.json': {
        get: {
          summary:
            'This document (also at /api/docs/openapi.json); /api/docs is the readable reference over it',
          security: [],
          responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness and store readiness',
          security: [],
          responses: { 200: { description: 'ok' }, 503: { description: 'store unavailable' } },
        },
      },
      '/metrics': {
        get: {
          summary:
            'Prometheus text: spend (spendlens_spend_month_to_date, spendlens_spend_today, in units of the currency label), tokens, requests and unpriced requests by provider, model, team and project; open anomalies; budgets; sources (whole-org readers only); process metrics. Needs a token with read; a token bound to a team sees only its series.',
          responses: {
            200: { description: 'text/plain; version=0.0.4', content: { 'text/plain': {} } },
            401: { description: 'no or unknown token' },
            403: { description: 'the token cannot read' },
          },
        },
      },
    },
  });
}
