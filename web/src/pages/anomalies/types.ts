/** The JSON of the analysis routes (GET /api/v1/anomalies, /forecast, /baseline); money as decimal strings. */

import type { z } from 'zod';
import type {
  Anomaly as AnomalySchema,
  Baseline,
  Driver as DriverSchema,
  Forecast,
  Incident as IncidentSchema,
} from '../../../../src/domain/api/analysis.ts';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

// The answers are the contract's types (src/domain/api), not copies of them.
export type Anomaly = z.infer<typeof AnomalySchema>;
export type AnomalyStatus = Anomaly['status'];
export type Driver = z.infer<typeof DriverSchema>;
/** Correlated anomalies of one event (GET /api/v1/incidents). */
export type Incident = z.infer<typeof IncidentSchema>;
export type ForecastResponse = z.infer<typeof Forecast>;
export type BaselineResponse = z.infer<typeof Baseline>;
export type BandDay = BaselineResponse['days'][number];

/** "org", or "project churn-model". */
export function scopeLabel(scope: Anomaly['scope']): string {
  return scope.dimension === 'org' ? 'Whole org' : `${scope.dimension} ${scope.value ?? '(none)'}`;
}
