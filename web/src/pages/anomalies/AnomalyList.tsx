import { Money } from '../../ui/Money.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';
import { type Anomaly, scopeLabel } from './types.ts';

/** When an anomaly happened, in a few characters: "Mar 12" or "Mar 12–13", with the hour for intraday. */
export function whenLabel(a: Pick<Anomaly, 'kind' | 'periodStart' | 'periodEnd'>): string {
  const day = (iso: string) =>
    new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  if (a.kind === 'intraday') return `${day(a.periodStart)}, to ${a.periodEnd.slice(11, 16)}`;
  const last = new Date(Date.parse(a.periodEnd) - 86_400_000).toISOString();
  return last.slice(0, 10) === a.periodStart.slice(0, 10)
    ? day(a.periodStart)
    : `${day(a.periodStart)}–${day(last)}`;
}

/** The anomalies as a list of buttons; pressing one shows it beside the list. */
export function AnomalyList(props: {
  anomalies: Anomaly[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <div className="anomaly-list" data-testid="anomaly-list">
      {props.anomalies.map((a) => (
        <button
          key={a.id}
          type="button"
          className="anomaly-row"
          aria-pressed={a.id === props.selected}
          onClick={() => props.onSelect(a.id)}
        >
          <span className="muted">{whenLabel(a)}</span>
          <SeverityBadge severity={a.severity} />
          <span>
            <span className="scope">{scopeLabel(a.scope)}</span>{' '}
            <span className="muted">
              {a.drivers[0] ? `${a.drivers[0].dimension} ${a.drivers[0].value ?? '(none)'}` : ''}
            </span>
          </span>
          <span>
            <Money amount={a.actual} currency={a.currency} /> <span className="muted">vs</span>{' '}
            <Money amount={a.expected} currency={a.currency} />
          </span>
        </button>
      ))}
    </div>
  );
}
