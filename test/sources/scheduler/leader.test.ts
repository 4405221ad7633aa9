import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { pollPattern } from '../../../src/act/scheduler/poll.ts';
import { createScheduler } from '../../../src/act/scheduler/scheduler.ts';
import { openPostgresStore } from '../../../src/store/postgres/store.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from '../../helpers/postgres.ts';

describe('scheduler', () => {
  it('turns poll settings into cron patterns and refuses nonsense', () => {
    expect(pollPattern('5m')).toBe('0 */5 * * * *');
    expect(pollPattern('30s')).toBe('*/30 * * * * *');
    expect(pollPattern('2h')).toBe('0 0 */2 * * *');
    expect(pollPattern('*/10 * * * *')).toBe('*/10 * * * *');
    expect(() => pollPattern('*/99 * * nope *')).toThrow(/not an interval or a cron expression/);
  });

  it('runs jobs on exactly one of two instances sharing a PostgreSQL database; the other takes over', async (ctx) => {
    if (!(await postgresReachable('the scheduler leader test'))) ctx.skip();
    const schema = freshSchema();
    const stores = await Promise.all([1, 2].map(() => openPostgresStore({ url: TEST_DATABASE_URL, schema })));
    await Promise.all(stores.map((s) => s.migrate()));
    const runs: string[] = [];
    const schedulers = stores.map((store) =>
      createScheduler({ lock: store.leaderLock('scheduler'), log: () => undefined }),
    );
    try {
      schedulers.forEach((s, i) => {
        s.put({ name: 'tick', pattern: '* * * * * *', run: async () => void runs.push(`instance-${i}`) });
      });
      await sleep(3_200);
      const first = new Set(runs);
      expect(first.size).toBe(1);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      const leader = [...first][0] === 'instance-0' ? 0 : 1;
      await schedulers[leader]!.stop();
      runs.length = 0;
      await sleep(2_200);
      expect(new Set(runs)).toEqual(new Set([`instance-${1 - leader}`]));
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(schema);
    }
  });
});
