import { pollPattern } from '../../act/scheduler/poll.ts';
import { createScheduler, type Scheduler } from '../../act/scheduler/scheduler.ts';
import type { AppContext } from '../context.ts';
import { reloadAttribution } from './attribution.ts';
import { sourceRunner } from './runner.ts';

/** How often every instance re-reads the source list, rules and activities other instances may have changed. */
const REFRESH_PATTERN = '*/30 * * * * *';

export interface SourceScheduler extends Scheduler {
  /** Brings the jobs in line with the stored sources now. */
  refresh(): Promise<void>;
}

/**
 * Starts polling: one job per enabled source on its `poll` pattern (default every 5 minutes), run by
 * the leading instance only, and a refresh on every instance that picks up sources added elsewhere.
 */
export async function startSourceScheduler(
  ctx: AppContext,
  log: (line: string) => void = (line) => console.warn(line),
): Promise<SourceScheduler> {
  const org = ctx.config.org;
  const runner = sourceRunner(ctx);
  const scheduler = createScheduler({ lock: ctx.store.leaderLock('scheduler'), log });

  async function refresh(): Promise<void> {
    await runner.ready(org);
    // Every org's sources: the configured org's (config and API) and other tenants' API sources.
    const rows = (await ctx.sources.listSources(null)).filter((s) => s.settings.enabled !== false);
    const wanted = new Set<string>(['sources:refresh']);
    for (const row of rows) {
      const name = row.org === org ? `source:${row.id}` : `source:${row.org}/${row.id}`;
      try {
        const pattern = pollPattern(String(row.settings.poll ?? '5m'));
        scheduler.put({
          name,
          pattern,
          run: async () => void (await runner.syncOne(row.org, row.id, { scheduled: true })),
        });
        wanted.add(name);
      } catch (error) {
        log(`source "${row.id}" (org ${row.org}): poll ${(error as Error).message}; it is not scheduled`);
      }
    }
    for (const name of scheduler.names()) {
      if (name.startsWith('source:') && !wanted.has(name)) scheduler.remove(name);
    }
  }

  scheduler.put({
    name: 'sources:refresh',
    pattern: REFRESH_PATTERN,
    everyInstance: true,
    run: async () => {
      await refresh();
      await reloadAttribution(ctx);
    },
  });
  await refresh();
  return { ...scheduler, refresh };
}
