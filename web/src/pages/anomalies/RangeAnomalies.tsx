import { Link } from '../../frame/Link.tsx';
import { plural } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { recordsHref } from './records.ts';
import { SeverityBadge } from './SeverityBadge.tsx';
import { type Incident, scopeLabel } from './types.ts';
import { whenLabel } from './when.ts';
import './anomalies.css';

/**
 * The range's incidents (most severe first), the first few: what caused each, the money at stake and the
 * scopes it touched, each a link to the incident with its member anomalies.
 */
export function RangeAnomalies(props: { incidents?: Incident[]; search: URLSearchParams }) {
  const list = props.incidents;
  if (!list) return null;
  const shown = list.slice(0, 5);
  const range = new URLSearchParams();
  for (const key of ['range', 'from', 'to']) {
    const value = props.search.get(key);
    if (value) range.set(key, value);
  }
  const href = (i?: Incident) => {
    const q = new URLSearchParams(range);
    if (i) q.set('incident', i.id);
    if (i?.anomalies[0]) q.set('anomaly', i.anomalies[0].id);
    return `/anomalies${q.size ? `?${q}` : ''}`;
  };
  return (
    <Card
      title="Incidents"
      subtitle={
        list.length === 0
          ? 'Nothing unusual in this range'
          : `${list.length} in this range, ${plural(
              list.reduce((n, i) => n + i.anomalies.length, 0),
              'anomaly',
              'anomalies',
            )}`
      }
      actions={
        <Link className="button small" href={href()}>
          See all
        </Link>
      }
    >
      {shown.length > 0 && (
        <ul className="drivers" data-testid="range-anomalies">
          {shown.map((i) => (
            <li key={i.id}>
              <span>
                <SeverityBadge severity={i.severity} /> <Link href={href(i)}>{i.rootCause.description}</Link>{' '}
                <span className="muted">in {i.scopes.map(scopeLabel).join(', ')}</span>
              </span>
              <span className="muted">
                +<Money amount={i.excess} currency={i.currency} /> ·{' '}
                <span style={{ whiteSpace: 'nowrap' }}>{whenLabel(i)}</span> ·{' '}
                <Link
                  href={recordsHref(i.scopes, i)}
                  aria-label={`Records behind ${i.rootCause.description}`}
                >
                  records
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
