import { memo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendBucket } from '../../lib/buckets.ts';
import { formatBucket, formatMoney, formatMoneyCompact } from '../../lib/format.ts';
import { seriesColor } from './palette.ts';
import type { StackedSeries } from './series.ts';

const AXIS_TICK = { fill: '#545d6b', fontSize: 12 };

/**
 * Stacked bars of spend per bucket, with the legend as plain HTML under it.
 * why: animation is off and the tooltip joins on the first pointer over the chart, so a change of
 * range or dimension redraws in one pass; both cost hundreds of milliseconds on a small machine.
 */
export const TrendChart = memo(function TrendChart(props: {
  data: StackedSeries;
  bucket: TrendBucket;
  currency: string;
}) {
  const { data, bucket, currency } = props;
  const [pointed, setPointed] = useState(false);
  const tick = (t: number) => formatBucket(new Date(t).toISOString(), bucket);
  return (
    <div className="trend-chart" data-testid="trend-chart" onPointerEnter={() => setPointed(true)}>
      <BarChart
        responsive
        style={{ width: '100%', height: 300 }}
        data={data.points}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap="15%"
      >
        <CartesianGrid vertical={false} stroke="#e5e7eb" />
        <XAxis
          dataKey="t"
          tickFormatter={tick}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: '#cfd4dc' }}
          minTickGap={24}
        />
        <YAxis
          tickFormatter={(v: number) => formatMoneyCompact(v, currency)}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={64}
        />
        {pointed && (
          <Tooltip
            labelFormatter={(t) => tick(Number(t))}
            formatter={(value) => formatMoney(Number(value).toFixed(6), currency)}
            itemSorter={(item) => -Number(item.value)}
            cursor={{ fill: 'rgb(67 56 202 / 0.06)' }}
            itemStyle={{ color: '#111827', padding: 0 }}
            contentStyle={{ borderRadius: 8, borderColor: '#e2e5ea', fontSize: 13 }}
          />
        )}
        {data.series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId="spend"
            fill={seriesColor(s.key, i)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
      <ul className="legend" aria-label="Series">
        {data.series.map((s, i) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: seriesColor(s.key, i) }} aria-hidden="true" />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
});
