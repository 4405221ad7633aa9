import { memo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendBucket } from '../../lib/buckets.ts';
import { formatAxisBucket, formatBucket, formatMoney } from '../../lib/format.ts';
import { moneyTicks } from '../../lib/ticks.ts';
import { assignColors, seriesColor } from './palette.ts';
import { OTHER, type StackedSeries } from './series.ts';

const AXIS_TICK = { fill: '#545d6b', fontSize: 12 };
const PARTIAL_WORDS: Record<TrendBucket, string> = { hour: 'hour', day: 'day', week: 'week' };

/**
 * Stacked bars of spend per bucket, with the legend as plain HTML under it. A bar's colour is its
 * series' own (palette.ts); buckets the range holds only part of are drawn lighter and said in the legend;
 * a click on a named series drills into it.
 * why: animation is off and the tooltip joins on the first pointer over the chart, so a change of
 * range or dimension redraws in one pass; both cost hundreds of milliseconds on a small machine.
 */
export const TrendChart = memo(function TrendChart(props: {
  data: StackedSeries;
  dimension: string;
  bucket: TrendBucket;
  currency: string;
  onSelect?: (name: string) => void;
}) {
  const { data, bucket, currency, dimension, onSelect } = props;
  const [pointed, setPointed] = useState(false);
  const tick = (t: number) => formatBucket(new Date(t).toISOString(), bucket);
  const first = data.points[0]?.t;
  const last = data.points.at(-1)?.t;
  const oneDay = first !== undefined && last !== undefined && sameDay(first, last);
  const axisTick = (t: number) => formatAxisBucket(new Date(t).toISOString(), bucket, oneDay);
  assignColors(
    dimension,
    data.series.map((s) => s.name),
  );
  const partial = new Set(data.partial);
  const max = Math.max(
    0,
    ...data.points.map((p) => data.series.reduce((sum, s) => sum + (p[s.key] ?? 0), 0)),
  );
  const axis = moneyTicks(max, currency);
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
          tickFormatter={axisTick}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: '#cfd4dc' }}
          minTickGap={24}
        />
        <YAxis
          ticks={axis.ticks}
          domain={[0, axis.ticks.at(-1) ?? 'auto']}
          tickFormatter={axis.format}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={72}
        />
        {pointed && (
          <Tooltip
            labelFormatter={(t) =>
              `${tick(Number(t))}${partial.has(Number(t)) ? ` (part of the ${PARTIAL_WORDS[bucket]})` : ''}`
            }
            formatter={(value) => formatMoney(Number(value).toFixed(6), currency)}
            itemSorter={(item) => -Number(item.value)}
            cursor={{ fill: 'rgb(67 56 202 / 0.06)' }}
            itemStyle={{ color: '#111827', padding: 0 }}
            contentStyle={{ borderRadius: 8, borderColor: '#e2e5ea', fontSize: 13 }}
          />
        )}
        {data.series.map((s) => {
          const color = seriesColor(dimension, s.name);
          const active = drillable(onSelect, s.name);
          return (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="spend"
              fill={color}
              isAnimationActive={false}
              cursor={active ? 'pointer' : undefined}
              onClick={active ? () => onSelect?.(s.name) : undefined}
            >
              {data.points.map((p) => (
                <Cell key={p.t} fill={color} fillOpacity={partial.has(p.t ?? 0) ? 0.4 : 1} />
              ))}
            </Bar>
          );
        })}
      </BarChart>
      <ul className="legend" aria-label="Series">
        {data.series.map((s) => (
          <li key={s.key} data-series={s.name} data-color={seriesColor(dimension, s.name)}>
            <span
              className="swatch"
              style={{ background: seriesColor(dimension, s.name) }}
              aria-hidden="true"
            />
            {drillable(onSelect, s.name) ? (
              <button type="button" className="link-button" onClick={() => onSelect?.(s.name)}>
                {s.name}
              </button>
            ) : (
              s.name
            )}
          </li>
        ))}
        {partial.size > 0 && (
          <li className="muted" data-testid="partial-note">
            <span className="swatch partial" aria-hidden="true" />
            Lighter: a partial {PARTIAL_WORDS[bucket]} (
            {partial.size === 1 ? 'one bucket' : `${partial.size} buckets`} not whole in this range or still
            under way)
          </li>
        )}
      </ul>
    </div>
  );
});

const drillable = (onSelect: ((name: string) => void) | undefined, name: string) =>
  onSelect !== undefined && name !== OTHER;

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
