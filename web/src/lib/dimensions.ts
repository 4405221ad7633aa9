// The ledger's dimensions come from the server's domain module, so the two cannot drift apart.
import { DIMENSIONS, type Dimension, type GroupKey } from '../../../src/domain/record.ts';

export { DIMENSIONS, type Dimension, type GroupKey };

/** The dimensions charts and pivots offer first. */
export const CHART_DIMENSIONS: GroupKey[] = ['provider', 'model', 'user', 'team', 'project', 'context'];

const LABELS: Record<Dimension, string> = {
  provider: 'Provider',
  service: 'Service',
  model: 'Model',
  user: 'User',
  team: 'Team',
  project: 'Project',
  context: 'Context',
  apiKey: 'API key',
  source: 'Source',
  costKind: 'Cost kind',
};

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

/** Reads a group key from the URL; anything unknown is null. */
export function parseGroupKey(value: string | null): GroupKey | null {
  if (!value) return null;
  if (isDimension(value)) return value;
  return /^tag:[A-Za-z0-9_.\-/]{1,64}$/.test(value) ? (value as GroupKey) : null;
}

export function dimensionLabel(key: string): string {
  if (isDimension(key)) return LABELS[key];
  return key.startsWith('tag:') || key.startsWith('tag.') ? `Tag ${key.slice(4)}` : key;
}

/** The label shown for a missing value, and the value the API's filters use for it. */
export const NONE = '(none)';

/** A dimension's value in a spend row, `(none)` when unset. */
export function dimensionValue(row: Record<string, unknown>, key: string): string {
  const value = row[key];
  return typeof value === 'string' && value !== '' ? value : NONE;
}

/** Group keys offered in pickers: the chart dimensions plus every tag key seen. */
export function groupOptions(tagKeys: string[]): GroupKey[] {
  return [...CHART_DIMENSIONS, ...tagKeys.map((k) => `tag:${k}` as const)];
}
