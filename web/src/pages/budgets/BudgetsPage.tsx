import { CheckCircle2, Plus, Wallet } from 'lucide-react';
import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { setParams, useLocation } from '../../state/router.ts';
import { useMayDo } from '../../state/session.ts';
import { Card } from '../../ui/Card.tsx';
import { Banner, EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { BudgetForm } from './BudgetForm.tsx';
import { BudgetRow } from './BudgetRow.tsx';
import { SubscriptionsCard } from './SubscriptionsCard.tsx';
import type { Budget, BudgetsResponse } from './types.ts';
import './budgets.css';

type Editing = { mode: 'add' } | { mode: 'edit'; budget: Budget } | null;
type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** Budgets with their live status: spent, the pace, when they reset; add, change or delete one. */
export default function BudgetsPage() {
  const budgets = useApi<BudgetsResponse>('/api/v1/budgets');
  const search = useLocation().search;
  const selected = search.get('id');
  const member = search.get('member') ?? undefined;
  const [editing, setEditing] = useState<Editing>(null);
  // why: a team lead manages their teams' budgets; the server refuses the rest, so their rows stay editable.
  const canManage = useMayDo('manage_budgets');
  const [notice, setNotice] = useState<Notice>(null);
  const list = budgets.data?.budgets;

  const onDelete = async (budget: Budget) => {
    setNotice(null);
    try {
      await api(`/api/v1/budgets/${encodeURIComponent(budget.id)}`, { method: 'DELETE' });
      setNotice({ kind: 'ok', text: `Deleted budget ${budget.name}.` });
      if (editing?.mode === 'edit' && editing.budget.id === budget.id) setEditing(null);
      invalidateAll();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof ApiError ? error.message : String(error) });
    }
  };

  const onSaved = (budget: Budget, text: string) => {
    setNotice({ kind: 'ok', text });
    setEditing(null);
    setParams({ id: budget.id }, { replace: true });
  };

  const form = (budget?: Budget) => (
    <BudgetForm
      key={budget?.id ?? '(new)'}
      budget={budget}
      onSaved={onSaved}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <>
      <PageHeader
        title="Budgets"
        subtitle="Spend against each budget this period, and where the pace leads"
      />
      <div className="stack">
        {notice && (
          <Banner
            kind={notice.kind}
            icon={notice.kind === 'ok' ? <CheckCircle2 size={18} aria-hidden="true" /> : undefined}
          >
            <p className="budget-notice">{notice.text}</p>
          </Banner>
        )}
        {list && selected && !list.some((b) => b.id === selected) && (
          <Banner>
            <p>No budget “{selected}”: it may have been deleted.</p>
          </Banner>
        )}
        {budgets.error ? (
          <ErrorState error={budgets.error} onRetry={invalidateAll} />
        ) : !list ? (
          <Loading height={240} />
        ) : (
          <Card
            title={`Budgets (${list.length})`}
            subtitle="The lighter part of a bar is the projected end-of-period spend, with its likely range"
            actions={
              canManage &&
              editing?.mode !== 'add' && (
                <button type="button" className="button" onClick={() => setEditing({ mode: 'add' })}>
                  <Plus size={16} aria-hidden="true" /> Add a budget
                </button>
              )
            }
          >
            {editing?.mode === 'add' && form()}
            {list.length === 0 ? (
              !editing && (
                <EmptyState icon={<Wallet size={28} aria-hidden="true" />} title="No budgets yet">
                  <p className="muted">
                    Add one for the org, a team, a project or any tag with “Add a budget”: alerts go out at
                    its thresholds and when the forecast says it will be crossed. Budgets in spendlens.toml
                    show here too.
                  </p>
                </EmptyState>
              )
            ) : (
              <ul className="budget-list" data-testid="budgets">
                {list.map((b) => (
                  <BudgetRow
                    key={b.id}
                    budget={b}
                    selected={b.id === selected}
                    member={b.id === selected ? member : undefined}
                    readOnly={!canManage}
                    onEdit={(budget) => setEditing({ mode: 'edit', budget })}
                    onDelete={onDelete}
                    form={editing?.mode === 'edit' && editing.budget.id === b.id ? form(b) : undefined}
                  />
                ))}
              </ul>
            )}
          </Card>
        )}
        <SubscriptionsCard />
      </div>
    </>
  );
}
