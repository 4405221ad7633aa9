/** How much an anomaly matters, least to most. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Sigmas above expected at which unusualness reaches medium, high, critical. */
const UNUSUAL_STEPS = [3, 5, 8];
/** Share of the org's expected daily spend at which money reaches medium, high, critical. */
const MONEY_STEPS = [0.05, 0.2, 0.5];

export interface SeverityInput {
  actual: number;
  expected: number;
  /** Log-scale sigma of the prediction the actual was judged against. */
  sigma: number;
  /** The org's expected spend for a day: what "a lot of money" is measured against. */
  orgDaily: number;
}

/**
 * Severity from how unusual the anomaly is (sigmas on the log scale) and how much money it moves
 * (its excess as a share of the org's day): the mean of the two grades, rounded down, so a wildly
 * unusual $6 blip and a large but ordinary-looking swing both stay moderate.
 */
export function severityOf(input: SeverityInput): Severity {
  const excess = input.actual - input.expected;
  const offset = 0.01 * input.orgDaily + 1e-9;
  const sigmas = Math.log((input.actual + offset) / (input.expected + offset)) / Math.max(input.sigma, 1e-6);
  const money = input.orgDaily > 0 ? excess / input.orgDaily : 1;
  const grade = (x: number, steps: number[]) => steps.filter((s) => x >= s).length;
  return SEVERITIES[Math.floor((grade(sigmas, UNUSUAL_STEPS) + grade(money, MONEY_STEPS)) / 2)]!;
}

/** True when `a` is at least as severe as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b);
}
