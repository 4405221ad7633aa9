import { afterEach, describe, expect, it } from 'vitest';
import { sourceRunner } from '../../../src/app/sources/runner.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { type ReplayServer, startReplayServer } from '../../helpers/replay-server.ts';

const NOW = () => new Date('2026-11-03T12:00:00Z');

describe('feed sources', () => {
  let t: TestApp;
  let server: ReplayServer;
  afterEach(async () => {
    await t.close();
    await server.close();
  });
  const add = (body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: t.auth,
      payload: { key: 'feed-token-123', backfillDays: 1, ...body },
    });
  const sync = async (id: string) =>
    (await t.app.inject({ method: 'POST', url: `/api/v1/sources/${id}/sync`, headers: t.auth })).json();

  it('pulls a transactions feed: costs as billed in their currency, ids kept per source', async () => {
    server = await startReplayServer((req) => ({
      body: {
        transactions:
          req.query.get('offset') === '0' && req.query.get('date_from')?.startsWith('2026-11-02')
            ? [
                {
                  id: 't1',
                  timestamp: '2026-11-02T09:00:00Z',
                  service: 'OpenAI',
                  model: 'gpt-4o',
                  cost_usd: 0.25,
                  tokens_in: 100,
                  tokens_out: 20,
                  user_id: 'ana',
                  project_id: 'search',
                },
                {
                  id: 't2',
                  timestamp: '2026-11-02T09:05:00Z',
                  service: 'anthropic',
                  model: 'claude-sonnet-4-20250514',
                  cost_usd: null,
                  tokens_in: 1000,
                  tokens_out: 50,
                  user_id: null,
                  project_id: null,
                },
              ]
            : [],
      },
    }));
    t = await startTestApp({}, NOW);
    sourceRunner(t.ctx, { sleep: async () => undefined, log: () => undefined });
    await add({ id: 'upstream', kind: 'feed', baseUrl: server.url });
    expect(await sync('upstream')).toMatchObject({ ok: true, inserted: 2 });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer feed-token-123');
    const records = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/usage?from=2026-11-01&to=2026-11-04',
        headers: t.auth,
      })
    ).json().records;
    const byId = Object.fromEntries(records.map((r: { id: string }) => [r.id, r]));
    expect(byId['upstream:t1']).toMatchObject({
      provider: 'openai',
      cost: '0.250000',
      costKind: 'billed',
      user: 'ana',
    });
    expect(byId['upstream:t2']).toMatchObject({ provider: 'anthropic', costKind: 'estimated' });
  });

  it('pulls an activity-log feed and joins its notebook runs to usage', async () => {
    server = await startReplayServer((req) => ({
      body: {
        activities:
          req.path === '/v1/projects/data-sci/activity-logs' &&
          req.query.get('timestamp')?.startsWith('2026-11-02')
            ? [
                {
                  user_id: 'ana',
                  cell_id: 'c1',
                  notebook_title: 'Churn model',
                  execution_start: '2026-11-02T10:00:00Z',
                  execution_end: '2026-11-02T10:30:00Z',
                },
              ]
            : [],
      },
    }));
    t = await startTestApp({}, NOW);
    sourceRunner(t.ctx, { sleep: async () => undefined, log: () => undefined });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: {
        id: 'u1',
        timestamp: '2026-11-02T10:10:00Z',
        provider: 'openai',
        model: 'gpt-4o',
        user: 'ana',
      },
    });
    await add({ id: 'notebooks', kind: 'activity', baseUrl: server.url, project: 'data-sci' });
    expect(await sync('notebooks')).toMatchObject({ ok: true, activities: 1 });
    const records = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/usage?from=2026-11-01&to=2026-11-04',
        headers: t.auth,
      })
    ).json().records;
    expect(records[0]).toMatchObject({ id: 'u1', context: 'Churn model' });
  });
});
