import type { BudgetInputs } from '../../act/budgets/evaluate.ts';
import { periodBounds } from '../../act/budgets/period.ts';
import { type Day, localDay } from '../../analyze/calendar.ts';
import type { BudgetSettings } from '../../config/alerting.ts';
import type { GroupKey } from '../../domain/record.ts';
import type { AppContext } from '../context.ts';
import { querySpend } from '../spend.ts';
import { currencyBridge } from './inputs.ts';

/** One value of a budget of every value: its main team (for routing) and what it is judged on. */
export interface MemberInputs {
  value: string;
  /** The team most of its spend this period went to; null when none of it has a team. */
  team: string | null;
  inputs: BudgetInputs;
}

/**
 * What each value of a budget of every value (`scope.each`) is judged on at `at`: the values that spent
 * in the period under way, in value order, each with its spend by local day and the run-rate of the
 * trailing period length. why: two grouped queries for all values, not a forecast per value, so a
 * budget of 500 users costs what one budget does; a month's run-rate is the pace of the last month.
 * Spend without a value (no user) belongs to none.
 */
export async function memberInputs(
  ctx: AppContext,
  org: string,
  settings: BudgetSettings,
  at: Date,
): Promise<MemberInputs[]> {
  const tz = ctx.config.timezone;
  const bounds = periodBounds(settings.period, at, tz);
  if (at <= bounds.start) return [];
  const bridge = currencyBridge(ctx, settings);
  const dimension = settings.scope.dimension as GroupKey;
  const groupBy: GroupKey[] = dimension === 'team' ? ['team'] : [dimension, 'team'];
  const length = bounds.end.getTime() - bounds.start.getTime();
  const [period, trailing] = await Promise.all([
    querySpend(ctx, { org, from: bounds.start, to: at, groupBy, bucket: 'day', tz }),
    querySpend(ctx, { org, from: new Date(at.getTime() - length), to: at, groupBy: [dimension] }),
  ]);
  const members = new Map<string, { days: Map<Day, bigint>; teams: Map<string, bigint> }>();
  for (const r of period.rows) {
    const value = r.dims[dimension];
    if (value === null || value === undefined) continue;
    const m = members.get(value) ?? { days: new Map(), teams: new Map() };
    members.set(value, m);
    const day = localDay(r.bucket ?? bounds.start, tz);
    m.days.set(day, (m.days.get(day) ?? 0n) + bridge.toBudget(r.costMicros));
    const team = r.dims.team;
    if (team) m.teams.set(team, (m.teams.get(team) ?? 0n) + r.costMicros);
  }
  const trailingOf = new Map(trailing.rows.map((r) => [r.dims[dimension], r.costMicros]));
  return [...members.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([value, m]) => ({
      value,
      team: mainTeam(m.teams),
      inputs: {
        tz,
        days: [...m.days.entries()].map(([day, micros]) => ({ day, micros })),
        projection: { method: 'run-rate', trailingMicros: bridge.toBudget(trailingOf.get(value) ?? 0n) },
      },
    }));
}

/** The team with the most spend (the first by name on a tie), or null. */
function mainTeam(teams: Map<string, bigint>): string | null {
  let best: [string, bigint] | null = null;
  for (const [team, micros] of [...teams.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === null || micros > best[1]) best = [team, micros];
  }
  return best?.[0] ?? null;
}
