import type { Dimension } from '../domain/record.ts';
import type { Driver } from './drivers.ts';
import type { Severity } from './severity.ts';

export const ANOMALY_KINDS = ['daily', 'intraday'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** The dimensions whose every value gets a baseline of its own, besides the org as a whole. */
export const SCOPE_DIMENSIONS = [
  'team',
  'project',
  'user',
  'model',
  'provider',
] as const satisfies Dimension[];
/** The dimensions drivers are looked for in. */
export const DRIVER_DIMENSIONS = ['model', 'user', 'project', 'context'] as const satisfies Dimension[];

/** Which series an anomaly is about: the whole org, or one value of one dimension. */
export interface Scope {
  dimension: 'org' | (typeof SCOPE_DIMENSIONS)[number];
  value: string | null;
}

/** An anomaly as analysis finds it; money in the reporting currency's units (floats: statistics). */
export interface Finding {
  kind: AnomalyKind;
  scope: Scope;
  periodStart: Date;
  periodEnd: Date;
  actual: number;
  expected: number;
  lower: number;
  upper: number;
  severity: Severity;
  drivers: Driver[];
  description: string;
}

/** "the org", or "project churn-model". */
export function scopeText(scope: Scope): string {
  if (scope.dimension === 'org') return 'The org';
  return `${scope.dimension} ${scope.value ?? '(none)'}`;
}
