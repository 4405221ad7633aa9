import { Money } from '../../ui/Money.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';
import { type Anomaly, scopeLabel } from './types.ts';
import { whenLabel } from './when.ts';

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
