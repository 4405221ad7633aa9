import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const usage = (id: string, user: string, timestamp: string, extra: Record<string, unknown> = {}) => ({
  id,
  timestamp,
  provider: 'openai',
  model: 'gpt-4o',
  user,
  apiKey: 'key_nb',
  inputTokens: 1000,
  outputTokens: 100,
  ...extra,
});

describe.each(await testEngines('the activity join'))(
  'activity join and attribution rules (%s)',
  (engine) => {
    let t: TestApp;
    afterEach(async () => t?.close());
    const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: t.auth, payload: payload as object });
    const contexts = async () => {
      const records = (await call('GET', '/api/v1/usage?from=2026-11-01&to=2026-11-04')).json().records;
      return Object.fromEntries(
        records.map((r: { id: string; context: string | null }) => [r.id, r.context]),
      );
    };

    it('joins records that came before their activity, and those after, within the tolerance', async () => {
      t = await startTestApp({}, () => new Date('2026-11-02T12:00:00Z'), engine);
      await call('POST', '/api/v1/usage', [
        usage('early', 'ana', '2026-11-02T09:59:30Z'),
        usage('outside', 'ana', '2026-11-02T09:50:00Z'),
        usage('other-user', 'bo', '2026-11-02T10:10:00Z'),
      ]);
      const posted = await call('POST', '/api/v1/activity', {
        user: 'ana',
        context: 'notebooks/churn.ipynb',
        start: '2026-11-02T10:00:00Z',
        end: '2026-11-02T10:30:00Z',
      });
      expect(posted.json()).toEqual({ accepted: 1, joined: 1 });
      await call('POST', '/api/v1/usage', [usage('later', 'ana', '2026-11-02T10:20:00Z')]);
      expect(await contexts()).toEqual({
        early: 'notebooks/churn.ipynb',
        outside: null,
        'other-user': null,
        later: 'notebooks/churn.ipynb',
      });
      const spend = await call('GET', '/api/v1/spend?from=2026-11-02&to=2026-11-03&groupBy=context');
      expect(
        spend
          .json()
          .rows.map((r: { context: string | null }) => r.context)
          .sort(),
      ).toEqual(['notebooks/churn.ipynb', null]);
    });

    it('refuses an activity without a zone, naming the field', async () => {
      t = await startTestApp({}, undefined, engine);
      const res = await call('POST', '/api/v1/activity', {
        user: 'ana',
        context: 'x',
        start: '2026-11-02T10:00',
        end: '2026-11-02T11:00:00Z',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/\[0\]\.start: .*no time zone/);
    });

    it('applies rules at ingest and re-applies a new rule to past records, rollup included', async () => {
      t = await startTestApp({}, () => new Date('2026-11-02T12:00:00Z'), engine);
      await call('POST', '/api/v1/usage', [
        usage('a', 'ana', '2026-11-02T10:00:00Z'),
        usage('b', 'bo', '2026-11-02T10:00:00Z', { apiKey: 'key_other' }),
      ]);
      const saved = await call('POST', '/api/v1/attribution/rules', {
        id: 'nb-key',
        match: { apiKey: 'key_nb' },
        set: { project: 'notebooks' },
      });
      expect(saved.statusCode).toBe(201);
      expect(saved.json()).toMatchObject({ id: 'nb-key', reapplied: { changed: 1 } });
      await call('POST', '/api/v1/attribution/rules', {
        id: 'ana-team',
        match: { user: 'ana', model: '^gpt-4' },
        set: { team: 'ml' },
      });
      await call('POST', '/api/v1/usage', [usage('c', 'ana', '2026-11-02T11:00:00Z')]);
      const byProject = (
        await call('GET', '/api/v1/spend?from=2026-11-02&to=2026-11-03&groupBy=project,team')
      ).json().rows;
      const summary = byProject.map(
        (r: { project: string | null; team: string | null; requests: number }) => [
          r.project,
          r.team,
          r.requests,
        ],
      );
      expect(summary.sort()).toEqual([
        [null, null, 1],
        ['notebooks', 'ml', 2],
      ]);
      const rules = (await call('GET', '/api/v1/attribution/rules')).json().rules;
      expect(rules.map((r: { id: string }) => r.id)).toEqual(['nb-key', 'ana-team']);
      expect((await call('DELETE', '/api/v1/attribution/rules/ana-team')).statusCode).toBe(204);
    });
  },
);
