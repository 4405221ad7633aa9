import { formatMoney } from '../../lib/format.ts';
import { barGeometry } from './progress.ts';
import type { Budget } from './types.ts';

/** A scale label centred on its mark, kept inside the bar at either end. */
function labelAt(at: number) {
  const shift = at > 94 ? '-100%' : at < 6 ? '0' : '-50%';
  return { left: `${at}%`, transform: `translateX(${shift})` };
}

/**
 * Spent against the amount as a progress bar: the threshold ticks, the amount's mark, and the projected
 * end-of-period spend as a lighter extension with its P10–P90 band.
 */
export function BudgetBar(props: { budget: Budget; compact?: boolean }) {
  const b = props.budget;
  const g = barGeometry(b);
  const s = b.status;
  const spentText = `${formatMoney(s.spent, b.currency)} of ${formatMoney(b.amount, b.currency)} (${s.percent}%)`;
  return (
    <div className={`budget-bar ${props.compact ? 'compact' : ''} budget-bar-${s.state}`}>
      <div
        className="budget-track"
        role="progressbar"
        aria-label={`${b.name}: spent`}
        aria-valuemin={0}
        aria-valuemax={Math.max(100, s.percent)}
        aria-valuenow={s.percent}
        aria-valuetext={spentText}
        data-testid="budget-progress"
      >
        {g.band && (
          <span
            className="budget-band"
            style={{ left: `${g.band.from}%`, width: `${Math.max(0, g.band.to - g.band.from)}%` }}
          />
        )}
        <span
          className="budget-projected"
          style={{ left: `${g.spent}%`, width: `${g.projected - g.spent}%` }}
        />
        <span className="budget-spent" style={{ width: `${g.spent}%` }} />
        {g.ticks.map((t) => (
          <span key={t.threshold} className="budget-tick" style={{ left: `${t.at}%` }} />
        ))}
        <span className="budget-limit" style={{ left: `${g.amount}%` }} />
      </div>
      {!props.compact && (
        <div className="budget-scale" aria-hidden="true">
          {g.ticks.map((t) => (
            <span key={t.threshold} style={labelAt(t.at)}>
              {t.threshold}%
            </span>
          ))}
          <span style={labelAt(g.amount)}>100%</span>
        </div>
      )}
    </div>
  );
}
