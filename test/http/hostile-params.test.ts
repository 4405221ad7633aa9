import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

// why: each of these once broke, or could break, the JSON path a tag filter is built into.
const KEYS = ['a"b', "a'b", 'a\\b', 'a.b', '$x', '$', 'a[0]', '[', 'a b', 'ünï😀', '*', 'a~b', 'a/b', '"'];

const engines = await testEngines('the HTTP API on PostgreSQL');

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe.each(engines)('hostile tag keys and cursors on %s', (engine) => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.auth });
  const period = 'from=2026-11-01&to=2026-11-03';

  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
    const records = KEYS.map((key, i) => ({
      id: `k${i}`,
      timestamp: `2026-11-02T10:00:0${i % 10}Z`,
      provider: 'openai',
      model: 'gpt-4o',
      cost: '1.00',
      tags: { [key]: 'yes' },
    }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: records,
    });
    expect(res.json().accepted).toBe(KEYS.length);
  });
  afterAll(() => t.close());

  it.each(KEYS)('filters, groups and exports by the tag key %j', async (key) => {
    const tag = `tag.${encodeURIComponent(key)}=yes`;
    const usage = await get(`/api/v1/usage?${period}&${tag}`);
    expect(usage.statusCode).toBe(200);
    expect(usage.json().records.map((r: { id: string }) => r.id)).toEqual([`k${KEYS.indexOf(key)}`]);
    const summary = await get(`/api/v1/summary?${period}&${tag}`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().totalCost).toBe('1.000000');
    // why: groupBy takes tag keys of letters, digits and _ . - / only (a comma list cannot carry more).
    const spend = await get(`/api/v1/spend?${period}&groupBy=${encodeURIComponent(`tag:${key}`)}`);
    if (/^[\w./-]+$/.test(key)) {
      expect(spend.statusCode).toBe(200);
      const rows = spend.json().rows as Record<string, unknown>[];
      expect(rows.filter((r) => r[`tag:${key}`] === 'yes')).toHaveLength(1);
    } else expect(spend.statusCode).toBe(400);
    const focus = await get(`/api/v1/export/focus?${period}&${tag}`);
    expect(focus.statusCode).toBe(200);
    expect(focus.body.trim().split('\r\n')).toHaveLength(2);
  });

  it.each([
    ['an out-of-range timestamp', cursorOf('+275760-09-13T00:00:00.000Z|x')],
    ['a year past 9999', cursorOf('+010000-01-01T00:00:00.000Z|x')],
    ['a negative year', cursorOf('-000001-01-01T00:00:00.000Z|x')],
    ['a date that is not ISO', cursorOf('Tue Nov 03 2026|x')],
    ['garbage base64', '!!!not-base64$$$'],
    ['base64 of nothing useful', cursorOf('no bar here')],
    ['a NUL in the id', cursorOf('2026-11-02T10:00:00.000Z|a\u0000b')],
    ['invalid UTF-8', Buffer.from([0x32, 0x30, 0xff, 0xfe, 0x7c, 0x78]).toString('base64url')],
    ['a very long id', cursorOf(`2026-11-02T10:00:00.000Z|${'x'.repeat(10_000)}`)],
  ])('answers 400 naming cursor for %s', async (_, cursor) => {
    const res = await get(`/api/v1/usage?${period}&cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });

  it('answers 400 for a cursor given twice, and still pages with the one it issued', async () => {
    const twice = await get(`/api/v1/usage?${period}&cursor=a&cursor=b`);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.errors[0].path).toBe('cursor');
    const first = await get(`/api/v1/usage?${period}&limit=5`);
    const next = first.json().nextCursor as string;
    const second = await get(`/api/v1/usage?${period}&limit=5&cursor=${next}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().records).toHaveLength(5);
  });
});
