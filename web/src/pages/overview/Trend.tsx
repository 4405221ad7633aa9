import { useMemo } from 'react';
import type { SpendResponse } from '../../api/types.ts';
import type { ApiState } from '../../api/useApi.ts';
import { bucketCount, type TrendBucket } from '../../lib/buckets.ts';
import { dimensionLabel, type GroupKey } from '../../lib/dimensions.ts';
import { setParams } from '../../state/router.ts';
import type { View } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Segmented, Select } from '../../ui/controls.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { stackSeries } from './series.ts';
import { TrendChart } from './TrendChart.tsx';

const BUCKET_LABELS: Record<TrendBucket, string> = { hour: 'Hourly', day: 'Daily', week: 'Weekly' };
/** More bars than this no longer read as bars at 1280px. */
const MAX_BARS = 200;

/** Spend over time stacked by a chosen dimension: the top 6 values and "Other". */
export function Trend(props: {
  view: View;
  bucket: TrendBucket;
  stack: GroupKey;
  options: GroupKey[];
  spend: ApiState<SpendResponse>;
}) {
  const { view, bucket, stack, spend } = props;
  const buckets = (['hour', 'day', 'week'] as const).filter(
    (b) => b === bucket || bucketCount(view.range.from, view.range.to, b) <= MAX_BARS,
  );
  // why: while a new answer loads the previous one stays up, drawn with its own period and grouping.
  const data = spend.data;
  const series = useMemo(
    () =>
      data
        ? stackSeries(
            data.rows,
            data.groupBy[0] ?? 'model',
            {
              from: new Date(data.from),
              to: new Date(data.to),
              bucket: (data.bucket as TrendBucket | null) ?? 'day',
            },
            6,
          )
        : null,
    [data],
  );
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
            options={buckets.map((b) => ({ value: b, label: BUCKET_LABELS[b] }))}
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
          bucket={(spend.data.bucket as TrendBucket | null) ?? bucket}
          currency={spend.data.currency}
        />
      )}
    </Card>
  );
}
