import { type BudgetState, STATE_LABELS } from './types.ts';

/** A budget's state as a word in a coloured pill; the word carries the meaning, the colour only helps. */
export function StateBadge(props: { state: BudgetState }) {
  return (
    <span className={`budget-state budget-state-${props.state}`} data-testid="budget-state">
      {STATE_LABELS[props.state]}
    </span>
  );
}
