import { median, quantile } from '../../src/analyze/stats.ts';
import { createRandom, streamSeed } from '../../src/sources/demo/random.ts';
import type { IntradayScore } from './intraday.ts';
import { scoreIntradayPerCall } from './intraday-fine.ts';
import { intradaySeries } from './intraday-series.ts';

type Row = [string, string, string, string];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/**
 * The intraday suite again as per-call data (checked every minute on a 10-minute rhythm): its rows for
 * the table, and its raw figures for bench/out/detect.json.
 */
export function perCallIntraday(count: number): { rows: Row[]; raw: IntradayScore; seconds: number } {
  const t = performance.now();
  const s = scoreIntradayPerCall(
    Array.from({ length: count }, (_, i) => intradaySeries(createRandom(streamSeed('intraday', i)))),
  );
  const seconds = (performance.now() - t) / 1000;
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
  ];
  return { rows, raw: s, seconds };
}
