import { useState } from 'react';
import { Money } from '../../ui/Money.tsx';
import { StateBadge } from './StateBadge.tsx';
import type { Budget, BudgetMember } from './types.ts';

/** How many members show before "Show all". */
const FIRST = 10;

/**
 * The values of a budget of every value (every user), each judged on its own: spent of the amount, its
 * state, and the team its alerts go to. Furthest along first, as the API lists them.
 */
export function BudgetMembers(props: { budget: Budget; members: BudgetMember[]; selected?: string }) {
  const b = props.budget;
  const [all, setAll] = useState(false);
  if (props.members.length === 0) {
    return (
      <p className="muted small budget-members-empty">No {b.scope.dimension} has spent this period yet.</p>
    );
  }
  const shown = all ? props.members : props.members.slice(0, FIRST);
  return (
    <div className="budget-members table-wrap">
      <table className="data budget-members-table" aria-label={`${b.name}: each ${b.scope.dimension}`}>
        <thead>
          <tr>
            <th scope="col">{b.scope.dimension}</th>
            <th scope="col">Team</th>
            <th scope="col" className="num">
              Spent
            </th>
            <th scope="col" className="num">
              Used
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr
              key={m.value}
              data-testid={`budget-member-${m.value}`}
              aria-current={props.selected === m.value ? 'true' : undefined}
              className={props.selected === m.value ? 'selected' : undefined}
            >
              <td>{m.value}</td>
              <td className="muted">{m.team ?? '—'}</td>
              <td className="num">
                <Money amount={m.status.spent} currency={b.currency} />
              </td>
              <td className="num">{m.status.percent}%</td>
              <td>
                <StateBadge state={m.status.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && props.members.length > FIRST && (
        <button type="button" className="button small" onClick={() => setAll(true)}>
          Show all {props.members.length}
        </button>
      )}
    </div>
  );
}
