import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinishedCall } from '../../src/gateway/record.ts';
import { createCallRecorder } from '../../src/gateway/recorder.ts';
import { NO_USAGE } from '../../src/gateway/usage.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// The gateway's records are written in groups, spaced so the store's cost per write is shared; a call
// holding a budget reservation never waits for the spacing, nor does whoever waits for the records.

let t: TestApp;
/** The writes the store was asked for, as the number of records in each. */
let writes: number[];
const INTERVAL = 4_000;

beforeAll(async () => {
  t = await startTestApp();
  const gateway = t.ctx.gateway;
  const recordCalls = gateway.recordCalls.bind(gateway);
  gateway.recordCalls = (records, settle) => {
    writes.push(records.length);
    return recordCalls(records, settle);
  };
});
afterAll(() => t?.close());

let n = 0;
const call = (): FinishedCall => ({
  org: t.ctx.config.org,
  fallbackId: `gw_recorder_${++n}`,
  startedAt: new Date('2026-12-07T10:00:00Z'),
  endedAt: new Date('2026-12-07T10:00:01Z'),
  provider: 'openai',
  service: 'chat',
  requestModel: 'gpt-4o',
  scope: { tags: {} },
  usage: { ...NO_USAGE, id: `chatcmpl-recorder-${n}`, inputTokens: 10, outputTokens: 5, reported: true },
});

describe('the gateway’s records', () => {
  it('go at once after a quiet spell, then together once the interval since the last write has passed', async () => {
    writes = [];
    const recorder = createCallRecorder(t.ctx, () => undefined, 300);
    const t0 = performance.now();
    await recorder.add(call(), null);
    expect(performance.now() - t0).toBeLessThan(300);
    const later = [recorder.add(call(), null), recorder.add(call(), null), recorder.add(call(), null)];
    await Promise.all(later);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(299);
    expect(writes).toEqual([1, 3]);
  });

  it('holding a reservation, go at once, with those waiting', async () => {
    writes = [];
    const recorder = createCallRecorder(t.ctx, () => undefined, INTERVAL);
    await recorder.add(call(), null);
    const t0 = performance.now();
    const waiting = recorder.add(call(), null);
    await Promise.all([waiting, recorder.add(call(), 'gw_reservation_1')]);
    expect(performance.now() - t0).toBeLessThan(INTERVAL / 2);
    expect(writes).toEqual([1, 2]);
  });

  it('go at once while someone waits for them, and are spaced again after', async () => {
    writes = [];
    const recorder = createCallRecorder(t.ctx, () => undefined, INTERVAL);
    await recorder.add(call(), null);
    const t0 = performance.now();
    const waiting = recorder.add(call(), null);
    const release = recorder.hurry();
    await waiting;
    await recorder.add(call(), null);
    await recorder.idle();
    expect(performance.now() - t0).toBeLessThan(INTERVAL / 2);
    release();
    const spaced = recorder.add(call(), null);
    const first = await Promise.race([
      spaced.then(() => 'written'),
      new Promise((r) => setTimeout(r, 200, 'waiting')),
    ]);
    expect(first).toBe('waiting');
    recorder.hurry();
    await spaced;
    expect(writes).toEqual([1, 1, 1, 1]);
  });
});
