import { Link } from '../../frame/Link.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type Alert, type Delivery, eventLabel } from './types.ts';

const STATUS_WORDS: Record<Delivery['status'], string> = {
  delivered: 'Delivered',
  failed: 'Failed',
  pending: 'Pending',
};

/** One channel's delivery: its status in words, the attempts, and the last error when it failed. */
function DeliveryLine(props: { delivery: Delivery }) {
  const d = props.delivery;
  return (
    <li data-testid={`delivery-${d.channel}`}>
      <strong>{d.channel}</strong>{' '}
      <span className={`delivery-status delivery-${d.status}`} data-testid="delivery-status">
        {STATUS_WORDS[d.status]}
      </span>{' '}
      <span className="muted small">
        {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
        {d.lastAttemptAt && (
          <>
            , last <time dateTime={d.lastAttemptAt}>{formatDateTime(d.lastAttemptAt)}</time>
          </>
        )}
      </span>
      {d.error && (
        <div className="delivery-error" data-testid="delivery-error">
          {d.error}
        </div>
      )}
    </li>
  );
}

/** Alerts newest first: what happened, its numbers, and how each channel's delivery went. */
export function AlertHistory(props: { alerts: Alert[] }) {
  return (
    <ul className="alert-list" data-testid="alerts">
      {props.alerts.map((a) => (
        <li key={a.id} className="alert-item" data-testid={`alert-${a.id}`}>
          <div className="alert-head">
            <span className={`severity severity-${a.severity}`}>{a.severity}</span>
            <span className="alert-event">{eventLabel(a.event)}</span>
            <time className="muted small" dateTime={a.createdAt}>
              {formatDateTime(a.createdAt)}
            </time>
          </div>
          <p className="alert-title">
            {a.link.startsWith('/') ? <Link href={a.link}>{a.title}</Link> : a.title}
          </p>
          {a.text && <p className="alert-text muted">{a.text}</p>}
          {a.facts.length > 0 && (
            <dl className="alert-facts">
              {a.facts.map((f) => (
                <div key={f.label}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {a.deliveries.length === 0 ? (
            <p className="muted small">No channel takes this event.</p>
          ) : (
            <ul className="delivery-list" aria-label={`Deliveries of ${a.title}`}>
              {a.deliveries.map((d) => (
                <DeliveryLine key={d.channel} delivery={d} />
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
