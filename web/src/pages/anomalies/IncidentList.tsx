import { BellOff, Check, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { Link } from '../../frame/Link.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState } from '../../ui/states.tsx';
import { type AnomalyAction, actOnIncident } from './actions.ts';
import { recordsHref } from './records.ts';
import { SeverityBadge } from './SeverityBadge.tsx';
import { type Incident, scopeLabel } from './types.ts';
import { whenLabel } from './when.ts';

/**
 * Incidents, most severe first: what caused each and the money at stake. Pressing one opens it: the
 * scopes it touched, what to do about it all at once, and its member anomalies in the list below.
 */
export function IncidentList(props: {
  incidents: Incident[];
  selected: string | null;
  onSelect: (incident: Incident | null) => void;
}) {
  return (
    <div className="anomaly-list incident-list" data-testid="incident-list">
      {props.incidents.map((i) => {
        const open = i.id === props.selected;
        return (
          <div key={i.id} className="incident">
            <button
              type="button"
              className="anomaly-row"
              aria-pressed={open}
              aria-expanded={open}
              onClick={() => props.onSelect(open ? null : i)}
            >
              <span className="muted">{whenLabel(i)}</span>
              <SeverityBadge severity={i.severity} />
              <span>
                <span className="scope">{i.rootCause.description}</span>{' '}
                <span className="muted">
                  {i.anomalies.length} anomal{i.anomalies.length === 1 ? 'y' : 'ies'}
                </span>
              </span>
              <span>
                +<Money amount={i.excess} currency={i.currency} />
              </span>
            </button>
            {open && <IncidentFacts incident={i} />}
          </div>
        );
      })}
    </div>
  );
}

function IncidentFacts(props: { incident: Incident }) {
  const i = props.incident;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = (action: AnomalyAction) => {
    setBusy(true);
    setError(null);
    actOnIncident(i.id, action).then(
      () => setBusy(false),
      (e: ApiError) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <div className="incident-facts" data-testid="incident-facts">
      <p>
        <Money amount={i.actual} currency={i.currency} /> against an expected{' '}
        <Money amount={i.expected} currency={i.currency} /> · {i.status}
      </p>
      <p className="muted">
        Scopes touched: {i.scopes.map(scopeLabel).join(', ')} ·{' '}
        <Link href={recordsHref(i.scopes, i)}>See the records</Link>
      </p>
      {error && <ErrorState error={error} />}
      <div className="actions" style={{ display: 'flex', gap: 8 }}>
        {i.status !== 'acknowledged' && (
          <button type="button" className="button small" disabled={busy} onClick={() => run('acknowledge')}>
            <Check size={14} aria-hidden="true" /> Acknowledge incident
          </button>
        )}
        {i.status !== 'muted' && (
          <button type="button" className="button small" disabled={busy} onClick={() => run('mute')}>
            <BellOff size={14} aria-hidden="true" /> Mute incident for a week
          </button>
        )}
        {i.status !== 'open' && (
          <button type="button" className="button small" disabled={busy} onClick={() => run('reopen')}>
            <RotateCcw size={14} aria-hidden="true" /> Reopen incident
          </button>
        )}
      </div>
    </div>
  );
}
