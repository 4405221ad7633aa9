import { useMemo } from 'react';
import type { SpendResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { type TrendBucket, usableBuckets } from '../../lib/buckets.ts';
import { dimensionLabel, type GroupKey } from '../../lib/dimensions.ts';
import { drill } from '../../state/drill.ts';
import { setParams } from '../../state/router.ts';
import type { View } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Segmented, Select } from '../../ui/controls.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { stackMover, stackSeries } from './series.ts';
import { TrendChart } from './TrendChart.tsx';

const BUCKET_LABELS: Record<TrendBucket, string> = { hour: 'Hourly', day: 'Daily', week: 'Weekly' };

/**
 * Spend over time stacked by a chosen dimension: the top 6 values, the biggest mover against the
 * previous period among them even when it ranks lower (in place of the sixth), and "Other".
 */
export function Trend(props: {
  view: View;
  bucket: TrendBucket;
  stack: GroupKey;
  /** The view's groupings by URL parameter (`by`, `stack`): those showing the drilled dimension move on. */
  groupings: Record<string, GroupKey>;
  options: GroupKey[];
  spend: ApiState<SpendResponse>;
  /** The previous period grouped by the stack's dimension, unbucketed. */
  previous: ApiState<SpendResponse>;
}) {
  const { view, bucket, stack, spend, previous } = props;
  const buckets = usableBuckets(view.range.from, view.range.to);
  // why: while a new answer loads the previous one stays up, drawn with its own period and grouping.
  const data = spend.data;
  const before = previous.data;
  const series = useMemo(() => {
    if (!data) return null;
    const key = data.groupBy[0] ?? 'model';
    const mover = before?.groupBy[0] === key ? stackMover(data.rows, before.rows, key) : null;
    const period = {
      from: new Date(data.from),
      to: new Date(data.to),
      bucket: (data.bucket as TrendBucket | null) ?? 'day',
    };
    return stackSeries(data.rows, key, period, 6, { keep: mover, now: new Date() });
  }, [data, before]);
  return (
    <Card
      title="Spend over time"
      subtitle={`${BUCKET_LABELS[bucket]}, stacked by ${dimensionLabel(stack).toLowerCase()}`}
      busy={spend.loading && !!spend.data}
      actions={
        <>
          <Segmented
            label="Bucket"
            value={bucket}
            options={(buckets.includes(bucket) ? buckets : [...buckets, bucket]).map((b) => ({
              value: b,
              label: BUCKET_LABELS[b],
            }))}
            onChange={(b) => setParams({ bucket: b })}
          />
          <Select
            label="Stack by"
            value={stack}
            options={props.options.map((d) => ({ value: d, label: dimensionLabel(d) }))}
            onChange={(value) => setParams({ stack: value })}
          />
        </>
      }
    >
      {spend.error ? (
        <ErrorState error={spend.error} />
      ) : !series || !spend.data ? (
        <Loading height={300} />
      ) : (
        <TrendChart
          data={series}
          dimension={spend.data.groupBy[0] ?? stack}
          onSelect={(name) =>
            drill(view, (spend.data?.groupBy[0] ?? stack) as GroupKey, name, props.groupings, setParams)
          }
          bucket={(spend.data.bucket as TrendBucket | null) ?? bucket}
          currency={spend.data.currency}
        />
      )}
    </Card>
  );
}
