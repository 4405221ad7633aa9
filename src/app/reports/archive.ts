import type { Report } from '../../act/reports/content.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredReport } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/** One archived report as the listing shows it. */
export interface ReportListing {
  id: string;
  kind: 'daily' | 'weekly';
  periodStart: string;
  periodEnd: string;
  createdAt: string;
  total: string;
  currency: string;
  changePercent: number | null;
}

// why: the store keeps content as opaque JSON; only this module writes it, always from a built Report.
export function reportContent(stored: StoredReport): Report {
  return ratesAsDecimals(stored.content) as unknown as Report;
}

/**
 * Reports archived before rates were exact decimal strings hold `costPerOutputToken` as a float; they
 * are read back in today's shape, to 12 places like every rate.
 */
function ratesAsDecimals(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ratesAsDecimals);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === 'costPerOutputToken' && typeof v === 'number' ? v.toFixed(12) : ratesAsDecimals(v),
    ]),
  );
}

export function storedContent(report: Report): Record<string, unknown> {
  return report as unknown as Record<string, unknown>;
}

/** The org's archived reports, newest period first. */
export async function listReportListings(
  ctx: AppContext,
  org: string,
  query: { kind?: 'daily' | 'weekly'; limit: number },
): Promise<ReportListing[]> {
  const rows = await ctx.alerting.listReports({ org, ...query });
  return rows.map((row) => {
    const content = reportContent(row);
    return {
      id: row.id,
      kind: row.kind,
      periodStart: row.periodStart.toISOString(),
      periodEnd: row.periodEnd.toISOString(),
      createdAt: row.createdAt.toISOString(),
      total: content.total,
      currency: content.currency,
      changePercent: content.changePercent,
    };
  });
}

/** An archived report, or not_found. */
export async function findReport(ctx: AppContext, org: string, id: string): Promise<Report> {
  const row = await ctx.alerting.getReport(org, id);
  if (!row) throw new AppError('not_found', `no report ${id}: GET /api/v1/reports lists them`);
  return reportContent(row);
}
