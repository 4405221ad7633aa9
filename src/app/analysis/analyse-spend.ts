import type { Severity } from '../../analyze/severity.ts';
import type { BreakdownLine, PeriodFigures } from '../../analyze/summary.ts';
import type { StoredAnomaly, Visibility } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { summarize } from '../summary.ts';
import { analyseItems, type SpendItem } from './analyse-items.ts';
import { periodAnomalies } from './anomalies.ts';
import { type AnalysisBaseline, ledgerHistory } from './ledger-history.ts';

export type { SpendItem };

/** What a spend analysis answers: the period's figures, who and which projects spent, and what was odd. */
export interface SpendAnalysis {
  currency: string;
  from: Date;
  to: Date;
  figures: PeriodFigures;
  byUser: BreakdownLine[];
  byProject: BreakdownLine[];
  anomalies: { type: string; project: string | null; severity: Severity; description: string }[];
  /** For posted transactions: where their baselines and previous period came from. */
  baseline?: AnalysisBaseline;
}

/**
 * A spend analysis of a period: of the transactions given, judged against the ledger's days before the
 * first of them, or of the ledger when none are given. Without a period, the days the transactions cover
 * (the last 30 days for the ledger).
 */
export async function analyseSpend(
  ctx: AppContext,
  input: { org: string; visibility?: Visibility; from: Date; to: Date; items: SpendItem[] | null },
): Promise<SpendAnalysis> {
  if (input.items) {
    const ledger = await ledgerHistory(ctx, { ...input, items: input.items });
    return analyseItems(ctx, {
      ...input,
      items: [...ledger.items, ...input.items],
      baseline: ledger.baseline,
    });
  }
  const [s, anomalies] = await Promise.all([summarize(ctx, input), periodAnomalies(ctx, input)]);
  return {
    currency: s.currency,
    from: input.from,
    to: input.to,
    figures: s,
    byUser: s.breakdowns.user,
    byProject: s.breakdowns.project,
    anomalies: anomalies.map(compatAnomaly),
  };
}

/** A stored anomaly in the analysis service's terms: a type, the project it concerns, severity and words. */
export function compatAnomaly(a: StoredAnomaly): SpendAnalysis['anomalies'][number] {
  const driver = a.drivers.find((d) => d.dimension === 'project');
  return {
    type: anomalyType(a.kind, a.sustained),
    project:
      a.scopeDimension === 'project' ? a.scopeValue : ((driver?.value as string | null | undefined) ?? null),
    severity: a.severity as Severity,
    description: a.description,
  };
}

/** `intraday_spike`, `sustained_increase` (a rise that became the new normal) or `spend_spike`. */
export function anomalyType(kind: string, sustained: boolean): string {
  if (kind === 'intraday') return 'intraday_spike';
  return sustained ? 'sustained_increase' : 'spend_spike';
}
