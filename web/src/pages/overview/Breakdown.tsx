import { useMemo } from 'react';
import type { SpendResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { dimensionLabel, type GroupKey } from '../../lib/dimensions.ts';
import { formatShare } from '../../lib/format.ts';
import { filterKey, withValue } from '../../state/filters.ts';
import { setParams } from '../../state/router.ts';
import type { View } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Select } from '../../ui/controls.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { breakdownBars } from './series.ts';

/** Spend by a chosen dimension as bars; a click on a value filters the whole view to it. */
export function Breakdown(props: {
  view: View;
  by: GroupKey;
  options: GroupKey[];
  spend: ApiState<SpendResponse>;
}) {
  const { spend, by } = props;
  const data = spend.data;
  const key = data?.groupBy[0] ?? by;
  const items = useMemo(() => (data ? breakdownBars(data.rows, data.groupBy[0] ?? 'team', 10) : []), [data]);
  const max = Math.max(...items.filter((i) => !i.other).map((i) => i.share), 0.0001);
  const currency = spend.data?.currency ?? 'USD';
  return (
    <Card
      title={`Spend by ${dimensionLabel(by).toLowerCase()}`}
      subtitle="Select a value to filter by it"
      busy={spend.loading && !!spend.data}
      actions={
        <Select
          label="By"
          value={by}
          options={props.options.map((d) => ({ value: d, label: dimensionLabel(d) }))}
          onChange={(value) => setParams({ by: value })}
        />
      }
    >
      {spend.error ? (
        <ErrorState error={spend.error} />
      ) : !spend.data ? (
        <Loading height={280} />
      ) : items.length === 0 ? (
        <p className="muted">No spend in this period.</p>
      ) : (
        <ol className="bars" data-testid="breakdown-bars">
          {items.map((item) => (
            <li key={item.value} className={item.other ? 'other' : undefined}>
              {item.other ? (
                <span className="bar-label muted">{item.value}</span>
              ) : (
                <button
                  type="button"
                  className="bar-label"
                  title={`Filter by ${dimensionLabel(key)}: ${item.value}`}
                  onClick={() => setParams(withValue(props.view.filters, filterKey(key), item.value))}
                >
                  {item.value}
                </button>
              )}
              <Money amount={item.cost} currency={currency} className="num" />
              <span className="num muted">{formatShare(item.share)}</span>
              <div className="bar-track" aria-hidden="true">
                <div className="bar-fill" style={{ width: `${Math.min(100, (item.share / max) * 100)}%` }} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
