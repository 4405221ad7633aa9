import type { Budget, BudgetPeriod, BudgetScope } from './types.ts';

/** The scopes the form offers; a tag scope also needs its key. */
export const SCOPE_KINDS = [
  { value: 'org', label: 'Whole org' },
  { value: 'team', label: 'Team' },
  { value: 'project', label: 'Project' },
  { value: 'user', label: 'User' },
  { value: 'model', label: 'Model' },
  { value: 'provider', label: 'Provider' },
  { value: 'tag', label: 'Tag' },
] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number]['value'];

/** A scope as the form edits it: the kind, a tag key, and a value or every value (one budget each). */
export interface ScopeFields {
  kind: ScopeKind;
  tagKey: string;
  value: string;
  each: boolean;
}

export function scopeFields(scope: BudgetScope | undefined): ScopeFields {
  const dimension = scope?.dimension ?? 'org';
  const each = scope?.each === true;
  if (dimension.startsWith('tag:'))
    return { kind: 'tag', tagKey: dimension.slice(4), value: scope?.value ?? '', each };
  const kind = SCOPE_KINDS.find((k) => k.value === dimension)?.value ?? 'org';
  return { kind, tagKey: '', value: scope?.value ?? '', each };
}

/** The `dimension` the API takes: "team", "tag:env"; null while a tag scope has no key yet. */
export function scopeDimension(fields: ScopeFields): string | null {
  if (fields.kind !== 'tag') return fields.kind;
  return fields.tagKey.trim() ? `tag:${fields.tagKey.trim()}` : null;
}

export function scopeBody(fields: ScopeFields): BudgetScope {
  const dimension = scopeDimension(fields) ?? 'tag:';
  if (dimension === 'org') return { dimension };
  return fields.each ? { dimension, each: true } : { dimension, value: fields.value.trim() };
}

/** "50, 80, 100" → [50, 80, 100]; what is not a number is sent as typed, for the server to name. */
export function parseThresholds(text: string): (number | string)[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/** "ML team monthly" → "ml-team-monthly", an id the API takes. */
export function slugId(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** A budget as its form edits it: text as typed, turned into the API's body on save. */
export interface BudgetFields {
  id: string;
  name: string;
  scope: ScopeFields;
  period: BudgetPeriod;
  amount: string;
  currency: string;
  thresholds: string;
  alertOnForecast: boolean;
}

export function budgetFields(b: Budget | undefined): BudgetFields {
  return {
    id: b?.id ?? '',
    name: b?.name ?? '',
    scope: scopeFields(b?.scope),
    period: b?.period ?? 'month',
    amount: b?.amount ?? '',
    currency: b?.currency ?? '',
    thresholds: (b?.thresholds ?? [50, 80, 100]).join(', '),
    alertOnForecast: b?.alertOnForecast ?? true,
  };
}

/** The body of `PUT /api/v1/budgets/:id`; a `POST` adds the id (from the name when left empty). */
export function budgetBody(f: BudgetFields): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: f.name.trim(),
    scope: scopeBody(f.scope),
    period: f.period,
    amount: f.amount.trim(),
    thresholds: parseThresholds(f.thresholds),
    alertOnForecast: f.alertOnForecast,
  };
  if (f.currency.trim()) body.currency = f.currency.trim().toUpperCase();
  return body;
}

export function newBudgetId(f: BudgetFields): string {
  return f.id.trim() || slugId(f.name);
}
