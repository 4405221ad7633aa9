import { ArrowDownRight, ArrowUpRight } from 'lucide-react';
import { useMemo } from 'react';
import type { SpendResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { dimensionLabel, type GroupKey } from '../../lib/dimensions.ts';
import { formatChange } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { topMovers } from './series.ts';

/** The values of the chosen dimension whose spend changed most against the previous period. */
export function Movers(props: {
  by: GroupKey;
  current: ApiState<SpendResponse>;
  previous: ApiState<SpendResponse>;
}) {
  const { current, previous, by } = props;
  const error = current.error ?? previous.error;
  const key = current.data?.groupBy[0];
  const ready = current.data && previous.data && key !== undefined && previous.data.groupBy[0] === key;
  const movers = useMemo(
    () => (ready && key ? topMovers(current.data?.rows ?? [], previous.data?.rows ?? [], key, 8) : []),
    [ready, key, current.data, previous.data],
  );
  const currency = current.data?.currency ?? 'USD';
  return (
    <Card
      title="Top movers"
      subtitle={`${dimensionLabel(by)} values with the largest change against the previous period`}
      busy={(current.loading || previous.loading) && !!ready}
    >
      {error ? (
        <ErrorState error={error} />
      ) : !ready ? (
        <Loading height={280} />
      ) : movers.length === 0 ? (
        <p className="muted">Nothing changed against the previous period.</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="movers">
            <thead>
              <tr>
                <th scope="col">{dimensionLabel(key ?? by)}</th>
                <th scope="col" className="num">
                  Previous
                </th>
                <th scope="col" className="num">
                  Current
                </th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {movers.map((m) => {
                const up = !m.delta.startsWith('-');
                const Icon = up ? ArrowUpRight : ArrowDownRight;
                return (
                  <tr key={m.value}>
                    <td>
                      <span className="cell-label" title={m.value}>
                        {m.value}
                      </span>
                    </td>
                    <td className="num">
                      <Money amount={m.previous} currency={currency} />
                    </td>
                    <td className="num">
                      <Money amount={m.current} currency={currency} />
                    </td>
                    <td className="num">
                      <span className={`change ${up ? 'up' : 'down'}`}>
                        <Icon size={14} aria-hidden="true" />
                        <Money amount={m.delta.replace('-', '')} currency={currency} />
                        <span className="muted">{m.percent === null ? 'new' : formatChange(m.percent)}</span>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
