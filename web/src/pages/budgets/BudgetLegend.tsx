/** What the parts of a compact budget bar mean: spent, projected by the period's end, and the amount. */
export function BudgetLegend() {
  return (
    <ul className="budget-legend" aria-label="Budget bar legend" data-testid="budget-legend">
      <li>
        <span className="budget-legend-spent" aria-hidden="true" /> Spent
      </li>
      <li>
        <span className="budget-legend-projected" aria-hidden="true" /> Projected by the period’s end
      </li>
      <li>
        <span className="budget-legend-limit" aria-hidden="true" /> Amount
      </li>
    </ul>
  );
}
