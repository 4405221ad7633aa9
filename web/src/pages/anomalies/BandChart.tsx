import { Area, Bar, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatLongDay } from '../../lib/days.ts';
import { formatMoney, formatMoneyCompact } from '../../lib/format.ts';
import type { BandDay } from './types.ts';

const AXIS_TICK = { fill: '#545d6b', fontSize: 12 };

/**
 * A scope's daily spend (bars, red where anomalous) against its expected value (dashed) and the 95%
 * band the baseline drew around it (shaded). Animation is off, as on the overview's charts.
 */
export function BandChart(props: { days: BandDay[]; currency: string; label: string }) {
  const { days, currency } = props;
  const data = days.map((d) => ({
    day: d.day,
    actual: Number(d.actual),
    expected: d.expected === null ? null : Number(d.expected),
    band: d.lower === null || d.upper === null ? null : [Number(d.lower), Number(d.upper)],
    anomalous: d.anomalous,
  }));
  const flagged = days.filter((d) => d.anomalous).length;
  return (
    <div
      className="band-chart"
      data-testid="band-chart"
      role="img"
      aria-label={`${props.label}: daily spend of ${days.length} days against the expected band; ${flagged} above it`}
    >
      <ComposedChart
        responsive
        style={{ width: '100%', height: 240 }}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <XAxis
          dataKey="day"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: '#cfd4dc' }}
          minTickGap={24}
          tickFormatter={(d: string) => formatDay(d)}
        />
        <YAxis
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={64}
          tickFormatter={(v: number) => formatMoneyCompact(v, currency)}
        />
        <Tooltip
          labelFormatter={(d) => formatLongDay(String(d))}
          formatter={(value) =>
            Array.isArray(value)
              ? value.map((v) => formatMoney(Number(v).toFixed(6), currency)).join(' – ')
              : formatMoney(Number(value).toFixed(6), currency)
          }
          contentStyle={{ borderRadius: 8, borderColor: '#e2e5ea', fontSize: 13 }}
        />
        <Area
          dataKey="band"
          name="Expected range"
          fill="#c7d2fe"
          stroke="none"
          fillOpacity={0.6}
          isAnimationActive={false}
        />
        <Bar dataKey="actual" name="Spent" isAnimationActive={false} barSize={10}>
          {data.map((d) => (
            <Cell key={d.day} fill={d.anomalous ? '#b42318' : '#4338ca'} />
          ))}
        </Bar>
        <Line
          dataKey="expected"
          name="Expected"
          stroke="#111827"
          strokeDasharray="4 4"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </div>
  );
}
