import type { BreakdownLine } from '../../analyze/summary.ts';
import type { Summary } from '../../app/summary.ts';
import { countJson } from '../../domain/count.ts';
import { formatMicros } from '../../domain/money.ts';
import type { Period } from '../../domain/periods.ts';
import { amountsJson, perTokenJson } from './format.ts';

const lines = (key: string, list: BreakdownLine[], perToken = false) =>
  list.map((l) => ({
    [key]: l.value,
    cost: formatMicros(l.costMicros),
    share: Math.round(l.share * 10_000) / 10_000,
    requests: countJson(l.requests),
    inputTokens: countJson(l.inputTokens),
    outputTokens: countJson(l.outputTokens),
    ...(perToken ? { costPerOutputToken: perTokenJson(l.costMicros, l.outputTokens) } : {}),
  }));

/** A period summary as `GET /api/v1/summary` answers it (without its anomalies), and `spendlens report --json`. */
export function summaryJson(s: Summary, period: Period) {
  return {
    currency: s.currency,
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    period: {
      id: period.id,
      label: period.label,
      tz: period.tz,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
    },
    previousFrom: s.previous.from.toISOString(),
    previousTo: s.previous.to.toISOString(),
    days: s.days,
    totalCost: formatMicros(s.totalMicros),
    previousCost: formatMicros(s.previousMicros),
    averageDailyCost: formatMicros(s.averageDailyMicros),
    changePercent: s.changePercent,
    totals: amountsJson(s.totals),
    byUser: lines('user', s.breakdowns.user),
    byTeam: lines('team', s.breakdowns.team),
    byProject: lines('project', s.breakdowns.project, true),
    byModel: lines('model', s.breakdowns.model),
    warnings: s.warnings,
  };
}

export type SummaryJson = ReturnType<typeof summaryJson>;
