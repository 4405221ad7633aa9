import { Cron } from 'croner';

/**
 * A poll setting as a cron pattern (seconds field first): `30s` → every 30 seconds, `5m` → every 5
 * minutes, `2h` → every 2 hours; anything else is taken as a cron expression and must parse.
 */
export function pollPattern(poll: string): string {
  const m = /^(\d+)([smh])$/.exec(poll.trim());
  const pattern = m ? fromInterval(Number(m[1]), m[2] as 's' | 'm' | 'h') : poll.trim();
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (error) {
    throw new Error(`"${poll}" is not an interval or a cron expression: ${(error as Error).message}`);
  }
  return pattern;
}

function fromInterval(n: number, unit: 's' | 'm' | 'h'): string {
  if (n < 1) throw new Error('an interval must be at least 1');
  if (unit === 's') return n >= 60 ? fromInterval(Math.round(n / 60), 'm') : `*/${n} * * * * *`;
  if (unit === 'm') return n >= 60 ? fromInterval(Math.round(n / 60), 'h') : `0 */${n} * * * *`;
  return `0 0 */${Math.min(n, 23)} * * *`;
}
