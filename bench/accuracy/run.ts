// `npm run bench:accuracy`: replayed provider days through the real sync and reconciliation; per
// provider and scenario the bill (at list prices), spendlens's estimate and the variance, beside the
// same figures from the previous catalog logic (previous.ts, frozen from commit 0b24535).
// Options (env): BENCH_ACCURACY_ENGINE=duckdb|postgres.
import { mkdirSync, writeFileSync } from 'node:fs';
import { formatMicros } from '../../src/domain/money.ts';
import type { Engine } from '../../test/helpers/app.ts';
import { replayedDays } from './days.ts';
import { previousEstimate } from './previous.ts';
import { replayThroughSpendlens, variancePercent } from './replay.ts';

const engine = (process.env.BENCH_ACCURACY_ENGINE ?? 'duckdb') as Engine;
const days = replayedDays();
console.error(`accuracy: ${days.length} replayed provider days through a real sync (${engine})…`);
const t = performance.now();
const run = await replayThroughSpendlens(days, engine);
const seconds = (performance.now() - t) / 1000;
await run.close();

const dollars = (m: bigint) => `$${formatMicros(m).replace(/(\.\d{2})\d*$/, '$1')}`;
const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(2)}%` : 'n/a');

const results = days.map((d) => {
  const now = run.measured.find((m) => m.provider === d.provider && m.day === d.day);
  const before = previousEstimate(d);
  const estimate = now?.estimatedMicros ?? 0n;
  return {
    provider: d.provider,
    scenario: d.scenario,
    day: d.day,
    bill: d.chargesMicros,
    credits: d.creditsMicros,
    readCharges: now?.chargesMicros ?? 0n,
    readCredits: now?.creditsMicros ?? 0n,
    estimate,
    varianceNow: variancePercent(estimate, d.chargesMicros),
    before: before.estimateMicros,
    varianceBefore: variancePercent(before.estimateMicros, d.chargesMicros),
    unpricedBefore: before.unpricedRows,
  };
});

console.log(`\nspendlens accuracy benchmark: ${days.length} replayed provider days, ${seconds.toFixed(1)} s`);
console.log(
  "variance = (estimate − bill) / bill; the bill is the cost report's charges, credits shown apart\n",
);
console.log(
  '| provider | scenario | bill | estimate now | variance now | estimate before | variance before | credits |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const unpriced = r.unpricedBefore ? ` (${r.unpricedBefore} rows unpriced)` : '';
  console.log(
    `| ${r.provider} | ${r.scenario} | ${dollars(r.bill)} | ${dollars(r.estimate)} | ${pct(r.varianceNow)} | ` +
      `${dollars(r.before)}${unpriced} | ${pct(r.varianceBefore)} | ${r.readCredits ? dollars(r.readCredits) : '–'} |`,
  );
}
const worst = Math.max(...results.map((r) => Math.abs(r.varianceNow)));
const billsRead = results.every((r) => r.readCharges === r.bill && r.readCredits === r.credits);
console.log(
  `\nlargest variance now ${worst.toFixed(2)}%: target ≤ 1% ${worst <= 1 ? 'met' : 'MISSED'}; ` +
    `every bill and credit read back exactly from the cost reports: ${billsRead ? 'yes' : 'NO'}.`,
);
mkdirSync('bench/out', { recursive: true });
writeFileSync(
  'bench/out/accuracy.json',
  JSON.stringify(
    { date: new Date().toISOString(), engine, results },
    (_, v) => (typeof v === 'bigint' ? formatMicros(v) : v),
    2,
  ),
);
