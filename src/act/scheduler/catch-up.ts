import { Cron } from 'croner';

/**
 * Whether a job on `pattern` was due after it last ran and before `now`: a tick missed while spendlens
 * was down. However many ticks were missed, the answer is one yes: the job runs once to catch up.
 */
export function missedTick(pattern: string, lastRun: Date, now: Date, timezone?: string): boolean {
  const next = new Cron(pattern, { timezone }).nextRun(lastRun);
  return next !== null && next <= now;
}
