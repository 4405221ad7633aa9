import type {
  AlertDelivery,
  StoredAlert,
  StoredBudget,
  StoredChannel,
  StoredReport,
} from '../types-alerting.ts';

const origin = (v: unknown) => (v === 'config' ? 'config' : 'api');
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The one place a `budgets` row becomes a `StoredBudget`. */
export function budgetFromRow(x: Record<string, unknown>): StoredBudget {
  return {
    org: String(x.org),
    id: String(x.id),
    origin: origin(x.origin),
    definition: JSON.parse(String(x.definition)) as Record<string, unknown>,
    createdAt: x.created_at as Date,
    updatedAt: x.updated_at as Date,
  };
}

export function channelFromRow(x: Record<string, unknown>): StoredChannel {
  return {
    org: String(x.org),
    id: String(x.id),
    kind: String(x.kind),
    origin: origin(x.origin),
    settings: JSON.parse(String(x.settings)) as Record<string, unknown>,
    secret: textOrNull(x.secret),
    createdAt: x.created_at as Date,
    updatedAt: x.updated_at as Date,
  };
}

export function alertFromRow(x: Record<string, unknown>): StoredAlert {
  return {
    org: String(x.org),
    id: String(x.id),
    dedupeKey: String(x.dedupe_key),
    event: String(x.event),
    severity: String(x.severity),
    scopeDimension: textOrNull(x.scope_dimension),
    scopeValue: textOrNull(x.scope_value),
    budgetId: textOrNull(x.budget_id),
    title: String(x.title),
    payload: JSON.parse(String(x.payload)) as Record<string, unknown>,
    deliveries: JSON.parse(String(x.deliveries)) as AlertDelivery[],
    createdAt: x.created_at as Date,
  };
}

export function reportFromRow(x: Record<string, unknown>): StoredReport {
  return {
    org: String(x.org),
    id: String(x.id),
    kind: x.kind === 'weekly' ? 'weekly' : 'daily',
    periodStart: x.period_start as Date,
    periodEnd: x.period_end as Date,
    createdAt: x.created_at as Date,
    content: JSON.parse(String(x.content)) as Record<string, unknown>,
  };
}
