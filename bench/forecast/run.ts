// `npm run bench:forecast`: month-end MAPE at days 7, 15 and 22 for spendlens and the two plain baselines.
// Options (env): BENCH_FORECAST=240 (how many series of 300 days).
import { mkdirSync, writeFileSync } from 'node:fs';
import { mean } from '../../src/analyze/stats.ts';
import { createRandom, streamSeed } from '../../src/sources/demo/random.ts';
import { dailySeries } from '../detect/daily-series.ts';
import { CHECKPOINTS, type ForecastScore, METHODS, scoreForecasts } from './score.ts';

const count = Number(process.env.BENCH_FORECAST ?? 240);
const suite = (spikes: [number, number]) =>
  scoreForecasts(
    Array.from({ length: count }, (_, i) =>
      dailySeries(createRandom(streamSeed('forecast', i)), 300, spikes),
    ),
  );

console.error(`forecast: ${count} series of 300 days, each whole month forecast at days 7, 15 and 22…`);
const t = performance.now();
// Realistic: a spike every three months or so. Stress: the detection suite's density, 2–5 per six months.
const realistic = suite([1, 3]);
const stress = suite([2, 5]);
const seconds = (performance.now() - t) / 1000;

function table(name: string, s: ForecastScore): string[] {
  const lines = [`\n${name}: ${s.months} month-end forecasts per checkpoint\n`];
  lines.push(`| day of month | ${METHODS.join(' | ')} | spendlens P10–P90 coverage |`);
  lines.push(`|---|${METHODS.map(() => '---').join('|')}|---|`);
  for (const k of CHECKPOINTS) {
    const mapes = METHODS.map((m) => mean(s.errors[k]![m]));
    lines.push(
      `| ${k} | ${mapes.map((x) => `${x.toFixed(2)}%`).join(' | ')} | ${((100 * s.inside[k]!) / s.months).toFixed(0)}% |`,
    );
  }
  return lines;
}

const mid = METHODS.map((m) => mean(realistic.errors[15]![m]));
const [ours, runRate, velocity] = mid as [number, number, number];
mkdirSync('bench/out', { recursive: true });
writeFileSync(
  'bench/out/forecast.json',
  JSON.stringify({ date: new Date().toISOString(), mid: { ours, runRate, velocity } }, null, 2),
);
console.log(
  `\nspendlens forecast benchmark: mean absolute percentage error of the month's total, ${seconds.toFixed(1)} s`,
);
for (const line of [
  ...table('realistic series', realistic),
  ...table('stress series (dense spikes)', stress),
])
  console.log(line);
console.log(
  `\nmid-month (day 15) MAPE ${ours.toFixed(2)}%: target ≤ 8% ${ours <= 8 ? 'met' : 'MISSED'}; ` +
    `better than the linear run-rate (${runRate.toFixed(2)}%) ${ours < runRate ? 'met' : 'MISSED'} and the ` +
    `7-day velocity regression (${velocity.toFixed(2)}%) ${ours < velocity ? 'met' : 'MISSED'}.`,
);
