import { expect, it } from 'vitest';
import type { AlertDelivery, Store, StoredAlert, StoredReport } from '../../src/store/types.ts';
import { storeSuite } from './suite.ts';

const at = (iso: string) => new Date(iso);

/** One database opened again and again (a file, a schema), then thrown away. */
export interface Reopenable {
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

function alert(org: string, id: string, over: Partial<StoredAlert> = {}): StoredAlert {
  return {
    org,
    id,
    dedupeKey: `budget:ml-monthly:80:${id}`,
    event: 'budget_threshold',
    severity: 'warning',
    scopeDimension: 'team',
    scopeValue: 'ml',
    budgetId: 'ml-monthly',
    title: 'ml-monthly crossed 80%',
    payload: { spentMicros: 800_000_000, limitMicros: 1_000_000_000, url: 'http://x/budgets/ml-monthly' },
    deliveries: [{ channel: 'slack', status: 'pending', attempts: 0, lastAttemptAt: null, error: null }],
    createdAt: at('2026-11-20T08:00:00Z'),
    ...over,
  };
}

function report(org: string, id: string, over: Partial<StoredReport> = {}): StoredReport {
  return {
    org,
    id,
    kind: 'daily',
    periodStart: at('2026-11-21T00:00:00Z'),
    periodEnd: at('2026-11-22T00:00:00Z'),
    createdAt: at('2026-11-22T06:00:00Z'),
    content: { totalMicros: '12345678' },
    ...over,
  };
}

/**
 * Budgets, alert channels, alerts, archived reports and job runs: the same behaviour on every engine.
 * `same` gives a database that can be closed and opened again (null when the engine is unavailable).
 */
export function runAlertingContract(
  name: string,
  open: () => Promise<Store | null>,
  same: () => Promise<Reopenable | null>,
): void {
  storeSuite(`store contract (alerting): ${name}`, open, (store, test) => {
    test('keeps budgets per org, updates them in place and deletes them', async () => {
      const created = at('2026-11-01T00:00:00Z');
      const budget = {
        org: 'bud-a',
        id: 'ml-monthly',
        origin: 'api' as const,
        definition: { amount: '1000', period: 'month', thresholds: [50, 80, 100] },
        createdAt: created,
        updatedAt: created,
      };
      await store.putBudget(budget);
      await store.putBudget({ ...budget, org: 'bud-b', origin: 'config' });
      const changed = { ...budget, definition: { amount: '2000' }, updatedAt: at('2026-11-02T00:00:00Z') };
      await store.putBudget({ ...changed, createdAt: at('2026-11-02T00:00:00Z') });
      // An update keeps when the budget was created.
      expect(await store.listBudgets('bud-a')).toEqual([changed]);
      expect((await store.listBudgets('bud-b')).map((b) => [b.origin, b.definition])).toEqual([
        ['config', budget.definition],
      ]);
      expect((await store.listBudgets(null)).filter((b) => b.org.startsWith('bud-'))).toHaveLength(2);
      expect(await store.deleteBudget('bud-c', 'ml-monthly')).toBe(false);
      expect(await store.deleteBudget('bud-a', 'ml-monthly')).toBe(true);
      expect(await store.deleteBudget('bud-a', 'ml-monthly')).toBe(false);
      expect(await store.listBudgets('bud-a')).toEqual([]);
      expect(await store.listBudgets('bud-b')).toHaveLength(1);
    });

    test('keeps alert channels per org with their encrypted secret', async () => {
      const now = at('2026-11-03T00:00:00Z');
      const channel = {
        org: 'chan-a',
        id: 'ops-slack',
        kind: 'slack',
        origin: 'api' as const,
        settings: { mention: '@oncall' },
        secret: 'v1.iv.ciphertext',
        createdAt: now,
        updatedAt: now,
      };
      const email = { ...channel, id: 'finance', kind: 'email', settings: { to: ['f@x.io'] }, secret: null };
      await store.putChannel(channel);
      await store.putChannel(email);
      await store.putChannel({ ...channel, org: 'chan-b' });
      expect(await store.listChannels('chan-a')).toEqual([email, channel]);
      expect((await store.listChannels(null)).filter((c) => c.org.startsWith('chan-'))).toHaveLength(3);
      const rotated = { ...channel, secret: 'v2.iv.other', updatedAt: at('2026-11-04T00:00:00Z') };
      await store.putChannel(rotated);
      expect(await store.listChannels('chan-a')).toEqual([email, rotated]);
      expect(await store.deleteChannel('chan-b', 'finance')).toBe(false);
      expect(await store.deleteChannel('chan-a', 'ops-slack')).toBe(true);
      expect(await store.listChannels('chan-a')).toEqual([email]);
      expect(await store.listChannels('chan-b')).toEqual([{ ...channel, org: 'chan-b' }]);
    });

    test('raises an alert once per dedupe key, also when inserts race', async () => {
      const first = alert('dup-a', 'a1', { dedupeKey: 'budget:ml:80:2026-11-01' });
      expect(await store.insertAlert(first)).toBe(true);
      expect(await store.insertAlert({ ...first, id: 'a2', title: 'again' })).toBe(false);
      // The same id with another key is the same alert too.
      expect(await store.insertAlert({ ...first, dedupeKey: 'other' })).toBe(false);
      const racing = Array.from({ length: 8 }, (_, i) =>
        alert('dup-a', `r${i}`, { dedupeKey: 'budget:ml:100:2026-11-01' }),
      );
      const results = await Promise.all(racing.map((a) => store.insertAlert(a)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const listed = await store.listAlerts({ org: 'dup-a', limit: 100 });
      expect(listed.map((a) => a.dedupeKey).sort()).toEqual([
        'budget:ml:100:2026-11-01',
        'budget:ml:80:2026-11-01',
      ]);
      expect(listed.find((a) => a.id === 'a1')).toEqual(first);
      // Another org's crossing of the same budget key is its own alert.
      expect(await store.insertAlert({ ...first, org: 'dup-b' })).toBe(true);
      expect(await store.listAlerts({ org: 'dup-b', limit: 100 })).toEqual([{ ...first, org: 'dup-b' }]);
      expect(await store.getAlert('dup-c', 'a1')).toBeNull();
    });

    test('lists alerts newest first, from a time on, of some events, up to a limit', async () => {
      const day = (d: number) => at(`2026-11-${String(d).padStart(2, '0')}T09:00:00Z`);
      const events = ['budget_threshold', 'anomaly', 'forecast_overrun'];
      for (let d = 1; d <= 6; d++) {
        await store.insertAlert(alert('list-a', `d${d}`, { event: events[d % 3]!, createdAt: day(d) }));
      }
      await store.insertAlert(alert('list-b', 'other', { createdAt: day(7) }));
      const ids = (alerts: StoredAlert[]) => alerts.map((a) => a.id);
      expect(ids(await store.listAlerts({ org: 'list-a', limit: 100 }))).toEqual([
        'd6',
        'd5',
        'd4',
        'd3',
        'd2',
        'd1',
      ]);
      expect(ids(await store.listAlerts({ org: 'list-a', limit: 2 }))).toEqual(['d6', 'd5']);
      expect(ids(await store.listAlerts({ org: 'list-a', from: day(4), limit: 100 }))).toEqual([
        'd6',
        'd5',
        'd4',
      ]);
      expect(ids(await store.listAlerts({ org: 'list-a', events: ['anomaly'], limit: 100 }))).toEqual([
        'd4',
        'd1',
      ]);
      expect(
        ids(
          await store.listAlerts({
            org: 'list-a',
            from: day(2),
            events: ['anomaly', 'forecast_overrun'],
            limit: 2,
          }),
        ),
      ).toEqual(['d5', 'd4']);
    });

    test('records deliveries of an alert', async () => {
      const a = alert('del-a', 'x1');
      await store.insertAlert(a);
      const deliveries: AlertDelivery[] = [
        {
          channel: 'slack',
          status: 'delivered',
          attempts: 1,
          lastAttemptAt: '2026-11-20T08:00:01.000Z',
          error: null,
        },
        {
          channel: 'email',
          status: 'failed',
          attempts: 3,
          lastAttemptAt: '2026-11-20T08:05:00.000Z',
          error: 'SMTP 550',
        },
      ];
      await store.updateAlertDeliveries('del-a', 'x1', deliveries);
      // Another org's alert of the same id stays as it was.
      await store.updateAlertDeliveries('del-b', 'x1', []);
      expect(await store.getAlert('del-a', 'x1')).toEqual({ ...a, deliveries });
      expect(await store.getAlert('del-a', 'missing')).toBeNull();
    });

    test('archives reports read-only, lists them newest period first and prunes old ones', async () => {
      const weekly = report('rep-a', 'report-2026-W47', {
        kind: 'weekly',
        periodStart: at('2026-11-16T00:00:00Z'),
        periodEnd: at('2026-11-23T00:00:00Z'),
        createdAt: at('2026-11-23T07:00:00Z'),
      });
      const d21 = report('rep-a', 'daily-2026-11-21');
      const d22 = report('rep-a', 'daily-2026-11-22', {
        periodStart: at('2026-11-22T00:00:00Z'),
        periodEnd: at('2026-11-23T00:00:00Z'),
        createdAt: at('2026-11-23T06:00:00Z'),
      });
      const old = report('rep-a', 'daily-2026-09-01', {
        periodStart: at('2026-09-01T00:00:00Z'),
        periodEnd: at('2026-09-02T00:00:00Z'),
        createdAt: at('2026-09-02T06:00:00Z'),
      });
      for (const r of [d21, weekly, old, d22]) expect(await store.insertReport(r)).toBe(true);
      expect(await store.insertReport({ ...d21, content: { totalMicros: '0' } })).toBe(false);
      expect(await store.getReport('rep-a', d21.id)).toEqual(d21);
      await store.insertReport({ ...old, org: 'rep-b' });
      expect(await store.getReport('rep-b', d21.id)).toBeNull();

      const ids = (list: StoredReport[]) => list.map((r) => r.id);
      expect(ids(await store.listReports({ org: 'rep-a', limit: 10 }))).toEqual([
        d22.id,
        d21.id,
        weekly.id,
        old.id,
      ]);
      expect(await store.listReports({ org: 'rep-a', kind: 'weekly', limit: 10 })).toEqual([weekly]);
      expect(ids(await store.listReports({ org: 'rep-a', kind: 'daily', limit: 2 }))).toEqual([
        d22.id,
        d21.id,
      ]);

      expect(await store.deleteReportsBefore('rep-a', at('2026-11-01T00:00:00Z'))).toBe(1);
      expect(await store.deleteReportsBefore('rep-a', at('2026-11-01T00:00:00Z'))).toBe(0);
      expect(ids(await store.listReports({ org: 'rep-a', limit: 10 }))).toEqual([d22.id, d21.id, weekly.id]);
      expect(ids(await store.listReports({ org: 'rep-b', limit: 10 }))).toEqual([old.id]);
    });

    test('remembers when each job of each org last ran', async () => {
      expect(await store.getJobRun('job-a', 'daily-report')).toBeNull();
      await store.putJobRun('job-a', 'daily-report', at('2026-11-22T06:00:00Z'));
      await store.putJobRun('job-a', 'daily-report', at('2026-11-23T06:00:00Z'));
      await store.putJobRun('job-b', 'daily-report', at('2026-11-01T06:00:00Z'));
      expect(await store.getJobRun('job-a', 'daily-report')).toEqual(at('2026-11-23T06:00:00Z'));
      expect(await store.getJobRun('job-a', 'weekly-report')).toBeNull();
      expect(await store.getJobRun('job-b', 'daily-report')).toEqual(at('2026-11-01T06:00:00Z'));
    });

    it('keeps job runs, alerts and reports across a close and reopen', async (ctx) => {
      const db = await same();
      if (!db) return ctx.skip();
      try {
        const first = await db.open();
        await first.migrate();
        await first.putJobRun('keep', 'evaluate-budgets', at('2026-11-23T06:00:00Z'));
        await first.insertAlert(alert('keep', 'k1'));
        await first.insertReport(report('keep', 'daily-2026-11-21'));
        await first.close();
        const second = await db.open();
        await second.migrate();
        try {
          expect(await second.getJobRun('keep', 'evaluate-budgets')).toEqual(at('2026-11-23T06:00:00Z'));
          // The dedupe key outlives the process: a restart does not alert again.
          expect(
            await second.insertAlert(alert('keep', 'k2', { dedupeKey: alert('keep', 'k1').dedupeKey })),
          ).toBe(false);
          expect(await second.getReport('keep', 'daily-2026-11-21')).toEqual(
            report('keep', 'daily-2026-11-21'),
          );
        } finally {
          await second.close();
        }
      } finally {
        await db.dispose();
      }
    });
  });
}
