/** The JSON of the analysis routes (GET /api/v1/anomalies, /forecast, /baseline); money as decimal strings. */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type AnomalyStatus = 'open' | 'acknowledged' | 'muted';

export interface Driver {
  dimension: string;
  value: string | null;
  delta: string;
  actual: string;
  expected: string;
}

export interface Anomaly {
  id: string;
  kind: 'daily' | 'intraday';
  scope: { dimension: string; value: string | null };
  periodStart: string;
  periodEnd: string;
  currency: string;
  actual: string;
  expected: string;
  lower: string;
  upper: string;
  severity: Severity;
  sustained: boolean;
  drivers: Driver[];
  description: string;
  status: AnomalyStatus;
  mutedUntil: string | null;
}

/** Correlated anomalies of one event (GET /api/v1/incidents). */
export interface Incident {
  id: string;
  kind: 'daily' | 'intraday';
  status: AnomalyStatus;
  severity: Severity;
  rootCause: { description: string; facets: { dimension: string; value: string | null; excess: string }[] };
  scopes: Anomaly['scope'][];
  periodStart: string;
  periodEnd: string;
  currency: string;
  actual: string;
  expected: string;
  /** The money at stake: the largest member's spend above its expected. */
  excess: string;
  anomalies: Anomaly[];
}

export interface ForecastResponse {
  currency: string;
  month: string;
  actualToDate: string;
  projected: { p10: string; p50: string; p90: string };
  budget?: string;
  projectedOverrunDate?: string | null;
  method: 'rhythm' | 'run-rate';
  baselines: { linearRunRate: string; velocityRegression: string };
  backtest: { mape: number | null; months: number };
}

export interface BandDay {
  day: string;
  actual: string;
  expected: string | null;
  lower: string | null;
  upper: string | null;
  anomalous: boolean;
}

export interface BaselineResponse {
  currency: string;
  scope: { dimension: string; value: string | null };
  days: BandDay[];
}

/** "org", or "project churn-model". */
export function scopeLabel(scope: Anomaly['scope']): string {
  return scope.dimension === 'org' ? 'Whole org' : `${scope.dimension} ${scope.value ?? '(none)'}`;
}
