import Table from 'cli-table3';
import { moneyText } from '../../../analyze/money-text.ts';
import { SEVERITIES, type Severity } from '../../../analyze/severity.ts';
import { listAnomalies, setAnomalyStatus } from '../../../app/analysis/anomalies.ts';
import { operator } from '../../../app/identity/guard.ts';
import { AppError } from '../../../domain/errors.ts';
import { DAY_MS } from '../../../lib/time.ts';
import type { AnomalyStatus } from '../../../store/types.ts';
import { anomalyJson } from '../../json/analysis.ts';
import { callRemote } from '../remote.ts';
import type { Target } from '../target.ts';

export type AnomalyJson = ReturnType<typeof anomalyJson>;

export interface AnomalyOptions {
  days?: number;
  status?: string;
  severity?: string;
}

/** The anomalies of the last `days` (30), from the local store or a running server, in the API's JSON shape. */
export async function anomaliesData(target: Target, options: AnomalyOptions): Promise<AnomalyJson[]> {
  const severity = options.severity as Severity | undefined;
  if (severity && !SEVERITIES.includes(severity)) {
    throw new AppError('bad_request', `--severity ${severity}: use ${SEVERITIES.join(', ')}`);
  }
  const days = options.days ?? 30;
  if ('remote' in target) {
    const params = new URLSearchParams({ from: new Date(Date.now() - days * DAY_MS).toISOString() });
    if (options.status) params.set('status', options.status);
    if (severity) params.set('severity', severity);
    return (await callRemote(target.remote, 'GET', `/api/v1/anomalies?${params}`)) as AnomalyJson[];
  }
  const { ctx } = target;
  const now = ctx.now();
  const list = await listAnomalies(ctx, {
    org: ctx.config.org,
    from: new Date(now.getTime() - days * DAY_MS),
    to: now,
    statuses: options.status?.split(',') as AnomalyStatus[] | undefined,
    severity,
    limit: 1000,
  });
  return list.map(anomalyJson);
}

/** Acknowledges, mutes (for `days`, default 7) or reopens an anomaly by id. */
export async function setStatus(
  target: Target,
  id: string,
  status: AnomalyStatus,
  days?: number,
): Promise<AnomalyJson> {
  const path = { acknowledged: 'acknowledge', muted: 'mute', open: 'reopen' }[status];
  if ('remote' in target) {
    const body = days === undefined ? undefined : { days };
    return (await callRemote(target.remote, 'POST', `/api/v1/anomalies/${id}/${path}`, body)) as AnomalyJson;
  }
  const { ctx } = target;
  const mutedUntil = days === undefined ? undefined : new Date(ctx.now().getTime() + days * DAY_MS);
  return anomalyJson(await setAnomalyStatus(ctx, { by: operator(ctx.config.org), id, status, mutedUntil }));
}

/** The anomalies as a table, newest first: when, what, how far off, how bad, why, and the id to act on. */
export function renderAnomalies(list: AnomalyJson[], options: { color: boolean }): string {
  if (list.length === 0) return 'No anomalies in this period.';
  const head = [
    'Period',
    'Kind',
    'Scope',
    'Actual',
    'Expected (range)',
    'Severity',
    'Main driver',
    'Status',
    'Id',
  ];
  const table = new Table({
    head,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'left', 'left', 'left', 'left'],
  });
  for (const a of list) {
    const m = (x: string) => moneyText(Number(x), a.currency);
    const driver = a.drivers[0] as { dimension: string; value: string | null; delta: string } | undefined;
    table.push([
      period(a),
      a.kind,
      a.scope.dimension === 'org' ? 'org' : `${a.scope.dimension} ${a.scope.value ?? '(none)'}`,
      m(a.actual),
      `${m(a.expected)} (${m(a.lower)}–${m(a.upper)})`,
      a.severity,
      driver ? `${driver.dimension} ${driver.value ?? '(none)'} +${m(driver.delta)}` : '',
      a.status,
      a.id,
    ]);
  }
  return table.toString();
}

function period(a: AnomalyJson): string {
  const start = a.periodStart.slice(0, 10);
  if (a.kind === 'intraday') return `${start} to ${a.periodEnd.slice(11, 16)}`;
  const last = new Date(Date.parse(a.periodEnd) - DAY_MS).toISOString().slice(0, 10);
  return last === start ? start : `${start}…${last}`;
}
