import { Cron } from 'croner';
import type { LeaderLock } from '../../store/types.ts';

/** A job the scheduler runs on its cron pattern, on the leading instance only. */
export interface Job {
  name: string;
  pattern: string;
  /** Runs on every instance (e.g. refreshing in-memory state), not only on the leader. */
  everyInstance?: boolean;
  /** IANA zone the pattern is read in; the process's own zone when absent. */
  timezone?: string;
  run(): Promise<void>;
}

export interface Scheduler {
  /** Schedules the job (or reschedules it when its pattern changed). */
  put(job: Job): void;
  remove(name: string): void;
  names(): string[];
  /** Runs a scheduled job once now, as its tick would (on the leader only); resolves when it is done. */
  runNow(name: string): Promise<void>;
  /** Stops every job, waits for runs in flight, and gives up leadership. */
  stop(): Promise<void>;
}

/**
 * Runs jobs with croner. Before each run the instance makes sure it leads (PostgreSQL: an advisory
 * lock held on its own connection), so among several instances on one database exactly one runs the
 * jobs; when the leader goes away its lock frees and the next tick elsewhere takes over. A run still
 * going when its next tick comes is skipped, not doubled.
 */
export function createScheduler(deps: { lock: LeaderLock; log: (line: string) => void }): Scheduler {
  const crons = new Map<string, { cron: Cron; pattern: string }>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  async function tick(job: Job): Promise<void> {
    if (stopped) return;
    const leads =
      job.everyInstance ||
      (await deps.lock.tryAcquire().catch((error: Error) => {
        deps.log(`scheduler: could not check leadership: ${error.message}`);
        return false;
      }));
    if (!leads || stopped) return;
    await job.run().catch((error: Error) => deps.log(`scheduler: job ${job.name} failed: ${error.message}`));
  }

  return {
    put(job) {
      const prev = crons.get(job.name);
      if (prev?.pattern === job.pattern) return;
      prev?.cron.stop();
      const cron = new Cron(job.pattern, { protect: true, unref: true, timezone: job.timezone }, () => {
        const p = tick(job);
        inFlight.add(p);
        return p.finally(() => inFlight.delete(p));
      });
      crons.set(job.name, { cron, pattern: job.pattern });
    },
    remove(name) {
      crons.get(name)?.cron.stop();
      crons.delete(name);
    },
    names: () => [...crons.keys()],
    async runNow(name) {
      await crons.get(name)?.cron.trigger();
    },
    async stop() {
      stopped = true;
      for (const { cron } of crons.values()) cron.stop();
      crons.clear();
      await Promise.allSettled([...inFlight]);
      await deps.lock.release();
    },
  };
}
