import { BellOff, Check, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { Link } from '../../frame/Link.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { type AnomalyAction, act } from './actions.ts';
import { BandChart } from './BandChart.tsx';
import { bandPath } from './paths.ts';
import { recordsHref } from './records.ts';
import { SeverityBadge } from './SeverityBadge.tsx';
import { type Anomaly, type BaselineResponse, scopeLabel } from './types.ts';

/** One anomaly: what happened in words, its scope against the expected band, its drivers, and what to do. */
export function AnomalyDetail(props: { anomaly: Anomaly }) {
  const a = props.anomaly;
  const band = useApi<BaselineResponse>(bandPath(a, new Date()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = (action: AnomalyAction) => {
    setBusy(true);
    setError(null);
    act(a.id, action).then(
      () => setBusy(false),
      (e: ApiError) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <Card
      className="anomaly-detail"
      title={scopeLabel(a.scope)}
      subtitle={
        <>
          {a.kind === 'intraday' ? 'Intraday spike' : 'Daily anomaly'} · {a.status}
          {a.mutedUntil ? ` until ${formatDateTime(a.mutedUntil)}` : ''}
        </>
      }
      actions={<SeverityBadge severity={a.severity} />}
    >
      <p className="description" data-testid="anomaly-description">
        {a.description} <Link href={recordsHref([a.scope], a)}>See the records</Link>
      </p>
      {error && <ErrorState error={error} />}
      {band.error ? (
        <ErrorState error={band.error} />
      ) : band.data ? (
        <BandChart days={band.data.days} currency={band.data.currency} label={scopeLabel(a.scope)} />
      ) : (
        <Loading height={240} />
      )}
      <h3>Drivers</h3>
      {a.drivers.length === 0 ? (
        <p className="muted">No single model, user, project or context stands out.</p>
      ) : (
        <ul className="drivers" data-testid="drivers">
          {a.drivers.map((d) => (
            <li key={`${d.dimension}:${d.value}`}>
              <span>
                <span className="muted">{d.dimension}</span> {d.value ?? '(none)'}
              </span>
              <span>
                +<Money amount={d.delta} currency={a.currency} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="actions" style={{ display: 'flex', gap: 8, marginTop: 16 }}>
        {a.status !== 'acknowledged' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => run('acknowledge')}>
            <Check size={16} aria-hidden="true" /> Acknowledge
          </button>
        )}
        {a.status !== 'muted' && (
          <button type="button" className="button" disabled={busy} onClick={() => run('mute')}>
            <BellOff size={16} aria-hidden="true" /> Mute for a week
          </button>
        )}
        {a.status !== 'open' && (
          <button type="button" className="button" disabled={busy} onClick={() => run('reopen')}>
            <RotateCcw size={16} aria-hidden="true" /> Reopen
          </button>
        )}
      </div>
    </Card>
  );
}
