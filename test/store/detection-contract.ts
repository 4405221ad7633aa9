import { expect } from 'vitest';
import type { Store } from '../../src/store/types.ts';
import { makeRecord } from '../helpers/records.ts';
import { storeSuite } from './suite.ts';

const at = (iso: string) => new Date(iso);

/** The detection watermark and the fine-grained spend read: the same behaviour on every engine. */
export function runDetectionContract(name: string, open: () => Promise<Store | null>): void {
  storeSuite(`store contract (detection): ${name}`, open, (store, test) => {
    test('every insert moves the mark back to the earliest timestamp written, never forward', async () => {
      expect(await store.getDetectionMark('dm')).toBeNull();
      await store.insertUsage([makeRecord({ org: 'dm', id: 'a', timestamp: at('2026-11-10T09:00:00Z') })]);
      expect(await store.getDetectionMark('dm')).toEqual({
        examinedFrom: null,
        examinedAt: null,
        writtenFrom: at('2026-11-10T09:00:00Z'),
      });
      await store.insertUsage([makeRecord({ org: 'dm', id: 'b', timestamp: at('2026-11-12T09:00:00Z') })]);
      expect((await store.getDetectionMark('dm'))?.writtenFrom).toEqual(at('2026-11-10T09:00:00Z'));
      // A late record for an old day: the next run must go back to it.
      await store.insertUsage([
        makeRecord({ org: 'dm', id: 'c', timestamp: at('2026-08-01T00:00:00Z') }),
        makeRecord({ org: 'dm-other', id: 'c', timestamp: at('2026-07-01T00:00:00Z') }),
      ]);
      expect((await store.getDetectionMark('dm'))?.writtenFrom).toEqual(at('2026-08-01T00:00:00Z'));
      expect((await store.getDetectionMark('dm-other'))?.writtenFrom).toEqual(at('2026-07-01T00:00:00Z'));
    });

    test('a run takes the mark it saw; a write during the run marks again; a stale take clears nothing', async () => {
      const seen = at('2026-11-10T09:00:00Z');
      await store.insertUsage([makeRecord({ org: 'dt', id: 'a', timestamp: seen })]);
      await store.takeWritten('dt', seen);
      expect((await store.getDetectionMark('dt'))?.writtenFrom).toBeNull();
      // A record arriving during the run, for a later moment than the one taken.
      await store.insertUsage([makeRecord({ org: 'dt', id: 'b', timestamp: at('2026-11-11T09:00:00Z') })]);
      expect((await store.getDetectionMark('dt'))?.writtenFrom).toEqual(at('2026-11-11T09:00:00Z'));
      await store.takeWritten('dt', seen);
      expect((await store.getDetectionMark('dt'))?.writtenFrom).toEqual(at('2026-11-11T09:00:00Z'));
      // A duplicate still marks: a retry after a failed mark must not be lost.
      await store.takeWritten('dt', at('2026-11-11T09:00:00Z'));
      await store.insertUsage([makeRecord({ org: 'dt', id: 'b', timestamp: at('2026-11-11T09:00:00Z') })]);
      expect((await store.getDetectionMark('dt'))?.writtenFrom).toEqual(at('2026-11-11T09:00:00Z'));
    });

    test('putExamined records what a run examined and leaves the written mark alone', async () => {
      await store.putExamined('de', { from: at('2025-10-01T00:00:00Z'), at: at('2026-11-20T12:00:00Z') });
      expect(await store.getDetectionMark('de')).toEqual({
        examinedFrom: at('2025-10-01T00:00:00Z'),
        examinedAt: at('2026-11-20T12:00:00Z'),
        writtenFrom: null,
      });
      await store.insertUsage([makeRecord({ org: 'de', id: 'a', timestamp: at('2026-11-20T13:00:00Z') })]);
      await store.putExamined('de', { from: at('2025-09-01T00:00:00Z'), at: at('2026-11-20T14:00:00Z') });
      expect(await store.getDetectionMark('de')).toEqual({
        examinedFrom: at('2025-09-01T00:00:00Z'),
        examinedAt: at('2026-11-20T14:00:00Z'),
        writtenFrom: at('2026-11-20T13:00:00Z'),
      });
    });

    test('replacing, re-pricing and voiding mark the earliest record they touched; a dry run does not', async () => {
      const old = at('2026-10-05T08:00:00Z');
      const recent = at('2026-11-15T08:00:00Z');
      await store.insertUsage([
        makeRecord({ org: 'dw', id: 'old', timestamp: old }),
        makeRecord({ org: 'dw', id: 'recent', timestamp: recent }),
      ]);
      const clear = async () => {
        const mark = await store.getDetectionMark('dw');
        if (mark?.writtenFrom) await store.takeWritten('dw', mark.writtenFrom);
        expect((await store.getDetectionMark('dw'))?.writtenFrom).toBeNull();
      };
      await clear();
      await store.replaceUsage('dw', [
        makeRecord({ org: 'dw', id: 'recent', timestamp: recent, project: 'x' }),
      ]);
      expect((await store.getDetectionMark('dw'))?.writtenFrom).toEqual(recent);
      await clear();
      await store.updateCosts('dw', [
        { id: 'old', costMicros: 9_000, currency: 'USD', costKind: 'estimated' },
      ]);
      expect((await store.getDetectionMark('dw'))?.writtenFrom).toEqual(old);
      await clear();
      await store.voidUsage('dw', ['old'], true);
      expect((await store.getDetectionMark('dw'))?.writtenFrom).toBeNull();
      await store.voidUsage('dw', ['old'], false);
      expect((await store.getDetectionMark('dw'))?.writtenFrom).toEqual(old);
    });

    test('fineSpend sums per-call records by minute and value, and leaves hourly buckets out', async () => {
      const minute = (m: number, s = 0) => new Date(Date.UTC(2026, 10, 20, 13, m, s));
      await store.insertUsage([
        makeRecord({ org: 'df', id: 'a', timestamp: minute(0, 5), user: 'dev', costMicros: 1_000 }),
        makeRecord({ org: 'df', id: 'b', timestamp: minute(0, 59), user: 'dev', costMicros: 2_000 }),
        makeRecord({ org: 'df', id: 'c', timestamp: minute(1), user: 'dev', costMicros: 4_000 }),
        makeRecord({ org: 'df', id: 'd', timestamp: minute(1, 30), user: 'ana', costMicros: 8_000 }),
        // A provider's hourly bucket: not fine data, whatever its minute.
        makeRecord({
          org: 'df',
          id: 'bucket',
          timestamp: minute(0),
          endTimestamp: minute(60),
          user: 'dev',
          costMicros: 1_000_000,
        }),
        // Outside the window asked.
        makeRecord({ org: 'df', id: 'late', timestamp: minute(5), user: 'dev', costMicros: 16_000 }),
      ]);
      const rows = await store.fineSpend({
        org: 'df',
        from: minute(0),
        to: minute(5),
        slotSeconds: 60,
        dimension: 'user',
        values: ['dev', 'ana'],
      });
      const seen = rows
        .map((r) => [r.slot.toISOString(), r.value, r.costMicros] as const)
        .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
      expect(seen).toEqual([
        ['2026-11-20T13:00:00.000Z', 'dev', 3_000n],
        ['2026-11-20T13:01:00.000Z', 'ana', 8_000n],
        ['2026-11-20T13:01:00.000Z', 'dev', 4_000n],
      ]);
      const org = await store.fineSpend({ org: 'df', from: minute(0), to: minute(5), slotSeconds: 600 });
      expect(org.map((r) => [r.slot.toISOString(), r.value, r.costMicros])).toEqual([
        ['2026-11-20T13:00:00.000Z', null, 15_000n],
      ]);
    });
  });
}
