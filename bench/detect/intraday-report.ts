import { median, quantile } from '../../src/analyze/stats.ts';
import { createRandom, streamSeed } from '../../src/sources/demo/random.ts';
import type { IntradayScore } from './intraday.ts';
import { scoreIntradayPerCall } from './intraday-fine.ts';
import { intradaySeries } from './intraday-series.ts';

type Row = [string, string, string, string];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/**
 * The intraday suite again as per-call data, through the server's per-minute check (every minute, as
 * the default `alerts.detect` schedule runs it, and every 5 minutes for comparison): its rows for the
 * table, and its raw figures for bench/out/detect.json.
 */
export function perCallIntraday(count: number): {
  rows: Row[];
  raw: IntradayScore;
  everyFive: IntradayScore;
  seconds: number;
} {
  const t = performance.now();
  const all = Array.from({ length: count }, (_, i) =>
    intradaySeries(createRandom(streamSeed('intraday', i))),
  );
  const s = scoreIntradayPerCall(all);
  const seconds = (performance.now() - t) / 1000;
  // The default `alerts.evaluate` schedule runs the check every 5 minutes.
  const five = scoreIntradayPerCall(all, undefined, 5);
  const falsePer30 = s.falseAlerts / (s.testDays / 30);
  const p50 = median(s.shares);
  const p90 = quantile(s.shares, 0.9);
  const rows: Row[] = [
    [
      'per-call data: intraday spikes flagged the same day',
      `${pct(s.found / s.spikes)} (${s.found} of ${s.spikes})`,
      '–',
      '–',
    ],
    [
      '… false intraday alerts per series per 30 days',
      falsePer30.toFixed(2),
      '≤ 1',
      verdict(falsePer30 <= 1),
    ],
    ['… median detection delay', `${median(s.delays)} min (p90 ${quantile(s.delays, 0.9)} min)`, '–', '–'],
    ['… daily budget spent by a spike before its flag, median', pct(p50), '< 10%', verdict(p50 < 0.1)],
    ['… 90th percentile', pct(p90), '< 10%', verdict(p90 < 0.1)],
    [
      '… checked every 5 minutes instead (the budget evaluation alone): spent before the flag, median / p90',
      `${pct(median(five.shares))} / ${pct(quantile(five.shares, 0.9))}`,
      '–',
      '–',
    ],
    [
      '… every 5 minutes: false alerts per series per 30 days',
      (five.falseAlerts / (five.testDays / 30)).toFixed(2),
      '–',
      '–',
    ],
  ];
  return { rows, raw: s, everyFive: five, seconds };
}
