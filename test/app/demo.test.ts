import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

describe('the demo', { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const teams = async () => {
    const answer = await t.app.inject({ url: '/api/v1/teams', headers: t.auth });
    return (answer.json() as { teams: { name: string }[] }).teams.map((team) => team.name).sort();
  };

  it('creates the teams its spend is booked to, once', async () => {
    expect(await teams()).toEqual([]);
    const first = await loadDemo(t.ctx);
    expect(first.loaded).toBeGreaterThan(0);
    expect(await teams()).toEqual(['platform', 'product', 'research']);
    const spent = await t.app.inject({ url: '/api/v1/summary?period=30d', headers: t.auth });
    const byTeam = (spent.json() as { byTeam: { team: string }[] }).byTeam.map((b) => b.team).sort();
    expect(byTeam).toEqual(await teams());
    expect(await loadDemo(t.ctx)).toEqual({ loaded: 0, skipped: true });
    expect(await teams()).toEqual(['platform', 'product', 'research']);
  });
});
