import { useApi } from '../../api/useApi.ts';
import { Link } from '../../frame/Link.tsx';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState } from '../../ui/states.tsx';
import { BudgetBar } from './BudgetBar.tsx';
import { BudgetLegend } from './BudgetLegend.tsx';
import { byPercent } from './progress.ts';
import { StateBadge } from './StateBadge.tsx';
import type { BudgetsResponse } from './types.ts';
import './budgets.css';

const SHOWN = 4;

/** Budget use on the overview: the few budgets closest to their amount, each linking to its page. */
export function BudgetUseCard() {
  const budgets = useApi<BudgetsResponse>('/api/v1/budgets');
  if (budgets.error) return <ErrorState error={budgets.error} />;
  const list = budgets.data?.budgets;
  // why: most ledgers have no budget; drawing nothing until the answer comes avoids a card that flashes away
  if (!list || list.length === 0) return null;
  const top = byPercent(list).slice(0, SHOWN);
  return (
    <Card
      title="Budget use"
      subtitle={list.length > SHOWN ? `The ${SHOWN} closest to their amount` : 'This period so far'}
      actions={<Link href="/budgets">All budgets</Link>}
      busy={budgets.loading}
    >
      <ul className="budget-use-list" data-testid="budget-use">
        {top.map((b) => (
          <li key={b.id} data-testid={`budget-use-${b.id}`}>
            <div className="budget-use-line">
              <span className="budget-use-name">
                <Link href={`/budgets?id=${encodeURIComponent(b.id)}`}>{b.name}</Link>
                <StateBadge state={b.status.state} />
              </span>
              <span className="muted">
                <Money amount={b.status.spent} currency={b.currency} /> of{' '}
                <Money amount={b.amount} currency={b.currency} /> · {b.status.percent}%
              </span>
            </div>
            <BudgetBar budget={b} compact />
          </li>
        ))}
      </ul>
      <BudgetLegend />
    </Card>
  );
}
