import type { BudgetScope } from '../../config/alerting.ts';
import type { AlertEvent, AlertFact, AlertSeverity } from '../alerts/event.ts';
import { moneyDisplay } from '../reports/display.ts';
import type { BudgetMemberView, BudgetStatusView, BudgetView } from './view.ts';

type Definition = Omit<BudgetView, 'status'>;

/** Whom an event is about: the budget itself, or one value of a budget of every value. */
type Subject = Definition & { member?: BudgetMemberView };

const ADJECTIVE = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** Dedupe key of a threshold crossing: once per budget (and value, for a budget of every value), threshold and period. */
function thresholdKey(budget: Subject, threshold: number, status: BudgetStatusView): string {
  return `budget:${keyOf(budget)}:${threshold}:${status.periodStart.slice(0, 10)}`;
}

/** Dedupe key of the period's "projected to exceed". */
function projectedKey(budget: Subject, status: BudgetStatusView): string {
  return `budget:${keyOf(budget)}:projected:${status.periodStart.slice(0, 10)}`;
}

function keyOf(budget: Subject): string {
  if (!budget.member) return budget.id;
  return `${budget.id}:${budget.scope.dimension}=${encodeURIComponent(budget.member.value)}`;
}

/**
 * What a budget's status calls for telling, given the dedupe keys already raised (`alerted`).
 *
 * Thresholds: only the highest one crossed alerts, and only while no alert of it or of a higher
 * threshold exists this period: a higher alert stands for the lower ones. Jumping from 40% to 85%
 * says "passed 80%" once, not 50% and 80% in the same breath, and dipping back to 79% (a re-priced
 * record) does not announce 50% afterwards. A crossing of 100% or more is `budget_exceeded`.
 * Projection: `projected_to_exceed` once per period while the projection crosses the amount before the
 * period ends, spend is still under it, and the budget asks for forecast alerts.
 */
export function transition(
  budget: Definition,
  status: BudgetStatusView,
  now: Date,
  alerted: ReadonlySet<string> = new Set(),
): AlertEvent[] {
  if (budget.scope.each !== true) return judge(budget, status, now, alerted);
  // why: a budget of every value ("every user at most $X") is one budget per value: each judged on its
  // own status, with its own dedupe keys, its alert routed to its team too.
  return (budget.members ?? []).flatMap((member) => {
    const scope = { dimension: budget.scope.dimension, value: member.value };
    return judge({ ...budget, scope, member }, member.status, now, alerted);
  });
}

function judge(
  budget: Subject,
  status: BudgetStatusView,
  now: Date,
  alerted: ReadonlySet<string>,
): AlertEvent[] {
  const events: AlertEvent[] = [];
  const top = status.crossed.at(-1);
  const done = (t: number) =>
    budget.thresholds.some((x) => x >= t && alerted.has(thresholdKey(budget, x, status)));
  if (top !== undefined && !done(top)) events.push(thresholdEvent(budget, status, top, now));
  const key = projectedKey(budget, status);
  if (status.state === 'projected_to_exceed' && budget.alertOnForecast && !alerted.has(key)) {
    events.push(projectedEvent(budget, status, now));
  }
  return events;
}

function thresholdEvent(budget: Subject, status: BudgetStatusView, threshold: number, now: Date): AlertEvent {
  const m = money(budget);
  const exceeded = threshold >= 100;
  const title = exceeded
    ? `${label(budget)} exceeded${threshold > 100 ? ` ${threshold}%` : ''}: ${m(status.spent)} of ${m(budget.amount)}`
    : `${label(budget)} passed ${threshold}%: ${m(status.spent)} of ${m(budget.amount)}`;
  const text =
    `${scopeText(budget.scope)} has spent ${m(status.spent)} of its ${m(budget.amount)} ${ADJECTIVE[budget.period]} budget ` +
    `(${status.percent}%) since ${status.periodStart.slice(0, 10)}; projected ${m(status.projected)} ` +
    `by the end of the period. The budget resets ${status.periodEnd.slice(0, 10)}.`;
  return {
    kind: exceeded ? 'budget_exceeded' : 'threshold_crossed',
    dedupeKey: thresholdKey(budget, threshold, status),
    severity: severityOf(threshold),
    ...common(budget, status),
    title,
    text,
    data: { ...data(budget, status, now), threshold },
  };
}

function projectedEvent(budget: Subject, status: BudgetStatusView, now: Date): AlertEvent {
  const m = money(budget);
  const band =
    // Stryker disable next-line LogicalOperator: P10 and P90 are both set (forecast) or both null (run-rate)
    status.projectedLow !== null && status.projectedHigh !== null
      ? ` (P10–P90 ${m(status.projectedLow)} – ${m(status.projectedHigh)})`
      : '';
  return {
    kind: 'projected_to_exceed',
    dedupeKey: projectedKey(budget, status),
    severity: 'medium',
    ...common(budget, status),
    title: `${label(budget)} projected to be exceeded on ${status.projectedOverrunDate}: ${m(status.projected)} of ${m(budget.amount)}`,
    text:
      `${scopeText(budget.scope)} has spent ${m(status.spent)} of its ${m(budget.amount)} ${ADJECTIVE[budget.period]} budget ` +
      `(${status.percent}%). At the current pace it reaches the budget on ${status.projectedOverrunDate} ` +
      `and ends the period at ${m(status.projected)}${band}.`,
    data: data(budget, status, now),
  };
}

function common(budget: Subject, status: BudgetStatusView) {
  const m = money(budget);
  const facts: AlertFact[] = [
    { label: 'Budget', value: `${budget.name} (${ADJECTIVE[budget.period]}, ${m(budget.amount)})` },
    { label: 'Scope', value: scopeText(budget.scope) },
    { label: 'Spent', value: `${m(status.spent)} (${status.percent}%)` },
    { label: 'Projected', value: m(status.projected) },
  ];
  if (status.projectedOverrunDate)
    facts.push({ label: 'Projected overrun', value: status.projectedOverrunDate });
  facts.push({ label: 'Resets', value: status.periodEnd.slice(0, 10) });
  return {
    scope:
      budget.scope.dimension === 'org'
        ? null
        : { dimension: budget.scope.dimension, value: budget.scope.value ?? '' },
    ...routeAlso(budget),
    budgetId: budget.id,
    facts,
    link: `/budgets?id=${encodeURIComponent(budget.id)}${budget.member ? `&member=${encodeURIComponent(budget.member.value)}` : ''}`,
  };
}

/** A value's alert also reaches its team's route ("the alert goes to the user's team"). */
function routeAlso(budget: Subject): Pick<AlertEvent, 'routeAlso'> {
  const team = budget.member?.team;
  if (!team || budget.scope.dimension === 'team') return {};
  return { routeAlso: [{ dimension: 'team', value: team }] };
}

/** `Budget "ML monthly"`, or `Budget "Per person" for user "ana"` for one value of a budget of every value. */
function label(budget: Subject): string {
  if (!budget.member) return `Budget "${budget.name}"`;
  const what = scopeText(budget.scope);
  return `Budget "${budget.name}" for ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

function data(budget: Subject, status: BudgetStatusView, now: Date): Record<string, unknown> {
  return {
    budgetId: budget.id,
    ...(budget.member ? { member: budget.member.value, team: budget.member.team } : {}),
    currency: budget.currency,
    amount: budget.amount,
    spent: status.spent,
    percent: status.percent,
    projected: status.projected,
    projectedOverrunDate: status.projectedOverrunDate,
    periodStart: status.periodStart,
    periodEnd: status.periodEnd,
    evaluatedAt: now.toISOString(),
  };
}

/** Decimal strings of the budget's currency as exact display money. */
function money(budget: Subject) {
  return (decimal: string) => moneyDisplay(decimal, budget.currency);
}

function severityOf(threshold: number): AlertSeverity {
  if (threshold >= 100) return 'high';
  return threshold >= 80 ? 'medium' : 'low';
}

/** "The org", `Team "ml"`, `Tag env "prod"`. */
function scopeText(scope: BudgetScope): string {
  if (scope.dimension === 'org') return 'The org';
  const tag = /^tag:(.+)$/.exec(scope.dimension)?.[1];
  const what = tag ? `Tag ${tag}` : scope.dimension.charAt(0).toUpperCase() + scope.dimension.slice(1);
  return `${what} "${scope.value}"`;
}
