import { Link } from '../../frame/Link.tsx';
import { Card } from '../../ui/Card.tsx';
import { whenLabel } from './AnomalyList.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';
import { type Anomaly, scopeLabel } from './types.ts';
import './anomalies.css';

/** The range's anomalies as the summary lists them (most severe first), the first few, with a way to all. */
export function RangeAnomalies(props: { anomalies?: Anomaly[]; search: URLSearchParams }) {
  const list = props.anomalies;
  if (!list) return null;
  const shown = list.slice(0, 5);
  const range = new URLSearchParams();
  for (const key of ['range', 'from', 'to']) {
    const value = props.search.get(key);
    if (value) range.set(key, value);
  }
  const href = (id?: string) => {
    const q = new URLSearchParams(range);
    if (id) q.set('anomaly', id);
    return `/anomalies${q.size ? `?${q}` : ''}`;
  };
  return (
    <Card
      title="Anomalies"
      subtitle={list.length === 0 ? 'Nothing unusual in this range' : `${list.length} in this range`}
      actions={
        <Link className="button small" href={href()}>
          See all
        </Link>
      }
    >
      {shown.length > 0 && (
        <ul className="drivers" data-testid="range-anomalies">
          {shown.map((a) => (
            <li key={a.id}>
              <span>
                <SeverityBadge severity={a.severity} /> <Link href={href(a.id)}>{scopeLabel(a.scope)}</Link>{' '}
                <span className="muted">
                  {a.drivers[0] ? `${a.drivers[0].dimension} ${a.drivers[0].value ?? '(none)'}` : ''}
                </span>
              </span>
              <span className="muted">{whenLabel(a)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
