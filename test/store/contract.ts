import { expect } from 'vitest';
import type { GroupKey } from '../../src/domain/record.ts';
import type { SpendRow, Store, StoredAnomaly } from '../../src/store/types.ts';
import { makeRecord } from '../helpers/records.ts';
import { storeSuite } from './suite.ts';

/** The behaviour every store engine must show; run by each engine's test file. */
export function runStoreContract(name: string, open: () => Promise<Store | null>): void {
  storeSuite(`store contract: ${name}`, open, (store, test) => {
    test('the same record twice is one record, within and across batches', async () => {
      const a = makeRecord({ org: 'dup', id: 'a' });
      const b = makeRecord({ org: 'dup', id: 'b' });
      expect(await store.insertUsage([a, b, a])).toEqual({ inserted: 2, duplicates: 1 });
      expect(await store.insertUsage([a, makeRecord({ org: 'dup', id: 'c' })])).toEqual({
        inserted: 1,
        duplicates: 1,
      });
      expect(await store.countUsage('dup')).toBe(3);
      const spend = await store.spend({ org: 'dup', groupBy: [] });
      expect(spend[0]?.costMicros).toBe(13_500n);
    });

    test('sums past 2^53 are exact bigints, through the rollup and the raw table (issue 13)', async () => {
      const max = Number.MAX_SAFE_INTEGER;
      const big = (id: string, costKind: 'billed' | 'unpriced') =>
        makeRecord({
          org: 'huge',
          id,
          model: costKind === 'billed' ? 'gpt-4o' : 'mystery-big',
          timestamp: new Date('2026-11-02T10:00:00Z'),
          ...{ inputTokens: max, outputTokens: max, cacheReadTokens: max, cacheWriteTokens: max },
          ...{ reasoningTokens: max, requests: max },
          costMicros: costKind === 'billed' ? max : null,
          costKind,
        });
      await store.insertUsage([
        big('b1', 'billed'),
        big('b2', 'billed'),
        big('u1', 'unpriced'),
        big('u2', 'unpriced'),
      ]);
      const twice = 2n * BigInt(max);
      const hour = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
      // An hour-aligned range reads the rollup; a bound off the hour reads the raw table.
      const offHour = { ...hour, from: new Date('2026-11-02T00:00:01Z') };
      for (const range of [hour, offHour]) {
        const rows = await store.spend({ org: 'huge', groupBy: ['costKind'], ...range });
        const billed = rows.find((r) => r.dims.costKind === 'billed');
        expect(billed).toMatchObject({ costMicros: twice, inputTokens: twice, outputTokens: twice });
        expect(billed).toMatchObject({ cacheReadTokens: twice, reasoningTokens: twice, requests: twice });
        expect(rows.find((r) => r.dims.costKind === 'unpriced')).toMatchObject({ unpricedRequests: twice });
      }
      const raw = await store.spend({ org: 'huge', groupBy: ['tag:none'] });
      expect(raw.reduce((s, r) => s + r.inputTokens, 0n)).toBe(2n * twice);
      expect(await store.unpricedModels('huge')).toMatchObject([{ requests: twice, inputTokens: twice }]);
    });

    test('an hour of the rollup holds sums past 2^63, as the raw table does', async () => {
      const at = new Date('2026-11-02T10:00:00Z');
      const max = Number.MAX_SAFE_INTEGER;
      // 1,100 records of 2^53 - 1 in one hour and key pass 2^63 (a BIGINT column would overflow).
      const records = Array.from({ length: 1_100 }, (_, i) =>
        makeRecord({
          org: 'wide',
          id: `w${i}`,
          timestamp: at,
          inputTokens: max,
          costMicros: max,
          costKind: 'billed',
        }),
      );
      // One of them stored before: the write learns which went in, and sums those itself.
      await store.insertUsage([records[0]!]);
      expect(await store.insertUsage(records)).toEqual({ inserted: 1_099, duplicates: 1 });
      const sum = (n: number) => BigInt(n) * BigInt(max);
      const hour = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
      for (const range of [hour, { ...hour, from: new Date('2026-11-02T00:00:01Z') }]) {
        const rows = await store.spend({ org: 'wide', groupBy: ['model'], bucket: 'hour', ...range });
        expect(rows).toMatchObject([{ costMicros: sum(1_100), inputTokens: sum(1_100), requests: 1_100n }]);
      }
      expect(await store.voidUsage('wide', ['w1'], false)).toHaveLength(1);
      const after = await store.spend({ org: 'wide', groupBy: [], ...hour });
      expect(after).toMatchObject([{ costMicros: sum(1_099), inputTokens: sum(1_099) }]);
      // The same records all new in one write: summed by the database, past 2^63 too.
      await store.insertUsage(records.map((r) => ({ ...r, org: 'wide-new' })));
      const fresh = await store.spend({ org: 'wide-new', groupBy: [], ...hour });
      expect(fresh).toMatchObject([{ costMicros: sum(1_100), inputTokens: sum(1_100), requests: 1_100n }]);
    });

    test('a visibility limit shows only those teams and users, on the rollup and the raw table', async () => {
      const at = (h: number) => new Date(Date.UTC(2026, 10, 2, h, 0, 0));
      await store.insertUsage([
        makeRecord({ org: 'vis', id: 'v1', team: 'ml', user: 'ana', timestamp: at(1), costMicros: 1_000 }),
        makeRecord({ org: 'vis', id: 'v2', team: 'web', user: 'bo', timestamp: at(2), costMicros: 20_000 }),
        makeRecord({ org: 'vis', id: 'v3', team: null, user: 'cy', timestamp: at(3), costMicros: 300_000 }),
        makeRecord({
          org: 'vis',
          id: 'v4',
          team: 'web',
          user: 'cy',
          timestamp: at(4),
          costMicros: 4_000_000,
        }),
      ]);
      const hourly = { from: at(0), to: at(6) };
      const total = async (visibility: { teams: string[]; users: string[] }, extra = {}) => {
        const rows = await store.spend({ org: 'vis', groupBy: [], visibility, ...hourly, ...extra });
        return rows.reduce((s, r) => s + r.costMicros, 0n);
      };
      expect(await total({ teams: ['ml'], users: [] })).toBe(1_000n);
      expect(await total({ teams: ['ml'], users: ['cy'] })).toBe(4_301_000n);
      expect(await total({ teams: [], users: [] })).toBe(0n);
      // Bounds off the hour force the raw table; the limit holds there too.
      expect(await total({ teams: ['web'], users: [] }, { from: new Date(at(0).getTime() + 60_000) })).toBe(
        4_020_000n,
      );
      const teams = await store.spend({
        org: 'vis',
        groupBy: ['team'],
        visibility: { teams: ['ml'], users: [] },
      });
      expect(teams.map((r) => r.dims.team)).toEqual(['ml']);
      const page = await store.listUsage({
        org: 'vis',
        limit: 10,
        visibility: { teams: ['web'], users: [] },
      });
      expect(page.records.map((r) => r.id).sort()).toEqual(['v2', 'v4']);
    });

    test('concurrent writers each get their own counts and nothing is lost', async () => {
      const batches = Array.from({ length: 20 }, (_, i) =>
        Array.from({ length: 50 }, (_, j) => makeRecord({ org: 'conc', id: `c-${(i * 50 + j) % 600}` })),
      );
      const results = await Promise.all(batches.map((b) => store.insertUsage(b)));
      const inserted = results.reduce((s, r) => s + r.inserted, 0);
      const duplicates = results.reduce((s, r) => s + r.duplicates, 0);
      expect(inserted).toBe(600);
      expect(duplicates).toBe(400);
      expect(await store.countUsage('conc')).toBe(600);
    });

    test('records read back exactly as written', async () => {
      const r = makeRecord({
        org: 'rt',
        id: 'x1',
        endTimestamp: new Date('2026-11-02T11:00:00Z'),
        user: null,
        context: 'notebooks/churn.ipynb',
        tags: { env: 'prod', 'team.lead': 'bo' },
        cacheReadTokens: 5,
        cacheWriteTokens: 7,
        reasoningTokens: 9,
        costMicros: null,
        costKind: 'unpriced',
        currency: 'EUR',
      });
      await store.insertUsage([r]);
      const page = await store.listUsage({ org: 'rt', limit: 10 });
      expect(page.records).toEqual([r]);
    });

    test('a large batch (past the label dictionary threshold) lands whole, labels intact', async () => {
      const records = Array.from({ length: 2500 }, (_, i) =>
        makeRecord({
          org: 'big',
          id: `g${i}`,
          user: `u${i % 7}`,
          context: i % 3 ? null : `ctx-${i}`,
          costMicros: 10,
        }),
      );
      expect(await store.insertUsage([...records, ...records.slice(0, 10)])).toEqual({
        inserted: 2500,
        duplicates: 10,
      });
      const byUser = await store.spend({ org: 'big', groupBy: ['user'] });
      expect(byUser).toHaveLength(7);
      expect(byUser.reduce((sum, r) => sum + r.costMicros, 0n)).toBe(25_000n);
      const page = await store.listUsage({ org: 'big', limit: 1, dimensions: { context: ['ctx-9'] } });
      expect(page.records[0]).toEqual(records[9]);
    });

    test('a large write and a bulk load in parts sum each hour as the raw table does', async () => {
      // Times on, just before and just after hour boundaries, across the Unix epoch too.
      const times = [
        '1969-12-31T22:59:59.999Z',
        '1969-12-31T23:00:00.000Z',
        '1969-12-31T23:59:59.999Z',
        '1970-01-01T00:00:00.000Z',
        '1970-01-01T00:30:00.000Z',
        '1970-01-01T01:59:59.999Z',
      ].map((t) => new Date(t));
      const records = (org: string) =>
        Array.from({ length: 2_400 }, (_, i) =>
          makeRecord({
            org,
            id: `h${i}`,
            timestamp: times[i % times.length],
            model: i % 4 ? 'gpt-4o' : 'mystery',
            user: i % 5 ? `u${i % 3}` : null,
            team: i % 7 ? 'platform' : null,
            apiKey: i % 11 ? 'key_1' : null,
            costMicros: i % 4 ? 1_000 + i : null,
            costKind: i % 4 ? 'estimated' : 'unpriced',
            inputTokens: i,
            requests: 1 + (i % 3),
            tags: { env: 'prod' },
          }),
        );
      const range = { from: new Date('1969-12-31T22:00:00Z'), to: new Date('1970-01-01T02:00:00Z') };
      const byHour = async (org: string) => {
        const groupBy: GroupKey[] = ['model', 'user', 'team', 'apiKey', 'costKind'];
        const query = { org, ...range, groupBy };
        const key = (r: SpendRow) => `${r.bucket?.toISOString()}|${JSON.stringify(r.dims)}`;
        const sort = (rows: SpendRow[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
        const viaRollup = sort(await store.spend({ ...query, bucket: 'hour' }));
        const viaRaw = sort(await store.spend({ ...query, bucket: 'hour', tags: { env: ['prod'] } }));
        expect(viaRollup).toEqual(viaRaw);
        return viaRollup;
      };
      expect(await store.insertUsage(records('roll-one'))).toEqual({ inserted: 2_400, duplicates: 0 });
      const written = await byHour('roll-one');
      expect(new Set(written.map((r) => r.bucket?.toISOString()))).toEqual(
        new Set([
          '1969-12-31T22:00:00.000Z',
          '1969-12-31T23:00:00.000Z',
          '1970-01-01T00:00:00.000Z',
          '1970-01-01T01:00:00.000Z',
        ]),
      );
      expect(written.reduce((s, r) => s + r.unpricedRequests, 0n)).toBe(1_200n);

      // In parts of 700 written 1,000 at a time: repeats within a part, across parts, across writes.
      const parts = records('roll-bulk');
      const bulk = await store.bulkInsert({ rowsPerWrite: 1_000 });
      await bulk.add([...parts.slice(0, 700), parts[3]!]);
      await bulk.add([...parts.slice(700, 1_400), parts[5]!]);
      await store.insertUsage(parts.slice(2_300, 2_310));
      await bulk.add([...parts.slice(1_400, 2_400), parts[1_200]!]);
      expect(await bulk.finish()).toEqual({ inserted: 2_390, duplicates: 13 });
      const strip = (rows: SpendRow[]) => rows.map((r) => ({ ...r }));
      expect(strip(await byHour('roll-bulk'))).toEqual(strip(written));
      // The same load again adds nothing and leaves the sums alone.
      const again = await store.bulkInsert({ rowsPerWrite: 1_000 });
      await again.add(parts);
      expect(await again.finish()).toEqual({ inserted: 0, duplicates: 2_400 });
      expect(strip(await byHour('roll-bulk'))).toEqual(strip(written));
      expect(await store.countUsage('roll-bulk')).toBe(2_400);
    });

    test('a bulk load with sums past 2^63 in one hour keeps them exact', async () => {
      const max = Number.MAX_SAFE_INTEGER;
      const at = new Date('2026-11-02T10:00:00Z');
      const bulk = await store.bulkInsert({ rowsPerWrite: 1_500 });
      for (let p = 0; p < 3; p++)
        await bulk.add(
          Array.from({ length: 1_000 }, (_, i) =>
            makeRecord({
              org: 'bulk-wide',
              id: `b${p}-${i}`,
              timestamp: at,
              costMicros: max,
              inputTokens: max,
            }),
          ),
        );
      expect(await bulk.finish()).toEqual({ inserted: 3_000, duplicates: 0 });
      const hour = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
      const sum = 3_000n * BigInt(max);
      for (const range of [hour, { ...hour, from: new Date('2026-11-02T00:00:01Z') }])
        expect(await store.spend({ org: 'bulk-wide', groupBy: [], ...range })).toMatchObject([
          { costMicros: sum, inputTokens: sum, requests: 3_000n },
        ]);
    });

    test('every query is scoped to its org', async () => {
      await store.insertUsage([
        makeRecord({ org: 'org-a', id: 'same' }),
        makeRecord({ org: 'org-b', id: 'same' }),
      ]);
      expect(await store.countUsage('org-a')).toBe(1);
      expect((await store.listUsage({ org: 'org-b', limit: 10 })).records.map((r) => r.org)).toEqual([
        'org-b',
      ]);
    });

    test('pages by cursor in time order without gaps or repeats', async () => {
      const records = Array.from({ length: 25 }, (_, i) =>
        makeRecord({ org: 'page', id: `p${i}`, timestamp: new Date(Date.UTC(2026, 10, 1, 0, i % 10)) }),
      );
      await store.insertUsage(records);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listUsage({ org: 'page', limit: 7, cursor });
        seen.push(...page.records.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      const scanned = [];
      for await (const batch of store.scanUsage({ org: 'page' }, 10)) scanned.push(...batch);
      expect(scanned).toHaveLength(25);
    });

    test('filters by dimension, unset dimension and tag', async () => {
      await store.insertUsage([
        makeRecord({ org: 'flt', id: '1', model: 'gpt-4o', team: 'a', tags: { env: 'prod' } }),
        makeRecord({ org: 'flt', id: '2', model: 'gpt-5', team: null, tags: { env: 'dev' } }),
        makeRecord({ org: 'flt', id: '3', model: 'gpt-5', team: 'b', tags: {} }),
      ]);
      const ids = async (filter: object) =>
        (await store.listUsage({ org: 'flt', limit: 10, ...filter })).records.map((r) => r.id).sort();
      expect(await ids({ dimensions: { model: ['gpt-5'] } })).toEqual(['2', '3']);
      expect(await ids({ dimensions: { team: [null, 'a'] } })).toEqual(['1', '2']);
      expect(await ids({ tags: { env: ['prod'] } })).toEqual(['1']);
      const spend = await store.spend({ org: 'flt', groupBy: ['team'], dimensions: { team: [null] } });
      expect(spend.map((r) => r.dims.team)).toEqual([null]);
    });

    test('spend groups and buckets exactly, the same through the rollup and the raw table', async () => {
      const base = Date.UTC(2026, 9, 1);
      const records = Array.from({ length: 240 }, (_, i) =>
        makeRecord({
          org: 'sp',
          id: `s${i}`,
          timestamp: new Date(base + i * 3_600_000 + 17_000),
          model: i % 3 === 0 ? 'claude-sonnet-4-5' : 'gpt-4o',
          user: i % 2 ? 'ana' : 'bo',
          costMicros: 1_000_001 + i,
          inputTokens: 10 + i,
          tags: { env: i % 2 ? 'prod' : 'dev' },
        }),
      );
      await store.insertUsage(records);
      const from = new Date(base);
      const to = new Date(base + 10 * 86_400_000);
      const viaRollup = await store.spend({
        org: 'sp',
        from,
        to,
        groupBy: ['model'],
        bucket: 'day',
        tz: 'UTC',
      });
      // A tag filter that matches everything forces the raw table.
      const viaRaw = await store.spend({
        org: 'sp',
        from,
        to,
        groupBy: ['model'],
        bucket: 'day',
        tz: 'UTC',
        tags: { env: ['prod', 'dev'] },
      });
      const key = (r: { bucket: Date | null; dims: Record<string, unknown> }) =>
        `${r.bucket?.toISOString()}|${r.dims.model}`;
      const sort = (rows: typeof viaRaw) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sort(viaRollup)).toEqual(sort(viaRaw));
      expect(viaRollup).toHaveLength(20);
      const total = viaRollup.reduce((s, r) => s + r.costMicros, 0n);
      expect(total).toBe(BigInt(240 * 1_000_001 + (239 * 240) / 2));
      const byContext = await store.spend({
        org: 'sp',
        from,
        to,
        groupBy: ['context'],
        dimensions: { model: ['gpt-4o'] },
      });
      expect(byContext).toMatchObject([{ dims: { context: null }, requests: 160n }]);
      const byTag = await store.spend({ org: 'sp', groupBy: ['tag:env'] });
      expect(byTag.map((r) => r.dims['tag:env']).sort()).toEqual(['dev', 'prod']);
    });

    test('buckets UTC hours, days, Monday weeks and months, before the epoch too', async () => {
      const at = [
        '1969-12-28T23:59:59.999Z', // a Sunday: the week of Monday 1969-12-22
        '1969-12-29T00:00:00.000Z', // the Monday the epoch's week starts on
        '1970-01-01T00:00:00.000Z',
        '2026-11-29T23:59:59.999Z', // a Sunday
        '2026-11-30T00:00:00.000Z', // a Monday
        '2026-12-01T00:30:00.000Z',
      ];
      await store.insertUsage(
        at.map((t, i) =>
          makeRecord({
            org: 'buckets',
            id: `k${i}`,
            timestamp: new Date(t),
            costMicros: 10 ** i,
            tags: { env: 't' },
          }),
        ),
      );
      const buckets = async (bucket: 'hour' | 'day' | 'week' | 'month') => {
        const byBucket = (rows: SpendRow[]) =>
          Object.fromEntries(
            rows
              .map((r) => [r.bucket?.toISOString(), Number(r.costMicros)] as const)
              .sort(([a], [b]) => String(a).localeCompare(String(b))),
          );
        const rows = byBucket(await store.spend({ org: 'buckets', groupBy: [], bucket }));
        // A tag filter forces the raw table; the answer must not change.
        const tags = { env: ['t'] };
        expect(byBucket(await store.spend({ org: 'buckets', groupBy: [], bucket, tags }))).toEqual(rows);
        return rows;
      };
      expect(await buckets('week')).toEqual({
        '1969-12-22T00:00:00.000Z': 1,
        '1969-12-29T00:00:00.000Z': 110,
        '2026-11-23T00:00:00.000Z': 1_000,
        '2026-11-30T00:00:00.000Z': 110_000,
      });
      expect(await buckets('day')).toEqual({
        '1969-12-28T00:00:00.000Z': 1,
        '1969-12-29T00:00:00.000Z': 10,
        '1970-01-01T00:00:00.000Z': 100,
        '2026-11-29T00:00:00.000Z': 1_000,
        '2026-11-30T00:00:00.000Z': 10_000,
        '2026-12-01T00:00:00.000Z': 100_000,
      });
      expect(await buckets('hour')).toMatchObject({
        '1969-12-28T23:00:00.000Z': 1,
        '2026-11-29T23:00:00.000Z': 1_000,
        '2026-12-01T00:00:00.000Z': 100_000,
      });
      expect(await buckets('month')).toEqual({
        '1969-12-01T00:00:00.000Z': 11,
        '1970-01-01T00:00:00.000Z': 100,
        '2026-11-01T00:00:00.000Z': 11_000,
        '2026-12-01T00:00:00.000Z': 100_000,
      });
    });

    test('buckets days in the requested time zone', async () => {
      await store.insertUsage([
        makeRecord({ org: 'tz', id: '1', timestamp: new Date('2026-11-02T03:00:00Z') }),
        makeRecord({ org: 'tz', id: '2', timestamp: new Date('2026-11-02T06:00:00Z') }),
      ]);
      const utc = await store.spend({ org: 'tz', groupBy: [], bucket: 'day', tz: 'UTC' });
      expect(utc).toHaveLength(1);
      const ny = await store.spend({ org: 'tz', groupBy: [], bucket: 'day', tz: 'America/New_York' });
      expect(ny.map((r) => r.bucket?.toISOString()).sort()).toEqual([
        '2026-11-01T04:00:00.000Z',
        '2026-11-02T05:00:00.000Z',
      ]);
      const kolkata = await store.spend({ org: 'tz', groupBy: [], bucket: 'day', tz: 'Asia/Kolkata' });
      expect(kolkata.map((r) => r.bucket?.toISOString())).toEqual(['2026-11-01T18:30:00.000Z']);
    });

    test('lists unpriced models and re-prices records, keeping rollups in step', async () => {
      await store.insertUsage([
        makeRecord({
          org: 'rp',
          id: '1',
          model: 'mystery-1',
          costMicros: null,
          costKind: 'unpriced',
          requests: 2,
        }),
        makeRecord({ org: 'rp', id: '2', model: 'mystery-1', costMicros: null, costKind: 'unpriced' }),
        makeRecord({ org: 'rp', id: '3', model: 'gpt-4o', costMicros: 100, costKind: 'billed' }),
      ]);
      const unpriced = await store.unpricedModels('rp');
      expect(unpriced).toMatchObject([{ provider: 'openai', model: 'mystery-1', records: 2, requests: 3n }]);
      const before = await store.spend({ org: 'rp', groupBy: [] });
      expect(before[0]).toMatchObject({ costMicros: 100n, unpricedRequests: 3n });
      const changed = await store.updateCosts('rp', [
        { id: '1', costMicros: 5_000, currency: 'USD', costKind: 'estimated' },
        { id: '2', costMicros: 7_000, currency: 'USD', costKind: 'estimated' },
      ]);
      expect(changed).toBe(2);
      expect(await store.unpricedModels('rp')).toEqual([]);
      const after = await store.spend({ org: 'rp', groupBy: ['costKind'] });
      const byKind = Object.fromEntries(after.map((r) => [r.dims.costKind, r.costMicros]));
      expect(byKind).toEqual({ billed: 100n, estimated: 12_000n });
    });

    test('keeps audit entries, price overrides and token hashes', async () => {
      await store.addAudit({
        org: 'adm',
        at: new Date('2026-11-01T00:00:00Z'),
        actor: 'cli',
        action: 'reprice',
        detail: { n: 2 },
      });
      expect(await store.listAudit('adm', 5)).toMatchObject([{ action: 'reprice', detail: { n: 2 } }]);
      const override = {
        org: 'adm',
        provider: 'openai',
        model: 'gpt-x',
        effectiveFrom: '2026-01-01',
        entry: { input: '1.5' },
        updatedAt: new Date('2026-11-01T00:00:00Z'),
      };
      await store.putPriceOverride(override);
      await store.putPriceOverride({ ...override, entry: { input: '2' } });
      expect(await store.listPriceOverrides('adm')).toEqual([{ ...override, entry: { input: '2' } }]);
      expect(await store.deletePriceOverride('adm', 'openai', 'gpt-x', '2026-01-01')).toBe(true);
      expect(await store.listPriceOverrides('adm')).toEqual([]);
      await store.putToken('adm', 'hash-1', 'admin');
      expect(await store.findToken('hash-1')).toEqual({ org: 'adm', label: 'admin' });
      expect(await store.findToken('hash-2')).toBeNull();
      expect(await store.countTokens()).toBeGreaterThan(0);
      await store.ping();
    });

    test('upserts anomalies, keeping the status a user set, and lists them by period', async () => {
      const at = new Date('2026-11-05T08:00:00Z');
      const a = anomaly({ id: 'a1', periodStart: new Date('2026-11-02T00:00:00Z') });
      const b = anomaly({ id: 'b1', periodStart: new Date('2026-11-04T00:00:00Z'), kind: 'intraday' });
      await store.upsertAnomalies([a, b, anomaly({ org: 'other', id: 'a1' })]);
      expect(await store.listAnomalies({ org: 'anom', limit: 10 })).toEqual([b, a]);
      const acked = await store.setAnomalyStatus('anom', 'a1', {
        status: 'acknowledged',
        at,
        by: 'token:admin',
        mutedUntil: null,
      });
      expect(acked).toMatchObject({
        id: 'a1',
        status: 'acknowledged',
        statusAt: at,
        statusBy: 'token:admin',
      });
      expect(
        await store.setAnomalyStatus('anom', 'nope', { status: 'muted', at, by: 'x', mutedUntil: at }),
      ).toBeNull();
      const grown = {
        ...a,
        periodEnd: new Date('2026-11-04T00:00:00Z'),
        actualMicros: 99_000_000,
        drivers: [{ dimension: 'model', value: 'm', delta: '1.5' }],
      };
      await store.upsertAnomalies([grown]);
      const [stored] = await store.listAnomalies({ org: 'anom', kinds: ['daily'], limit: 10 });
      expect(stored).toEqual({ ...grown, status: 'acknowledged', statusAt: at, statusBy: 'token:admin' });
      const window = { from: new Date('2026-11-03T12:00:00Z'), to: new Date('2026-11-04T12:00:00Z') };
      expect((await store.listAnomalies({ org: 'anom', ...window, limit: 10 })).map((x) => x.id)).toEqual([
        'b1',
        'a1',
      ]);
      expect(
        (await store.listAnomalies({ org: 'anom', statuses: ['open'], limit: 10 })).map((x) => x.id),
      ).toEqual(['b1']);
      expect(await store.listAnomalies({ org: 'anom', limit: 1 })).toHaveLength(1);
    });
  });
}

function anomaly(over: Partial<StoredAnomaly> = {}): StoredAnomaly {
  const start = over.periodStart ?? new Date('2026-11-02T00:00:00Z');
  return {
    org: 'anom',
    id: 'a',
    kind: 'daily',
    scopeDimension: 'project',
    scopeValue: 'search',
    periodStart: start,
    periodEnd: new Date(start.getTime() + 86_400_000),
    currency: 'USD',
    actualMicros: 12_500_000,
    expectedMicros: 4_000_000,
    lowerMicros: 2_000_000,
    upperMicros: 6_000_000,
    severity: 'high',
    sustained: false,
    drivers: [{ dimension: 'model', value: 'gpt-5', delta: '8.000000' }],
    description: 'project search spent $12.50',
    status: 'open',
    mutedUntil: null,
    statusAt: null,
    statusBy: null,
    createdAt: new Date('2026-11-03T01:00:00Z'),
    updatedAt: new Date('2026-11-03T01:00:00Z'),
    historical: false,
    ...over,
  };
}
