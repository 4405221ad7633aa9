import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ANOMALY_KINDS } from '../../../analyze/anomaly.ts';
import { SEVERITIES } from '../../../analyze/severity.ts';
import type { AppContext } from '../../../app/context.ts';
import { METRIC_DIMENSIONS, type MetricsSnapshot, metricsSnapshot } from '../../../app/metrics.ts';
import type { SpendLine } from '../../../app/spend.ts';
import { decimalToScaled, formatMicros } from '../../../domain/money.ts';
import { principalOf } from '../auth.ts';
import { NONE } from '../query.ts';

/**
 * `GET /metrics`: Prometheus text. Spend (a decimal in the reporting currency), tokens, requests and
 * unpriced requests of the month and of today by provider, model, team and project, and their exact
 * totals; open anomalies and incidents; budgets (use, elapsed and projected ratios); sources' health;
 * the process's own metrics. `deploy/grafana` and `deploy/prometheus` read these names. Scoped like every read: a token bound to a team
 * sees only that team's series (src/app/access/scope.ts).
 */
export function metricsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/metrics', async (request, reply) => {
    const snapshot = await metricsSnapshot(ctx, principalOf(request));
    const registry = Registry.merge([processRegistry(), snapshotRegistry(snapshot)]);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

let processMetrics: Registry | null = null;

// why: default metrics start an event-loop monitor; one registry for the process, not one per scrape.
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

const SERIES = [...METRIC_DIMENSIONS];
const TOKEN_KINDS = {
  input: 'inputTokens',
  output: 'outputTokens',
  cache_read: 'cacheReadTokens',
  cache_write: 'cacheWriteTokens',
  reasoning: 'reasoningTokens',
} as const satisfies Record<string, keyof SpendLine>;

/** A fresh registry holding this caller's numbers, so nothing of one scrape survives into another's. */
function snapshotRegistry(s: MetricsSnapshot): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  for (const [period, lines] of [
    ['month_to_date', s.month],
    ['today', s.today],
  ] as const) {
    const when = period === 'today' ? 'since the start of today' : 'since the start of the month';
    const spend = gauge(
      `spendlens_spend_${period}`,
      `Spend ${when} (configured timezone), in units of the currency`,
      ['currency', ...SERIES],
    );
    const tokens = gauge(`spendlens_tokens_${period}`, `Tokens ${when}, by kind`, [...SERIES, 'kind']);
    const requests = gauge(`spendlens_requests_${period}`, `Requests ${when}`, SERIES);
    const unpriced = gauge(
      `spendlens_unpriced_requests_${period}`,
      `Requests ${when} of models without a price (not in spend)`,
      SERIES,
    );
    const total = gauge(
      `spendlens_total_spend_${period}`,
      `Spend ${when} of everything the caller sees, summed exactly before conversion to a float`,
      ['currency'],
    );
    total.set(
      { currency: s.currency },
      Number(formatMicros((period === 'today' ? s.todayTotal : s.monthTotal).costMicros)),
    );
    for (const line of lines) {
      const labels = seriesLabels(line);
      spend.set({ currency: s.currency, ...labels }, Number(formatMicros(line.costMicros)));
      // why: Prometheus samples are float64 by definition; past 2^53 a sample is the nearest float.
      requests.set(labels, Number(line.requests));
      unpriced.set(labels, Number(line.unpricedRequests));
      for (const [kind, field] of Object.entries(TOKEN_KINDS))
        tokens.set({ ...labels, kind }, Number(line[field]));
    }
  }
  const anomalies = gauge('spendlens_anomalies_open', 'Open anomalies, by kind and severity', [
    'kind',
    'severity',
  ]);
  for (const kind of ANOMALY_KINDS) {
    for (const severity of SEVERITIES) {
      const count = s.openAnomalies.filter((a) => a.kind === kind && a.severity === severity).length;
      anomalies.set({ kind, severity }, count);
    }
  }
  const incidents = gauge(
    'spendlens_incidents_open',
    'Open incidents (correlated open anomalies), by severity',
    ['severity'],
  );
  for (const severity of SEVERITIES)
    incidents.set({ severity }, s.openIncidents.filter((i) => i.severity === severity).length);
  budgetGauges(s, gauge);
  if (s.sources) sourceGauges(s.sources, gauge);
  return registry;
}

type GaugeMaker = (name: string, help: string, labelNames: string[]) => Gauge;

function budgetGauges(s: MetricsSnapshot, gauge: GaugeMaker): void {
  const labels = ['budget', 'period', 'scope'];
  const percent = gauge(
    'spendlens_budget_used_percent',
    "Percent of a budget's amount spent this period",
    labels,
  );
  const spent = gauge('spendlens_budget_spent', 'Spent this period, in units of the budget currency', [
    ...labels,
    'currency',
  ]);
  const amount = gauge('spendlens_budget_amount', "A budget's amount, in units of its currency", [
    ...labels,
    'currency',
  ]);
  const used = gauge(
    'spendlens_budget_used_ratio',
    "Share of a budget's amount spent this period (1 = all)",
    labels,
  );
  const projected = gauge(
    'spendlens_budget_projected_ratio',
    "Projected end-of-period spend (P50) as a share of the budget's amount",
    labels,
  );
  const elapsed = gauge(
    'spendlens_budget_period_elapsed_ratio',
    "Share of the budget's period gone by (0 at its start, 1 at its reset)",
    labels,
  );
  for (const b of s.budgets) {
    const scope = b.scope.dimension === 'org' ? 'org' : `${b.scope.dimension}=${b.scope.value ?? NONE}`;
    const l = { budget: b.id, period: b.period, scope };
    percent.set(l, b.status.percent);
    spent.set({ ...l, currency: b.currency }, Number(b.status.spent));
    amount.set({ ...l, currency: b.currency }, Number(b.amount));
    const usedRatio = ratio(b.status.spent, b.amount);
    const projectedRatio = ratio(b.status.projected, b.amount);
    if (usedRatio !== null) used.set(l, usedRatio);
    if (projectedRatio !== null) projected.set(l, projectedRatio);
    elapsed.set(l, elapsedRatio(Date.parse(b.status.periodStart), Date.parse(b.status.periodEnd), s.at));
  }
}

/** `part / whole` of two decimal strings, divided in micro-units (exact to 1e-9); null for a zero whole. */
function ratio(part: string, whole: string): number | null {
  const p = decimalToScaled(part, 6);
  const w = decimalToScaled(whole, 6);
  if (p === null || w === null || w === 0n) return null;
  return Number((p * 1_000_000_000n) / w) / 1e9;
}

function elapsedRatio(start: number, end: number, at: Date): number {
  if (!(end > start)) return 1;
  return Math.min(1, Math.max(0, (at.getTime() - start) / (end - start)));
}

function sourceGauges(sources: NonNullable<MetricsSnapshot['sources']>, gauge: GaugeMaker): void {
  const labels = ['source', 'kind'];
  const failing = gauge('spendlens_source_failing', '1 when the last sync of a source failed', labels);
  const success = gauge(
    'spendlens_source_last_success_timestamp_seconds',
    'When a source last synced successfully (Unix seconds)',
    labels,
  );
  const attempt = gauge(
    'spendlens_source_last_attempt_timestamp_seconds',
    'When a source last tried to sync, successfully or not (Unix seconds)',
    labels,
  );
  const lag = gauge('spendlens_source_lag_seconds', 'How far behind now a source has fetched', labels);
  for (const src of sources) {
    const l = { source: src.id, kind: src.kind };
    failing.set(l, src.status === 'failing' ? 1 : 0);
    if (src.lastSuccessAt) success.set(l, Date.parse(src.lastSuccessAt) / 1000);
    if (src.lastAttemptAt) attempt.set(l, Date.parse(src.lastAttemptAt) / 1000);
    if (src.lagSeconds !== null) lag.set(l, src.lagSeconds);
  }
}

function seriesLabels(line: SpendLine): Record<string, string> {
  return Object.fromEntries(SERIES.map((d) => [d, line.dims[d] ?? NONE]));
}
