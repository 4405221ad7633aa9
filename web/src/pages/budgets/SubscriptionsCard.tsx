import { CreditCard, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import type { SpendResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { formatMoney } from '../../lib/format.ts';
import { useMayDo } from '../../state/session.ts';
import { Card } from '../../ui/Card.tsx';
import { ConfirmDelete } from '../../ui/ConfirmDelete.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { SubscriptionForm } from './SubscriptionForm.tsx';
import { holderText, type Subscription, type SubscriptionsResponse } from './subscriptions.ts';

/**
 * Seats and subscriptions: fixed monthly fees of a person or a team, spread per day into their spend
 * (service "seat"), so spend per person counts what is paid by the seat. Admins add and remove them.
 */
export function SubscriptionsCard() {
  const subscriptions = useApi<SubscriptionsResponse>('/api/v1/subscriptions');
  const canManage = useMayDo('admin');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = subscriptions.data?.subscriptions;
  const month = useMonthBySubscription();

  const onRemove = async (s: Subscription) => {
    try {
      await api(`/api/v1/subscriptions/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
      setNotice(`Removed ${s.id} and its days from the ledger.`);
      invalidateAll();
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : String(error));
    }
  };

  if (subscriptions.error) return <ErrorState error={subscriptions.error} onRetry={invalidateAll} />;
  if (!list) return <Loading height={120} />;
  return (
    <Card
      title={`Seats and subscriptions (${list.length})`}
      subtitle="Fixed monthly fees, spread per day into each holder's spend as service “seat”, apart from usage"
      actions={
        canManage &&
        !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            <Plus size={16} aria-hidden="true" /> Add a subscription
          </button>
        )
      }
    >
      {notice && (
        <p className="budget-notice" role="status">
          {notice}
        </p>
      )}
      {adding && (
        <SubscriptionForm
          onSaved={(s) => {
            setAdding(false);
            setNotice(
              `Added ${s.id}: ${formatMoney(s.monthlyTotal, s.currency)} a month for ${holderText(s)}.`,
            );
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {list.length === 0 ? (
        !adding && (
          <EmptyState
            icon={<CreditCard size={28} aria-hidden="true" />}
            title="No seats or subscriptions yet"
          >
            <p className="muted">
              Add the Cursor, Copilot, Claude or ChatGPT seats your team pays for each month: their cost joins
              each person's spend, day by day. [[subscriptions]] in spendlens.toml show here too.
            </p>
          </EmptyState>
        )
      ) : (
        <table className="data" data-testid="subscriptions">
          <thead>
            <tr>
              <th>Subscription</th>
              <th>For</th>
              <th className="num">Per month</th>
              <th>Days</th>
              <th className="num">This month</th>
              {canManage && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <SubscriptionRow
                key={s.id}
                s={s}
                spent={month.get(s.id)}
                canManage={canManage}
                onRemove={onRemove}
              />
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/**
 * What each subscription's days cost this UTC month so far, in the reporting currency: the seat records
 * (source "subscriptions") grouped by the subscription tag.
 */
function useMonthBySubscription(): Map<string, { cost: string; currency: string }> {
  const from = `${new Date().toISOString().slice(0, 7)}-01T00:00:00Z`;
  const spend = useApi<SpendResponse>(
    `/api/v1/spend?groupBy=tag:subscription&source=subscriptions&from=${encodeURIComponent(from)}`,
  );
  const out = new Map<string, { cost: string; currency: string }>();
  for (const row of spend.data?.rows ?? []) {
    const id = row['tag:subscription'];
    if (typeof id === 'string') out.set(id, { cost: row.cost, currency: spend.data?.currency ?? 'USD' });
  }
  return out;
}

function SubscriptionRow(props: {
  s: Subscription;
  spent: { cost: string; currency: string } | undefined;
  canManage: boolean;
  onRemove: (s: Subscription) => void;
}) {
  const { s } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`subscription-${s.id}`}>
      <td data-label="Subscription">
        <strong>
          {s.vendor} {s.plan}
        </strong>
        <div className="muted small">
          {s.id}
          {s.origin === 'config' ? ' · spendlens.toml' : ''}
        </div>
      </td>
      <td data-label="For">{holderText(s)}</td>
      <td data-label="Per month" className="num">
        {formatMoney(s.monthlyTotal, s.currency)}
      </td>
      <td data-label="Days">
        {s.startDate} – {s.endDate ?? 'running'}
      </td>
      <td data-label="This month" className="num" data-testid="subscription-month">
        {props.spent ? formatMoney(props.spent.cost, props.spent.currency) : '—'}
      </td>
      {props.canManage && (
        <td>
          {s.origin === 'config' ? null : confirming ? (
            <ConfirmDelete
              className="budget-actions"
              question={`Remove ${s.id} and its days from the ledger?`}
              onConfirm={() => props.onRemove(s)}
              onKeep={() => setConfirming(false)}
            />
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => setConfirming(true)}
              aria-label={`Remove ${s.id}`}
            >
              <Trash2 size={14} aria-hidden="true" /> Remove
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
