import { useMemo } from 'react';
import type { SpendResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { dimensionLabel, type GroupKey } from '../../lib/dimensions.ts';
import { formatShare } from '../../lib/format.ts';
import { drill } from '../../state/drill.ts';
import { setParams } from '../../state/router.ts';
import type { View } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Select } from '../../ui/controls.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { assignColors, seriesColor } from './palette.ts';
import { breakdownBars } from './series.ts';

/** Spend by a chosen dimension as bars; a click on a value drills the whole view into it. */
export function Breakdown(props: {
  view: View;
  by: GroupKey;
  /** The view's groupings by URL parameter (`by`, `stack`): those showing the drilled dimension move on. */
  groupings: Record<string, GroupKey>;
  options: GroupKey[];
  spend: ApiState<SpendResponse>;
}) {
  const { spend, by } = props;
  const data = spend.data;
  const key = (data?.groupBy[0] ?? by) as GroupKey;
  const items = useMemo(() => (data ? breakdownBars(data.rows, data.groupBy[0] ?? 'team', 10) : []), [data]);
  assignColors(
    key,
    items.map((i) => i.value),
  );
  const max = Math.max(...items.filter((i) => !i.other).map((i) => i.share), 0.0001);
  const currency = spend.data?.currency ?? 'USD';
  return (
    <Card
      title={`Spend by ${dimensionLabel(by).toLowerCase()}`}
      subtitle="Select a value to drill into it"
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
                  title={`Drill into ${dimensionLabel(key)}: ${item.value}`}
                  onClick={() => drill(props.view, key, item.value, props.groupings, setParams)}
                >
                  {item.value}
                </button>
              )}
              <Money amount={item.cost} currency={currency} className="num" />
              <span className="num muted">{formatShare(item.share)}</span>
              <div className="bar-track" aria-hidden="true">
                <div
                  className="bar-fill"
                  data-color={seriesColor(key, item.value)}
                  style={{
                    width: `${Math.min(100, (item.share / max) * 100)}%`,
                    background: seriesColor(key, item.value),
                  }}
                />
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
