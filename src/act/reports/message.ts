import type { AlertFact } from '../alerts/event.ts';
import type { DailyReport, Report, ReportBudget, WeeklyReport } from './content.ts';
import { dayDisplay, moneyDisplay, percentDisplay, perMillionDisplay, valueDisplay } from './display.ts';
import { reportHeading } from './html.ts';

/** What channels show of a report: a title line, a few plain sentences and the key figures. */
export interface ReportMessage {
  title: string;
  text: string;
  facts: AlertFact[];
}

const top = (lines: { value: string | null; cost: string }[], currency: string) => {
  const first = lines[0];
  return first ? `${valueDisplay(first.value)} (${moneyDisplay(first.cost, currency)})` : 'none';
};

function budgetsLine(budgets: ReportBudget[]): string {
  const notOk = budgets.filter((b) => b.state !== 'ok');
  if (budgets.length === 0) return 'no budgets';
  if (notOk.length === 0) return `all ${budgets.length} within budget`;
  return notOk.map((b) => `${b.name} ${b.percent}% (${b.state.replaceAll('_', ' ')})`).join(', ');
}

function daily(r: DailyReport): ReportMessage {
  const c = r.currency;
  const total = moneyDisplay(r.total, c);
  const against = r.baseline
    ? `${percentDisplay(r.changePercent)} against the usual ${moneyDisplay(r.baseline.expected, c)}`
    : 'no baseline yet';
  return {
    title: `Daily summary for ${dayDisplay(r.day)}: ${total} (${against})`,
    text: [
      `${dayDisplay(r.day)} (${r.timezone}): ${total} of AI spend, ${against};`,
      `${percentDisplay(r.lastWeek.changePercent)} on the same day last week (${moneyDisplay(r.lastWeek.total, c)}).`,
      `${r.anomalies.length} ${r.anomalies.length === 1 ? 'anomaly' : 'anomalies'}; budgets: ${budgetsLine(r.budgets)}.`,
    ].join(' '),
    facts: [
      { label: 'Total', value: total },
      { label: 'Against usual', value: r.baseline ? percentDisplay(r.changePercent) : 'learning' },
      { label: 'Same day last week', value: moneyDisplay(r.lastWeek.total, c) },
      { label: 'Top team', value: top(r.top.team, c) },
      { label: 'Top project', value: top(r.top.project, c) },
      { label: 'Top user', value: top(r.top.user, c) },
      { label: 'Top model', value: top(r.top.model, c) },
      { label: 'Per 1M output tokens', value: perMillionDisplay(r.costPerOutputToken, c) },
      { label: 'Anomalies', value: String(r.anomalies.length) },
      { label: 'Budgets', value: budgetsLine(r.budgets) },
    ],
  };
}

function weekly(r: WeeklyReport): ReportMessage {
  const c = r.currency;
  const total = moneyDisplay(r.total, c);
  const change = `${percentDisplay(r.changePercent)} week on week`;
  const mover = r.movers[0];
  const moverText = mover
    ? `${mover.dimension} ${valueDisplay(mover.value)} ${moneyDisplay(mover.change, c)}`
    : 'none';
  return {
    title: `Weekly report ${r.week}: ${total} (${change})`,
    text: [
      `${reportHeading(r).period}: ${total} of AI spend against ${moneyDisplay(r.previousTotal, c)} the week before (${change}).`,
      `Biggest mover: ${moverText}. ${r.anomalies.length} ${r.anomalies.length === 1 ? 'anomaly' : 'anomalies'}; budgets: ${budgetsLine(r.budgets)}.`,
    ].join(' '),
    facts: [
      { label: 'This week', value: total },
      { label: 'Week before', value: moneyDisplay(r.previousTotal, c) },
      { label: 'Change', value: `${moneyDisplay(r.change, c)} (${percentDisplay(r.changePercent)})` },
      { label: 'Top team', value: top(r.top.team, c) },
      { label: 'Top project', value: top(r.top.project, c) },
      { label: 'Biggest mover', value: moverText },
      { label: 'Anomalies', value: String(r.anomalies.length) },
      { label: 'Budgets', value: budgetsLine(r.budgets) },
    ],
  };
}

/** The plain-text summary and facts of a report, for Slack, webhooks, email text and the log. */
export function reportMessage(r: Report): ReportMessage {
  return r.kind === 'daily' ? daily(r) : weekly(r);
}
