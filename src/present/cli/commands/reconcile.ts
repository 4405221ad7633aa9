import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import Table from 'cli-table3';
import { exportFocus } from '../../../app/export.ts';
import { reconcileSpend } from '../../../app/reconcile.ts';
import { AppError } from '../../../domain/errors.ts';
import { type ReconciliationJson, reconciliationJson } from '../../json/reconciliation.ts';
import { callRemote } from '../remote.ts';
import type { Target } from '../target.ts';
import { reportPeriod } from './report.ts';

export interface RangeOptions {
  since?: string;
  until?: string;
}

function query(range: { from: Date; to: Date }): string {
  return new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() }).toString();
}

/** `spendlens reconcile`: the reconciliation in the API's JSON shape, from the store or a running server. */
export async function reconcileData(
  target: Target,
  options: RangeOptions,
  now: Date,
): Promise<ReconciliationJson> {
  const range = reportPeriod({ ...options, tz: 'UTC' }, now);
  if ('remote' in target) {
    return (await callRemote(
      target.remote,
      'GET',
      `/api/v1/reconciliation?${query(range)}`,
    )) as ReconciliationJson;
  }
  const { ctx } = target;
  return reconciliationJson(await reconcileSpend(ctx, { org: ctx.config.org, ...range }));
}

/**
 * The reconciliation as a table (charges, credits apart, the net bill, the estimate), then per row the
 * line items that differ and the known causes of the residue.
 */
export function renderReconcile(r: ReconciliationJson): string {
  if (r.rows.length === 0) return `No spend between ${r.from.slice(0, 10)} and ${r.to.slice(0, 10)}.`;
  const table = new Table({
    head: [
      'day',
      'provider',
      'project',
      `billed ${r.currency}`,
      'credits',
      `estimated ${r.currency}`,
      'variance',
      '%',
      'top contributor',
    ],
    style: { head: [], border: [] },
  });
  for (const row of r.rows) {
    const top = row.byModel[0];
    table.push([
      row.day,
      row.provider,
      row.project ?? '–',
      row.billed ?? '(no invoice data)',
      row.credits && row.credits !== '0.000000' ? row.credits : '–',
      row.estimated,
      row.variance ?? '–',
      row.variancePercent === null ? '–' : `${row.variancePercent}%`,
      top ? `${top.model} ${top.variance}` : '',
    ]);
  }
  const notes = r.rows.flatMap((row) => {
    const where = `${row.day} ${row.provider} ${row.project ?? '–'}:`;
    const items = row.lineItems
      .filter((it) => it.variance !== '0.000000')
      .slice(0, 5)
      .map(
        (it) =>
          `  ${where} ${it.item} billed ${it.billed}, estimated ${it.estimated ?? '–'}, variance ${it.variance ?? '–'}`,
      );
    return [...items, ...row.causes.map((c) => `  ${where} ${c.message}`)];
  });
  const { totals } = r;
  return [
    table.toString(),
    ...(notes.length ? ['line items and causes:', ...notes] : []),
    `total billed ${totals.billed} (charges ${totals.charges}, credits ${totals.credits}), estimated ${totals.estimated}, variance ${totals.variance}, on charges ${totals.chargesVariance} ${r.currency}`,
    ...r.warnings,
  ].join('\n');
}

/** `spendlens export --focus FILE`: writes the ledger as FOCUS CSV; returns the bytes written. */
export async function exportFocusFile(
  target: Target,
  file: string,
  options: RangeOptions,
  now: Date,
): Promise<number> {
  const range = reportPeriod({ ...options, tz: 'UTC' }, now);
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    if ('remote' in target) {
      const response = await fetch(new URL(`/api/v1/export/focus?${query(range)}`, target.remote.url), {
        headers: { authorization: `Bearer ${target.remote.token}` },
      });
      if (!response.ok) throw new AppError('unavailable', `${target.remote.url} answered ${response.status}`);
      await write(await response.text());
    } else {
      const { ctx } = target;
      for await (const chunk of exportFocus(ctx, { org: ctx.config.org, ...range })) await write(chunk);
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return bytes;
}
