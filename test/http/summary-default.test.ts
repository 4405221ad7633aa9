import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportData } from '../../src/present/cli/commands/report.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// Monday 2026-12-07, 10:20 UTC. "30 days" is today and the 29 whole days before it: from 8 November,
// ending at the next full hour. "Last month" is November, compared with the whole of October.
const NOW = new Date('2026-12-07T10:20:00Z');

/** [timestamp, cost]: each boundary of the two periods with a record on either side of it. */
const RECORDS: [string, string][] = [
  ['2026-09-30T23:59:59Z', '1000.000000'], // before October
  ['2026-10-01T00:00:00Z', '1.000001'], // October's first instant
  ['2026-10-02T12:00:00Z', '2.000000'],
  ['2026-10-31T23:59:59Z', '4.000000'], // October's last second
  ['2026-11-01T00:00:00Z', '8.000000'], // November's first instant
  ['2026-11-07T23:59:59Z', '16.000000'], // the day before the 30 days
  ['2026-11-08T00:00:00Z', '32.000000'], // their first instant
  ['2026-11-30T23:59:59Z', '64.000000'],
  ['2026-12-01T00:00:00Z', '128.000000'],
  ['2026-12-07T10:05:00Z', '0.000256'], // today, before now
];
const sum = (from: string, to: string) => {
  const micros = RECORDS.filter(([at]) => at >= from && at < to).reduce(
    (s, [, cost]) => s + BigInt(cost.replace('.', '')),
    0n,
  );
  return `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;
};

interface Summary {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  totalCost: string;
  previousCost: string;
}

describe('one definition of each period in the API and the CLI', () => {
  let t: TestApp;
  const summary = async (query: string) => {
    const res = await t.app.inject({ url: `/api/v1/summary${query}`, headers: t.auth });
    expect(res.statusCode).toBe(200);
    return res.json<Summary>();
  };

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    const payload = RECORDS.map(([timestamp, cost], i) => ({
      id: `p${i}`,
      timestamp,
      provider: 'openai',
      model: 'gpt-4.1',
      cost,
      inputTokens: 10,
      outputTokens: 10,
    }));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/usage', headers: t.auth, payload });
    expect(res.json()).toMatchObject({ accepted: RECORDS.length });
  });
  afterAll(() => t?.close());

  it("makes the summary's default the same 30 days as period=30d and the CLI's plain report", async () => {
    const plain = await summary('');
    const named = await summary('?period=30d');
    const cli = await reportData({ ctx: t.ctx }, { tz: 'UTC' }, NOW);
    if (cli.kind !== 'summary') throw new Error('a plain report is a summary');
    expect(plain.from).toBe('2026-11-08T00:00:00.000Z');
    expect(plain.to).toBe('2026-12-07T11:00:00.000Z');
    expect(plain.totalCost).toBe(sum('2026-11-08T00:00:00Z', '2026-12-07T11:00:00Z'));
    expect(plain.totalCost).toBe('224.000256');
    expect(named).toEqual(plain);
    expect(cli.totalCost).toBe(plain.totalCost);
  });

  it('compares last month with the whole month before it, to the second', async () => {
    const last = await summary('?period=last-month');
    expect([last.from, last.to]).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect([last.previousFrom, last.previousTo]).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ]);
    expect(last.totalCost).toBe('120.000000');
    expect(last.previousCost).toBe('7.000001');
    const cli = await reportData({ ctx: t.ctx }, { tz: 'UTC', period: 'last-month' }, NOW);
    if (cli.kind !== 'summary') throw new Error('a period report is a summary');
    expect(cli.totalCost).toBe(last.totalCost);
  });
});
