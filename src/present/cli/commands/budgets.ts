import Table from 'cli-table3';
import { moneyDisplay } from '../../../act/reports/display.ts';
import { listBudgetViews } from '../../../app/budgets/status.ts';
import type { BudgetMemberView, BudgetStatusView, BudgetView } from '../../../app/budgets/view.ts';
import { callRemote } from '../remote.ts';
import type { Target } from '../target.ts';

/** `spendlens budgets`: every budget with its live status, from the store or through a server. */
export async function budgetsList(target: Target, now: Date): Promise<BudgetView[]> {
  if ('remote' in target) {
    return ((await callRemote(target.remote, 'GET', '/api/v1/budgets')) as { budgets: BudgetView[] }).budgets;
  }
  return listBudgetViews(target.ctx, target.ctx.config.org, now);
}

const STATE_TEXT: Record<BudgetView['status']['state'], string> = {
  ok: 'ok',
  warning: 'warning',
  projected_to_exceed: 'projected over',
  exceeded: 'EXCEEDED',
};

/** The budgets as a table: scope, period, amount, spent, percent, projected, state and when it resets. */
export function renderBudgets(list: BudgetView[], color: boolean): string {
  if (list.length === 0)
    return 'No budgets yet: spendlens budgets add <name> --amount <amount>, or [[budgets]] in spendlens.toml.';
  const table = new Table({
    head: ['Budget', 'Scope', 'Period', 'Amount', 'Spent', '%', 'Projected', 'State', 'Resets'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
  });
  for (const b of list) {
    if (b.members) table.push(...eachRows(b, b.members));
    else table.push(statusRow(b, b.origin === 'config' ? `${b.id} (config)` : b.id, scopeText(b), b.status));
  }
  return table.toString();
}

function scopeText(b: BudgetView): string {
  if (b.scope.dimension === 'org') return 'org';
  return b.scope.each ? `${b.scope.dimension}=* (each)` : `${b.scope.dimension}=${b.scope.value}`;
}

/** A budget of every value: a line for the budget, then one per value that spent, furthest along first. */
function eachRows(b: BudgetView, members: BudgetMemberView[]): string[][] {
  const over = members.filter((m) => m.status.state === 'exceeded').length;
  const head = [
    b.origin === 'config' ? `${b.id} (config)` : b.id,
    scopeText(b),
    b.period,
    moneyDisplay(b.amount, b.currency),
    '',
    '',
    '',
    `${over} of ${members.length} exceeded`,
    b.status.periodEnd.slice(0, 16).replace('T', ' '),
  ];
  const rows = members.map((m) =>
    statusRow(b, `  ${m.value}`, m.team ? `team=${m.team}` : '', m.status).map((cell, i) =>
      i === 2 || i === 3 || i === 8 ? '' : cell,
    ),
  );
  return [head, ...rows];
}

function statusRow(b: BudgetView, name: string, scope: string, s: BudgetStatusView): string[] {
  const m = (x: string) => moneyDisplay(x, b.currency);
  return [
    name,
    scope,
    b.period,
    m(b.amount),
    m(s.spent),
    s.percent.toFixed(1),
    m(s.projected),
    s.projectedOverrunDate && s.state !== 'ok'
      ? `${STATE_TEXT[s.state]} (${s.projectedOverrunDate})`
      : STATE_TEXT[s.state],
    s.periodEnd.slice(0, 16).replace('T', ' '),
  ];
}
