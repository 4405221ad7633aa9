import { missedTick } from '../act/scheduler/catch-up.ts';
import type { Job } from '../act/scheduler/scheduler.ts';
import { detectAndAlert, evaluateAlerts } from './alerts/evaluate.ts';
import { raiseAlert, resumePendingDeliveries } from './alerts/raise.ts';
import type { AppContext } from './context.ts';
import { activeOrgs } from './orgs.ts';
import { runDailySummary, runWeeklyReport } from './reports/run.ts';
import { type SourceScheduler, startSourceScheduler } from './sources/schedule.ts';
import { spreadSubscriptions } from './subscriptions/spread.ts';

export interface JobScheduler extends SourceScheduler {
  /** Settles once the jobs that were due while spendlens was down have run (each at most once). */
  caughtUp: Promise<void>;
}

/**
 * Runs `work` for every active org; one org's failure neither stops the others nor goes unseen: the
 * first error is thrown after all ran (the scheduler logs it, and the run is not recorded).
 */
async function forEachOrg(ctx: AppContext, work: (org: string) => Promise<unknown>): Promise<void> {
  const failures: unknown[] = [];
  for (const org of await activeOrgs(ctx)) {
    await work(org).catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
}

/** The scheduled jobs besides source polling, for every org; each records when it last completed. */
function scheduledJobs(ctx: AppContext): Job[] {
  const { alerts, schedule } = ctx.config;
  const jobs: Job[] = [
    {
      name: 'alerts:evaluate',
      pattern: alerts.evaluate,
      run: () =>
        forEachOrg(ctx, (org) => evaluateAlerts(ctx, ctx.now(), (e) => raiseAlert(ctx, e, { org }), org)),
    },
    {
      name: 'anomalies:detect',
      pattern: alerts.detect,
      run: () =>
        forEachOrg(ctx, (org) => detectAndAlert(ctx, ctx.now(), (e) => raiseAlert(ctx, e, { org }), org)),
    },
    {
      // Deliveries a crash or restart cut short go out to the channels still waiting for them (and at
      // start, through catch-up, since a tick fell while spendlens was down).
      name: 'alerts:resume',
      pattern: '*/10 * * * *',
      run: () => forEachOrg(ctx, (org) => resumePendingDeliveries(ctx, org)),
    },
    {
      // Each new UTC day's share of every seat and subscription lands in the ledger within the hour.
      name: 'subscriptions:spread',
      pattern: '7 * * * *',
      run: () => forEachOrg(ctx, (org) => spreadSubscriptions(ctx, org, ctx.now())),
    },
    {
      name: 'reports:daily',
      pattern: schedule.dailySummary,
      run: () => forEachOrg(ctx, (org) => runDailySummary(ctx, ctx.now(), org)),
    },
    {
      name: 'reports:weekly',
      pattern: schedule.weeklyReport,
      run: () => forEachOrg(ctx, (org) => runWeeklyReport(ctx, ctx.now(), org)),
    },
  ];
  // why: patterns are read in the configured timezone (UTC by default), so "0 6 * * *" is 06:00 where
  // the team is and the daily summary always covers a local day that has ended.
  return jobs.map((job) => ({ ...job, timezone: ctx.config.timezone, run: recorded(ctx, job) }));
}

/** Runs a job and, when it succeeds, records when it started: the mark catch-up compares against. */
function recorded(ctx: AppContext, job: Job): () => Promise<void> {
  return async () => {
    const started = ctx.now();
    await job.run();
    await ctx.alerting.putJobRun(ctx.config.org, job.name, started);
  };
}

/**
 * Whether a job was due while spendlens was down: a tick of its pattern fell after its last recorded
 * run; a job that never ran is due once the ledger holds anything to report on.
 */
async function isDue(
  ctx: AppContext,
  job: Job,
  now: Date,
  hasSpend: () => Promise<boolean>,
): Promise<boolean> {
  const last = await ctx.alerting.getJobRun(ctx.config.org, job.name);
  if (last === null) return hasSpend();
  return missedTick(job.pattern, last, now, job.timezone);
}

/**
 * Starts every scheduled job: source polling, the alert evaluation (`alerts.evaluate`), the daily
 * summary (`schedule.daily_summary`) and the weekly report (`schedule.weekly_report`), on the leading
 * instance only. In the background, each job that was due while spendlens was down runs once now.
 */
export async function startJobs(
  ctx: AppContext,
  log: (line: string) => void = (line) => console.warn(line),
): Promise<JobScheduler> {
  const scheduler = await startSourceScheduler(ctx, log);
  const jobs = scheduledJobs(ctx);
  for (const job of jobs) scheduler.put(job);
  const now = ctx.now();
  // why: counting a large PostgreSQL ledger is not free; ask once, and only when a job never ran.
  let counted: Promise<boolean> | null = null;
  const hasSpend = () =>
    (counted ??= activeOrgs(ctx).then(async (orgs) => {
      for (const org of orgs) if ((await ctx.usage.countUsage(org)) > 0) return true;
      return false;
    }));
  let stopping = false;
  const caughtUp = (async () => {
    for (const job of jobs) {
      // why: a stop (SIGTERM, or a port already in use) closes the store next; ask it nothing more.
      if (stopping) return;
      const due = await isDue(ctx, job, now, hasSpend).catch((error: Error) => {
        log(`scheduler: could not tell whether ${job.name} is due: ${error.message}`);
        return false;
      });
      if (due && !stopping) await scheduler.runNow(job.name);
    }
  })();
  const stop = async () => {
    stopping = true;
    await Promise.all([scheduler.stop(), caughtUp]);
  };
  return { ...scheduler, stop, caughtUp };
}
