import { Lock } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link } from '../../frame/Link.tsx';
import { ConfirmDelete, EditDeleteButtons } from '../../ui/ConfirmDelete.tsx';
import { Money } from '../../ui/Money.tsx';
import { BudgetBar } from './BudgetBar.tsx';
import { BudgetMembers } from './BudgetMembers.tsx';
import { EnforceBadge } from './EnforceBadge.tsx';
import { paceSentence, resetWords } from './progress.ts';
import { StateBadge } from './StateBadge.tsx';
import { type Budget, PERIOD_LABELS, scopeLabel } from './types.ts';

/** A budget: name, state, spent of amount, its bar, the pace in words and when it resets. */
export function BudgetRow(props: {
  budget: Budget;
  selected: boolean;
  /** For a budget of every value: the value the page was opened on (an alert's link), highlighted. */
  member?: string;
  /** The caller may not change budgets: no edit or delete. */
  readOnly?: boolean;
  onEdit: (budget: Budget) => void;
  onDelete: (budget: Budget) => void;
  /** The edit form, drawn under the row while it is open. */
  form?: ReactNode;
}) {
  const b = props.budget;
  const s = b.status;
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (props.selected) root.current?.scrollIntoView?.({ block: 'nearest' });
  }, [props.selected]);

  return (
    <li
      ref={root}
      className={`budget-row ${props.selected ? 'selected' : ''}`}
      data-testid={`budget-${b.id}`}
      aria-current={props.selected ? 'true' : undefined}
    >
      <div className="budget-head">
        <div>
          <div className="budget-title">
            <Link href={`/budgets?id=${encodeURIComponent(b.id)}`} className="budget-name">
              {b.name}
            </Link>
            <StateBadge state={s.state} />
            {b.enforce && <EnforceBadge enforce={b.enforce} />}
          </div>
          <div className="muted small">
            {scopeLabel(b.scope)} · {PERIOD_LABELS[b.period]} · {resetWords(b)}
            {b.members?.[0] && <> · furthest along: {b.members[0].value}</>}
          </div>
        </div>
        <div className="budget-figures">
          <span data-testid="budget-spent">
            <Money amount={s.spent} currency={b.currency} />
          </span>{' '}
          <span className="muted">of</span> <Money amount={b.amount} currency={b.currency} />{' '}
          <strong data-testid="budget-percent">{s.percent}%</strong>
        </div>
      </div>
      <BudgetBar budget={b} />
      {b.members && <BudgetMembers budget={b} members={b.members} selected={props.member} />}
      <div className="budget-foot">
        <p className="budget-pace" data-testid="budget-pace">
          {paceSentence(b)}{' '}
          <span className="muted">
            Projected <Money amount={s.projected} currency={b.currency} />
            {s.projectedLow !== null && s.projectedHigh !== null && (
              <>
                {' '}
                (<Money amount={s.projectedLow} currency={b.currency} /> –{' '}
                <Money amount={s.projectedHigh} currency={b.currency} />)
              </>
            )}
          </span>
        </p>
        {b.origin === 'config' ? (
          <span className="muted small budget-managed">
            <Lock size={13} aria-hidden="true" /> Managed by spendlens.toml
          </span>
        ) : props.readOnly ? null : confirming ? (
          <ConfirmDelete
            className="budget-actions"
            question={`Delete ${b.name}?`}
            onConfirm={() => {
              setConfirming(false);
              props.onDelete(b);
            }}
            onKeep={() => setConfirming(false)}
          />
        ) : (
          <div className="budget-actions">
            <EditDeleteButtons
              name={b.name}
              onEdit={() => props.onEdit(b)}
              onDelete={() => setConfirming(true)}
            />
          </div>
        )}
      </div>
      {props.form}
    </li>
  );
}
