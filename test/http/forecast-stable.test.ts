import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/lib/time.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

// A weekday rhythm from 1 October to Friday 2026-11-20, $5 at a quarter past each working hour; the
// clock starts at 15:30, a quarter of an hour after today's last record.
const FIRST_DAY = Date.parse('2026-10-01T00:00:00Z');
const START = Date.parse('2026-11-20T15:30:00Z');

function ledger() {
  const out: Record<string, unknown>[] = [];
  for (let day = FIRST_DAY; day < START; day += DAY_MS) {
    if ([0, 6].includes(new Date(day).getUTCDay())) continue;
    for (let h = 9; h < 18; h++) {
      const at = day + h * HOUR_MS + 15 * 60_000;
      if (at >= START) break;
      out.push(record(`r${out.length}`, at, '5.00'));
    }
  }
  return out;
}
const record = (id: string, at: number, cost: string) => ({
  id,
  timestamp: new Date(at).toISOString(),
  provider: 'openai',
  model: 'gpt-4.1',
  user: 'ana',
  project: 'search',
  cost,
  inputTokens: 1000,
  outputTokens: 100,
});

interface Forecast {
  actualToDate: string;
  projected: { p10: string; p50: string; p90: string };
  projectedOverrunDate: string | null;
}

const engines = await testEngines('the forecast API on PostgreSQL');

describe.each(engines)('a month-end forecast that moves only with the data, on %s', (engine) => {
  let t: TestApp;
  let clock = START;
  const forecast = async (query = '') => {
    const res = await t.app.inject({ url: `/api/v1/forecast?budget=1500${query}`, headers: t.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json<Forecast>();
    return { actualToDate: body.actualToDate, projected: body.projected, overrun: body.projectedOverrunDate };
  };
  const ingest = async (records: unknown[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: records,
    });
    expect(res.json()).toMatchObject({ accepted: records.length });
  };

  beforeAll(async () => {
    t = await startTestApp({}, () => new Date(clock), engine);
    await ingest(ledger());
  });
  afterAll(() => t?.close());

  it('gives the same projection minute after minute while no record comes', async () => {
    const first = await forecast();
    for (const later of [1, 14, 29]) {
      clock = START + later * 60_000;
      expect(await forecast()).toEqual(first);
    }
    // and for a scope the same
    clock = START;
    const scoped = await forecast('&project=search');
    clock = START + 20 * 60_000;
    expect(await forecast('&project=search')).toEqual(scoped);
  });

  it('moves when a record lands, then holds again at the new figure', async () => {
    clock = START + 29 * 60_000;
    const before = await forecast();
    await ingest([record('late', START + 20 * 60_000, '40.00')]);
    const after = await forecast();
    expect(Number(after.actualToDate) - Number(before.actualToDate)).toBeCloseTo(40, 6);
    expect(after.projected.p50).not.toBe(before.projected.p50);
    expect(Number(after.projected.p50)).toBeGreaterThan(Number(before.projected.p50));
    clock = START + 55 * 60_000;
    expect(await forecast()).toEqual(after);
  });

  it('ignores a record stamped after now until its time comes', async () => {
    clock = START + 60 * 60_000;
    const before = await forecast();
    await ingest([record('ahead', START + 3 * HOUR_MS, '0.01')]);
    expect((await forecast()).actualToDate).toBe(before.actualToDate);
  });
});
