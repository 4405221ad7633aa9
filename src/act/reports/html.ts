import { addDays } from '../../analyze/calendar.ts';
import type { DailyReport, Report, ReportAnomaly, ReportBudget, WeeklyReport } from './content.ts';
import { dayDisplay, moneyDisplay, percentDisplay, perMillionDisplay, valueDisplay } from './display.ts';

const FONT = "-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";
const MUTED = '#5f6b7a';
const BORDER = '#e3e6ea';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A cell: plain text (escaped here), right-aligned when it is a number. */
interface Cell {
  text: string;
  right?: boolean;
  color?: string;
}
const num = (text: string, color?: string): Cell => ({ text, right: true, color });

function table(head: Cell[], rows: Cell[][]): string {
  const th = (c: Cell) =>
    `<th style="text-align:${c.right ? 'right' : 'left'};padding:6px 8px;border-bottom:2px solid ${BORDER};font-size:12px;color:${MUTED};font-weight:600">${esc(c.text)}</th>`;
  const td = (c: Cell) =>
    `<td style="text-align:${c.right ? 'right' : 'left'};padding:6px 8px;border-bottom:1px solid ${BORDER};font-size:14px${c.color ? `;color:${c.color}` : ''}">${esc(c.text)}</td>`;
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%"><tr>${head.map(th).join('')}</tr>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</table>`;
}

function section(title: string, body: string): string {
  return `<h2 style="font-size:16px;margin:28px 0 8px 0;color:#1f2933">${esc(title)}</h2>${body}`;
}

const empty = (text: string) => `<p style="font-size:14px;color:${MUTED};margin:0">${esc(text)}</p>`;

/** The key figures side by side: a label above each value. */
function headline(figures: { label: string; value: string; note?: string }[]): string {
  const cell = (f: (typeof figures)[number]) =>
    `<td valign="top" style="padding:12px 8px;border:1px solid ${BORDER}"><div style="font-size:12px;color:${MUTED}">${esc(f.label)}</div><div style="font-size:20px;font-weight:600;margin-top:4px">${esc(f.value)}</div>${f.note ? `<div style="font-size:12px;color:${MUTED};margin-top:2px">${esc(f.note)}</div>` : ''}</td>`;
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin-top:16px"><tr>${figures.map(cell).join('')}</tr></table>`;
}

/** Spend going up is the news: red up, green down. */
const changeColor = (change: string) =>
  change.startsWith('-') ? '#1a7f37' : /[1-9]/.test(change) ? '#c62828' : undefined;

function anomalies(list: ReportAnomaly[]): string {
  if (list.length === 0) return section('Anomalies', empty('No unusual spend.'));
  return section(
    'Anomalies',
    table(
      [{ text: 'Severity' }, { text: 'Scope' }, num('Actual'), num('Expected'), { text: 'What' }],
      list.map((a) => [
        { text: a.severity },
        {
          text:
            a.scope.dimension === 'org' ? 'whole org' : `${a.scope.dimension} ${valueDisplay(a.scope.value)}`,
        },
        num(moneyDisplay(a.actual, a.currency)),
        num(moneyDisplay(a.expected, a.currency)),
        { text: a.description },
      ]),
    ),
  );
}

function budgets(list: ReportBudget[]): string {
  if (list.length === 0) return section('Budgets', empty('No budgets set.'));
  return section(
    'Budgets',
    table(
      [{ text: 'Budget' }, num('Spent'), num('Amount'), num('Used'), num('Projected'), { text: 'State' }],
      list.map((b) => [
        { text: `${b.name} (${b.period})` },
        num(moneyDisplay(b.spent, b.currency)),
        num(moneyDisplay(b.amount, b.currency)),
        num(`${b.percent}%`),
        num(moneyDisplay(b.projected, b.currency)),
        { text: b.state.replaceAll('_', ' '), color: b.state === 'ok' ? undefined : '#c62828' },
      ]),
    ),
  );
}

const TITLES = { team: 'Teams', project: 'Projects', user: 'Users', model: 'Models' } as const;

function dailyBody(r: DailyReport): string {
  const c = r.currency;
  const baseline = r.baseline
    ? headlineFigure(
        'Usual for the day',
        moneyDisplay(r.baseline.expected, c),
        `${moneyDisplay(r.baseline.lower, c)} – ${moneyDisplay(r.baseline.upper, c)}`,
      )
    : headlineFigure('Usual for the day', 'learning', 'too little history yet');
  const tops = (['team', 'project', 'user', 'model'] as const).map((d) =>
    section(
      `Top ${TITLES[d].toLowerCase()}`,
      r.top[d].length === 0
        ? empty('No spend.')
        : table(
            [{ text: TITLES[d].slice(0, -1) }, num('Cost'), num('Share'), num('Per 1M output tokens')],
            r.top[d].map((l) => [
              { text: valueDisplay(l.value) },
              num(moneyDisplay(l.cost, c)),
              num(`${l.share}%`),
              num(perMillionDisplay(l.costPerOutputToken, c)),
            ]),
          ),
    ),
  );
  return [
    headline([
      headlineFigure('Total', moneyDisplay(r.total, c), `${r.requests.toLocaleString('en-US')} requests`),
      baseline,
      headlineFigure('Against usual', percentDisplay(r.changePercent)),
      headlineFigure(
        'Same day last week',
        moneyDisplay(r.lastWeek.total, c),
        percentDisplay(r.lastWeek.changePercent),
      ),
      headlineFigure('Per 1M output tokens', perMillionDisplay(r.costPerOutputToken, c)),
    ]),
    ...tops,
    anomalies(r.anomalies),
    budgets(r.budgets),
  ].join('');
}

function weeklyBody(r: WeeklyReport): string {
  const c = r.currency;
  const compare = (lines: WeeklyReport['movers'], withDimension: boolean) =>
    table(
      [
        ...(withDimension ? [{ text: 'Dimension' }] : []),
        { text: 'Value' },
        num('This week'),
        num('Week before'),
        num('Change'),
        num('Change %'),
      ],
      lines.map((l) => [
        ...(withDimension ? [{ text: l.dimension }] : []),
        { text: valueDisplay(l.value) },
        num(moneyDisplay(l.cost, c)),
        num(moneyDisplay(l.previous, c)),
        num(moneyDisplay(l.change, c), changeColor(l.change)),
        num(percentDisplay(l.changePercent)),
      ]),
    );
  return [
    headline([
      headlineFigure('This week', moneyDisplay(r.total, c), `${r.requests.toLocaleString('en-US')} requests`),
      headlineFigure('Week before', moneyDisplay(r.previousTotal, c)),
      headlineFigure('Change', moneyDisplay(r.change, c), percentDisplay(r.changePercent)),
      headlineFigure('Per 1M output tokens', perMillionDisplay(r.costPerOutputToken, c)),
    ]),
    section(
      'Day by day',
      table(
        [{ text: 'Day' }, num('Cost')],
        r.days.map((d) => [{ text: dayDisplay(d.day) }, num(moneyDisplay(d.total, c))]),
      ),
    ),
    section('Biggest movers', r.movers.length ? compare(r.movers, true) : empty('Nothing changed.')),
    ...(['team', 'project', 'user', 'model'] as const).map((d) =>
      section(TITLES[d], r.top[d].length ? compare(r.top[d], false) : empty('No spend.')),
    ),
    anomalies(r.anomalies),
    budgets(r.budgets),
  ].join('');
}

function headlineFigure(label: string, value: string, note?: string) {
  return { label, value, note };
}

/** The report's title and the period under it. */
export function reportHeading(r: Report): { title: string; period: string } {
  return r.kind === 'daily'
    ? { title: 'Daily summary', period: dayDisplay(r.day) }
    : {
        title: `Weekly report ${r.week}`,
        period: `${dayDisplay(r.days[0]?.day ?? '')} – ${dayDisplay(addDays(r.days[0]?.day ?? '', 6))}`,
      };
}

/**
 * A report as one self-contained HTML page that reads well in a browser and in mail clients: tables
 * for layout, inline styles only, no scripts, images or external resources.
 */
export function renderReportHtml(r: Report): string {
  const { title, period } = reportHeading(r);
  const warnings = r.warnings.length
    ? `<p style="font-size:13px;color:#b26a00;margin:16px 0 0 0">${r.warnings.map(esc).join('<br>')}</p>`
    : '';
  const body = r.kind === 'daily' ? dailyBody(r) : weeklyBody(r);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`${title} · ${period}`)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:${FONT};color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="720" cellpadding="0" cellspacing="0" style="max-width:720px;width:100%;background:#ffffff;border:1px solid ${BORDER}"><tr><td style="padding:24px">
<h1 style="font-size:22px;margin:0">${esc(title)}</h1>
<p style="font-size:14px;color:${MUTED};margin:4px 0 0 0">${esc(period)} · ${esc(r.timezone)} · ${esc(r.org)} · ${esc(r.currency)}</p>
${body}${warnings}
<p style="font-size:12px;color:${MUTED};margin:28px 0 0 0">${esc(r.id)}, made by spendlens at ${esc(r.generatedAt)}. Amounts are exact and rounded to cents here; the CSV has them in full.</p>
</td></tr></table></td></tr></table>
</body></html>
`;
}
