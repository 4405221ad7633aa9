import { expect } from 'vitest';
import type { Store } from '../../src/store/types.ts';
import { makeRecord } from '../helpers/records.ts';
import { storeSuite } from './suite.ts';

const at = (iso: string) => new Date(iso);

/** Sources, activities, rules and replacing records: the same behaviour on every engine. */
export function runSourcesContract(name: string, open: () => Promise<Store | null>): void {
  storeSuite(`store contract (sources): ${name}`, open, (store, test) => {
    test('replaceUsage rewrites changed records and keeps the rollup in step', async () => {
      const a = makeRecord({ org: 'rep', id: 'a', project: 'search' });
      const b = makeRecord({ org: 'rep', id: 'b', project: 'search' });
      await store.insertUsage([a, b]);
      const result = await store.replaceUsage('rep', [
        { ...a, project: 'billing', inputTokens: 5_000, costMicros: 9_000 },
        makeRecord({ org: 'rep', id: 'c' }),
      ]);
      expect(result).toEqual({ inserted: 1, replaced: 1 });
      expect(await store.countUsage('rep')).toBe(3);
      const rolled = await store.spend({ org: 'rep', groupBy: ['project'] });
      // A tag filter sends the same question to the raw table.
      const raw = await store.spend({ org: 'rep', groupBy: ['project', 'tag:none'] });
      const byProject = (rows: typeof rolled) =>
        Object.fromEntries(rows.map((r) => [r.dims.project, [r.costMicros, r.inputTokens]]));
      expect(byProject(rolled)).toEqual({ billing: [9_000n, 5_000n], search: [9_000n, 2_000n] });
      expect(byProject(raw)).toEqual(byProject(rolled));
    });

    test('voidUsage removes records from the ledger and the rollup; a dry run only finds them', async () => {
      const max = Number.MAX_SAFE_INTEGER;
      await store.insertUsage([
        makeRecord({ org: 'void', id: 'bad-1', project: 'p', inputTokens: max, costMicros: max }),
        makeRecord({ org: 'void', id: 'bad-2', project: 'p', inputTokens: max, costMicros: max }),
        makeRecord({ org: 'void', id: 'good', project: 'p' }),
        makeRecord({ org: 'other', id: 'bad-1' }),
      ]);
      const dry = await store.voidUsage('void', ['bad-1', 'bad-2', 'nope'], true);
      expect(dry.map((r) => r.id)).toEqual(['bad-1', 'bad-2']);
      expect(await store.countUsage('void')).toBe(3);
      const gone = await store.voidUsage('void', ['bad-1', 'bad-2', 'nope'], false);
      expect(gone.map((r) => [r.id, r.inputTokens])).toEqual([
        ['bad-1', max],
        ['bad-2', max],
      ]);
      expect(await store.countUsage('void')).toBe(1);
      expect(await store.countUsage('other')).toBe(1);
      const rolled = await store.spend({ org: 'void', groupBy: ['project'] });
      const raw = await store.spend({ org: 'void', groupBy: ['project', 'tag:none'] });
      for (const rows of [rolled, raw]) {
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ costMicros: 4_500n, inputTokens: 1_000n, requests: 1n });
      }
      expect(await store.voidUsage('void', ['bad-1'], false)).toEqual([]);
    });

    test('setContext joins records of the user in the window that have no context yet', async () => {
      await store.insertUsage([
        makeRecord({ org: 'ctx', id: 'in', user: 'ana', timestamp: at('2026-11-02T10:15:00Z') }),
        makeRecord({
          org: 'ctx',
          id: 'taken',
          user: 'ana',
          context: 'other',
          timestamp: at('2026-11-02T10:20:00Z'),
        }),
        makeRecord({ org: 'ctx', id: 'late', user: 'ana', timestamp: at('2026-11-02T12:00:00Z') }),
        makeRecord({ org: 'ctx', id: 'bo', user: 'bo', timestamp: at('2026-11-02T10:15:00Z') }),
      ]);
      const match = {
        user: 'ana',
        context: 'churn.ipynb',
        from: at('2026-11-02T10:00:00Z'),
        to: at('2026-11-02T11:00:00Z'),
      };
      expect(await store.setContext('ctx', match)).toBe(1);
      const records = (await store.listUsage({ org: 'ctx', limit: 10 })).records;
      const contexts = Object.fromEntries(records.map((r) => [r.id, r.context]));
      expect(contexts).toEqual({ in: 'churn.ipynb', taken: 'other', late: null, bo: null });
    });

    test('keeps sources, their state, activities and rules per org', async () => {
      const now = at('2026-11-03T00:00:00Z');
      const source = {
        org: 'src',
        id: 'oa',
        kind: 'openai',
        origin: 'api' as const,
        settings: { poll: '5m' },
        secret: 'v1.x.y',
        keyHint: '••••abcd',
        createdAt: now,
        updatedAt: now,
      };
      await store.putSource(source);
      await store.putSource({ ...source, org: 'other' });
      await store.putSourceState({
        org: 'src',
        sourceId: 'oa',
        state: { recordsIngested: 3 },
        updatedAt: now,
      });
      expect(await store.listSources('src')).toEqual([source]);
      expect(await store.listSources(null)).toHaveLength(2);
      expect((await store.getSourceState('src', 'oa'))?.state).toEqual({ recordsIngested: 3 });
      expect(await store.deleteSource('src', 'oa')).toBe(true);
      expect(await store.getSourceState('src', 'oa')).toBeNull();
      const activity = {
        org: 'src',
        id: 'a1',
        user: 'ana',
        context: 'nb',
        project: null,
        team: 'ml',
        start: at('2026-11-02T10:00:00Z'),
        end: at('2026-11-02T11:00:00Z'),
        source: 'api',
      };
      await store.putActivities([activity, { ...activity, context: 'nb v2' }]);
      expect(
        await store.listActivities('src', {
          from: at('2026-11-02T10:30:00Z'),
          to: at('2026-11-02T12:00:00Z'),
        }),
      ).toEqual([{ ...activity, context: 'nb v2' }]);
      expect(
        await store.listActivities('src', {
          from: at('2026-11-02T12:00:00Z'),
          to: at('2026-11-02T13:00:00Z'),
        }),
      ).toEqual([]);
      const rule = {
        org: 'src',
        id: 'r1',
        position: 1,
        rule: { match: { user: 'ana' }, set: { team: 'ml' } },
        updatedAt: now,
      };
      await store.putRule(rule);
      expect(await store.listRules('src')).toEqual([rule]);
      expect(await store.deleteRule('src', 'r1')).toBe(true);
      expect(await store.listRules('src')).toEqual([]);
    });
  });
}
