// `npm run bench:detect`: the anomaly detectors on labelled synthetic series; prints the DESIGN.md figures.
// Then the same kind of series through the product: imported at once over HTTP into a DuckDB store and
// asked of GET /api/v1/anomalies over their whole range (issue 15).
// Options (env): BENCH_DAILY=240 BENCH_INTRADAY=160 BENCH_API=40 (how many series of each), BENCH_API_DAYS=120.
import { mkdirSync, writeFileSync } from 'node:fs';
import { median, quantile } from '../../src/analyze/stats.ts';
import { createRandom, streamSeed } from '../../src/sources/demo/random.ts';
import { scoreThroughApi } from './api.ts';
import { scoreDaily } from './daily.ts';
import { dailySeries, FIRST_SPIKE_DAY } from './daily-series.ts';
import { scoreIntraday } from './intraday.ts';
import { perCallIntraday } from './intraday-report.ts';
import { intradaySeries } from './intraday-series.ts';

const dailyCount = Number(process.env.BENCH_DAILY ?? 240);
const intradayCount = Number(process.env.BENCH_INTRADAY ?? 160);
const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

console.error(`daily: ${dailyCount} series of 180 days…`);
let t = performance.now();
const daily = scoreDaily(
  Array.from({ length: dailyCount }, (_, i) => dailySeries(createRandom(streamSeed('daily', i)))),
);
const dailySeconds = (performance.now() - t) / 1000;
console.error(`intraday: ${intradayCount} series, 7 test days polled every 10 minutes…`);
t = performance.now();
const intraday = scoreIntraday(
  Array.from({ length: intradayCount }, (_, i) => intradaySeries(createRandom(streamSeed('intraday', i)))),
);
const intradaySeconds = (performance.now() - t) / 1000;
const apiCount = Number(process.env.BENCH_API ?? 40);
const apiDays = Number(process.env.BENCH_API_DAYS ?? 120);
console.error(`through the API: ${apiCount} series of ${apiDays} days imported at once into DuckDB…`);
const api = await scoreThroughApi(
  Array.from({ length: apiCount }, (_, i) => dailySeries(createRandom(streamSeed('api', i)), apiDays)),
  apiDays,
);
// Intraday on per-call data: the same series seen per minute (bench/detect/intraday-report.ts).
console.error(`intraday, per-call data: the same ${intradayCount} series checked every minute…`);
const perCall = perCallIntraday(intradayCount);

const months = daily.evaluatedDays / 30;
const dailyFalse = daily.falseAlerts / months;
const intradayFalse = intraday.falseAlerts / (intraday.testDays / 30);
const recall = daily.found / daily.spikes;
const medianShare = median(intraday.shares);
const rows: [string, string, string, string][] = [
  [
    'daily spikes found (recall)',
    `${pct(recall)} (${daily.found} of ${daily.spikes})`,
    '≥ 98%',
    verdict(recall >= 0.98),
  ],
  ['alerts that were a labelled spike (precision)', pct(daily.trueAlerts / daily.alerts), '–', '–'],
  ['false daily alerts per series per 30 days', dailyFalse.toFixed(2), '≤ 1', verdict(dailyFalse <= 1)],
  ['… of them in the 6 weeks after a level shift', (daily.falseAtShifts / months).toFixed(2), '–', '–'],
  [
    'median detection delay, daily',
    `${median(daily.delays)} days (p90 ${quantile(daily.delays, 0.9)})`,
    '–',
    '–',
  ],
  [
    'ordinary days above the 95% band (calibration)',
    pct(daily.ordinaryAbove / daily.ordinaryDays, 2),
    '≈ 2.5%',
    '–',
  ],
  [
    'intraday spikes flagged the same day',
    `${pct(intraday.found / intraday.spikes)} (${intraday.found} of ${intraday.spikes})`,
    '–',
    '–',
  ],
  [
    'false intraday alerts per series per 30 days',
    intradayFalse.toFixed(2),
    '≤ 1',
    verdict(intradayFalse <= 1),
  ],
  [
    'false alerts, daily and intraday together',
    (dailyFalse + intradayFalse).toFixed(2),
    '≤ 1',
    verdict(dailyFalse + intradayFalse <= 1),
  ],
  [
    'median intraday detection delay',
    `${median(intraday.delays)} min (p90 ${quantile(intraday.delays, 0.9)} min)`,
    '–',
    '–',
  ],
  [
    'daily budget spent by a spike before its flag, median',
    pct(medianShare),
    '< 10%',
    verdict(medianShare < 0.1),
  ],
  [
    '… 90th percentile',
    pct(quantile(intraday.shares, 0.9)),
    '< 10%',
    verdict(quantile(intraday.shares, 0.9) < 0.1),
  ],
  [
    '… spikes flagged before they added 10%',
    pct(intraday.shares.filter((s) => s < 0.1).length / intraday.spikes),
    '–',
    '–',
  ],
];

rows.push(...perCall.rows);
mkdirSync('bench/out', { recursive: true });
writeFileSync(
  'bench/out/detect.json',
  JSON.stringify(
    {
      date: new Date().toISOString(),
      daily: { ...daily, delays: undefined },
      intraday: { ...intraday, shares: undefined, delays: undefined },
      intradayPerCall: { ...perCall.raw, shares: undefined, delays: undefined },
      api,
    },
    null,
    2,
  ),
);
console.log(
  `\nspendlens detection benchmark: ${dailyCount} daily + ${intradayCount} intraday labelled series (seeded), ${dailySeconds.toFixed(1)} s + ${intradaySeconds.toFixed(1)} s\n`,
);
console.log('| measure | result | target | verdict |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const apiMonths = api.evaluatedDays / 30;
const apiRecall = api.found / api.spikes;
const apiFalse = api.falseMedium / apiMonths;
const apiRows: [string, string, string, string][] = [
  [
    'spikes found over the whole range (recall)',
    `${pct(apiRecall)} (${api.found} of ${api.spikes})`,
    '≥ 98%',
    verdict(apiRecall >= 0.98),
  ],
  ['false medium+ alerts per series per 30 days', apiFalse.toFixed(2), '≤ 1', verdict(apiFalse <= 1)],
  ['… of them in the first four weeks of a series', (api.falseLearning / apiMonths).toFixed(2), '–', '–'],
  ['… in the 6 weeks after a level shift', (api.falseAtShifts / apiMonths).toFixed(2), '–', '–'],
  ['false anomalies of any severity per series per 30 days', (api.falseAny / apiMonths).toFixed(2), '–', '–'],
  ['anomalies stored historical (listed, not alerted)', `${api.historical} of ${api.anomalies}`, '–', '–'],
  [
    'seconds per series: import / GET anomalies of the whole range',
    `${(api.importSeconds / api.series).toFixed(2)} / ${(api.querySeconds / api.series).toFixed(2)}`,
    '–',
    '–',
  ],
];
console.log(
  `\nThrough the store and the API (DuckDB): ${api.series} series of ${api.days} days, each one org's spend, imported at once, then GET /api/v1/anomalies?from=…&to=… over the whole range; false alerts per 30 days over the days from ${FIRST_SPIKE_DAY} on, anomalies counted from day 0\n`,
);
console.log('| measure | result | target | verdict |\n|---|---|---|---|');
for (const row of apiRows) console.log(`| ${row.join(' | ')} |`);
console.log(
  '\nThe daily series have 2–5 injected spikes each, level shifts that must be absorbed, holidays and trends; ' +
    'the intraday ones are polled every 10 minutes on hourly buckets, as a server would see them. "Daily budget" ' +
    "is the day's expected spend. Raw figures: bench/out/detect.json",
);
console.log(
  `The per-call rows (${perCall.seconds.toFixed(1)} s) replay the same intraday series as spend per minute, ` +
    'checked every minute against a 10-minute rhythm, as a server sees pushed calls or minute buckets.',
);
