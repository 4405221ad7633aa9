/** Money axis ticks whose labels are all different: round steps, and as many decimals as the step has. */

const STEPS = [1, 2, 2.5, 5, 10];

/** The smallest round step (1, 2, 2.5 or 5 × 10^k) that covers `max` in at most `count` steps. */
function niceStep(max: number, count: number): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return (STEPS.find((s) => s * power >= raw - 1e-12) ?? 10) * power;
}

/** Decimals a step needs to be written exactly: 0.25 → 2, 0.5 → 1, 20 → 0. */
function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 10;
}

/**
 * Ticks from 0 to at least `max` and a formatter that writes each differently.
 * why: compact money with one decimal wrote both 0.05 and 0.1 as "$0.1"; money under a dollar keeps
 * two decimals ("$0.05", "$0.10"), thousands read as "$1.5K" with the decimals the step needs.
 */
export function moneyTicks(
  max: number,
  currency: string,
  count = 4,
): { ticks: number[]; format: (v: number) => string } {
  const top = max > 0 ? max : 1;
  const step = niceStep(top, count);
  const ticks: number[] = [];
  const n = Math.ceil(top / step - 1e-9);
  for (let i = 0; i <= n; i++) ticks.push(Number((i * step).toFixed(10)));
  const last = ticks.at(-1) ?? 0;
  if (last >= 10_000) {
    const digits = decimalsOf(step / 1000);
    const f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
    });
    return { ticks, format: (v) => (v === 0 ? f.format(0) : `${f.format(v / 1000)}K`) };
  }
  const digits = step < 1 ? Math.max(2, decimalsOf(step)) : decimalsOf(step);
  const f = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return { ticks, format: (v) => f.format(v) };
}
