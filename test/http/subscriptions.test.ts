import { afterEach, describe, expect, it } from 'vitest';
import { spreadSubscriptions } from '../../src/app/subscriptions/spread.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

// Friday 2026-11-20, 15:30 UTC: November's 20th day is under way.
const NOW = new Date('2026-11-20T15:30:00Z');
const DAY_MS = 86_400_000;

const cursorAna = {
  id: 'cursor-ana',
  vendor: 'cursor',
  plan: 'Pro',
  amount: '20',
  user: 'ana@acme.test',
  startDate: '2026-10-15',
};

describe.each(await testEngines('the subscriptions API'))('seats and subscriptions (%s)', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload } : {}) });
  const seatDays = async () =>
    (await t.ctx.usage.listUsage({ org: 'default', limit: 1000, dimensions: { source: ['subscriptions'] } }))
      .records;
  const spend = async (query: string) => (await call('GET', `/api/v1/spend?${query}`)).json();

  it('adds a seat and spreads it per day through today; re-spreading adds nothing', async () => {
    t = await startTestApp({}, () => NOW, engine);
    const created = await call('POST', '/api/v1/subscriptions', cursorAna);
    expect(created.statusCode).toBe(201);
    // 17 days of October (15th to 31st) and 20 of November (1st to today).
    expect(created.json()).toMatchObject({
      id: 'cursor-ana',
      origin: 'api',
      vendor: 'cursor',
      plan: 'Pro',
      amount: '20',
      currency: 'USD',
      user: 'ana@acme.test',
      team: null,
      seats: null,
      ledgerUser: 'ana@acme.test',
      monthlyTotal: '20.000000',
      startDate: '2026-10-15',
      endDate: null,
      spread: { written: 37, removed: 0 },
    });
    const days = await seatDays();
    expect(days).toHaveLength(37);
    const first = days.find((r) => r.id === 'subscription:cursor-ana:2026-10-15');
    expect(first).toMatchObject({
      source: 'subscriptions',
      service: 'seat',
      provider: 'cursor',
      model: 'Pro',
      user: 'ana@acme.test',
      requests: 0,
      costKind: 'billed',
      tags: { costKind: 'subscription', subscription: 'cursor-ana', vendor: 'cursor' },
      timestamp: new Date('2026-10-15T00:00:00Z'),
      endTimestamp: new Date('2026-10-16T00:00:00Z'),
    });
    expect(days.some((r) => r.timestamp > NOW)).toBe(false);
    // October's 17 days: the month's $20 less its first 14 days' shares (floor(20e6 × 14 / 31)).
    const october = await spend('from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&groupBy=user');
    expect(october.rows).toEqual([expect.objectContaining({ user: 'ana@acme.test', cost: '10.967742' })]);
    const november = await spend('from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=user');
    expect(november.totals.cost).toBe('13.333333');

    expect(await spreadSubscriptions(t.ctx, 'default', NOW)).toEqual({ written: 0, removed: 0 });
    expect(await t.ctx.usage.countUsage('default')).toBe(37);
    // The next day adds exactly that day.
    expect(await spreadSubscriptions(t.ctx, 'default', new Date(NOW.getTime() + DAY_MS))).toEqual({
      written: 1,
      removed: 0,
    });
  });

  it('a change rewrites the days that differ, an end date removes the days after it, removal removes all', async () => {
    t = await startTestApp({}, () => NOW, engine);
    await call('POST', '/api/v1/subscriptions', cursorAna);
    const doubled = await call('PUT', '/api/v1/subscriptions/cursor-ana', { ...cursorAna, amount: '40' });
    expect(doubled.statusCode).toBe(200);
    expect(doubled.json().spread).toEqual({ written: 37, removed: 0 });
    const november = await spend('from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=');
    expect(november.totals.cost).toBe('26.666666');
    const ended = await call('PUT', '/api/v1/subscriptions/cursor-ana', {
      ...cursorAna,
      amount: '40',
      endDate: '2026-11-10',
    });
    expect(ended.json()).toMatchObject({ endDate: '2026-11-10', spread: { written: 0, removed: 10 } });
    expect(await seatDays()).toHaveLength(27);
    const renamed = await call('PUT', '/api/v1/subscriptions/cursor-ana', { ...cursorAna, id: 'other' });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.errors).toEqual([
      { path: 'id', message: `must be "cursor-ana" (a subscription's id cannot change)` },
    ]);
    expect((await call('DELETE', '/api/v1/subscriptions/cursor-ana')).statusCode).toBe(204);
    expect(await seatDays()).toEqual([]);
    expect((await call('GET', '/api/v1/subscriptions/cursor-ana')).statusCode).toBe(404);
    const audit = await t.ctx.audit.listAudit('default', 10);
    expect(audit.map((a) => a.action).sort()).toEqual([
      'subscription.create',
      'subscription.delete',
      'subscription.update',
      'subscription.update',
    ]);
  });

  it('refuses an invalid subscription with a 400 naming each field path', async () => {
    t = await startTestApp({}, () => NOW, engine);
    const negative = await call('POST', '/api/v1/subscriptions', { ...cursorAna, amount: '-20' });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.errors).toEqual([{ path: 'amount', message: 'must not be negative' }]);
    const bad = await call('POST', '/api/v1/subscriptions', {
      id: 'Bad Id',
      vendor: 'windsurf',
      plan: '',
      amount: 'twenty',
      startDate: '2026-02-30',
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['id', 'vendor', 'plan', 'amount', 'startDate', 'colour']),
    );
    const both = await call('POST', '/api/v1/subscriptions', { ...cursorAna, team: 'ml' });
    expect(both.json().error.errors).toEqual([
      { path: 'user', message: 'assign it to one user or to one team: set either "user" or "team"' },
    ]);
    const seats = await call('POST', '/api/v1/subscriptions', { ...cursorAna, seats: 3 });
    expect(seats.json().error.errors.map((e: { path: string }) => e.path)).toEqual(['seats']);
    const backwards = await call('POST', '/api/v1/subscriptions', { ...cursorAna, endDate: '2026-10-14' });
    expect(backwards.json().error.errors).toEqual([
      { path: 'endDate', message: 'must be on or after startDate' },
    ]);
    const ancient = await call('POST', '/api/v1/subscriptions', { ...cursorAna, startDate: '0001-01-01' });
    expect(ancient.json().error.errors).toEqual([
      { path: 'startDate', message: 'must be between 2000-01-01 and 2099-12-31' },
    ]);
    const eur = await call('POST', '/api/v1/subscriptions', { ...cursorAna, currency: 'EUR' });
    expect(eur.json().error.message).toBe(
      'currency: no exchange rate for EUR: add rates.EUR to spendlens.toml, or leave it out',
    );
    // The same end date as the start is one day; a zero fee is allowed and writes no days.
    const oneDay = await call('POST', '/api/v1/subscriptions', { ...cursorAna, endDate: '2026-10-15' });
    expect(oneDay.json().spread).toEqual({ written: 1, removed: 0 });
    const free = await call('POST', '/api/v1/subscriptions', { ...cursorAna, id: 'free', amount: '0' });
    expect(free.statusCode).toBe(201);
    expect(free.json()).toMatchObject({ monthlyTotal: '0.000000', spread: { written: 0, removed: 0 } });
    const taken = await call('POST', '/api/v1/subscriptions', cursorAna);
    expect(taken.statusCode).toBe(409);
    expect(
      (await call('GET', '/api/v1/subscriptions')).json().subscriptions.map((s: { id: string }) => s.id),
    ).toEqual(['cursor-ana', 'free']);
  });

  it("a person's spend in /api/v1/spend is their usage plus their seats, told apart by service", async () => {
    t = await startTestApp({}, () => NOW, engine);
    await t.ctx.identity.insertUser({
      org: 'default',
      id: 'u-ana',
      email: 'ana@acme.test',
      name: 'Ana',
      role: 'member',
      passwordHash: null,
      usageUser: 'ana',
      failedLogins: 0,
      lockedUntil: null,
      disabled: false,
      createdAt: NOW,
      lastLoginAt: null,
    });
    const usage = [
      {
        id: 'u1',
        timestamp: '2026-11-05T10:00:00Z',
        provider: 'openai',
        model: 'gpt-4o',
        user: 'ana',
        cost: '1.50',
      },
      {
        id: 'u2',
        timestamp: '2026-11-06T10:00:00Z',
        provider: 'openai',
        model: 'gpt-4o',
        user: 'bo',
        cost: '2',
      },
    ];
    expect((await call('POST', '/api/v1/usage', usage)).json()).toMatchObject({ accepted: 2 });
    // By account id: the seat lands on the account's usage user, "ana".
    const seat = await call('POST', '/api/v1/subscriptions', {
      ...cursorAna,
      user: 'u-ana',
      startDate: '2026-11-01',
    });
    expect(seat.json()).toMatchObject({ ledgerUser: 'ana', spread: { written: 20 } });
    const team = await call('POST', '/api/v1/subscriptions', {
      id: 'copilot-ml',
      vendor: 'copilot',
      plan: 'Business',
      amount: '19',
      team: 'ml',
      seats: 3,
      startDate: '2026-11-01',
    });
    expect(team.json()).toMatchObject({ monthlyTotal: '57.000000', ledgerUser: null });
    const range = 'from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z';
    const byUser = await spend(`${range}&groupBy=user`);
    const cost = (rows: { user: string | null; cost: string }[], user: string | null) =>
      rows.find((r) => r.user === user)?.cost;
    // ana: $1.50 of usage + 20 of November's 30 days of $20 (13.333333).
    expect(cost(byUser.rows, 'ana')).toBe('14.833333');
    expect(cost(byUser.rows, 'bo')).toBe('2.000000');
    // The team's seats: 20/30 of 3 × $19.
    expect(cost(byUser.rows, null)).toBe('38.000000');
    expect(byUser.totals.cost).toBe('54.833333');
    const split = await spend(`${range}&groupBy=user,service`);
    const ana = split.rows.filter((r: { user: string | null }) => r.user === 'ana');
    expect(ana.map((r: { service: string; cost: string }) => [r.service, r.cost]).sort()).toEqual([
      ['chat', '1.500000'],
      ['seat', '13.333333'],
    ]);
    const seatsOnly = await spend(`${range}&groupBy=user&source=subscriptions`);
    expect(seatsOnly.totals.cost).toBe('51.333333');
  });

  it("a team's seats go to its members with accounts, one each; the seats nobody holds stay the team's", async () => {
    t = await startTestApp({}, () => NOW, engine);
    const account = (id: string, email: string, usageUser: string | null) =>
      t.ctx.identity.insertUser({
        org: 'default',
        id,
        email,
        name: id,
        role: 'member',
        passwordHash: null,
        usageUser,
        failedLogins: 0,
        lockedUntil: null,
        disabled: false,
        createdAt: NOW,
        lastLoginAt: null,
      });
    await account('u-ana', 'ana@acme.test', 'ana');
    await account('u-cy', 'cy@acme.test', null);
    await account('u-di', 'di@acme.test', null);
    await t.ctx.identity.putTeam({ org: 'default', name: 'ml', createdAt: NOW });
    for (const userId of ['u-ana', 'u-cy'])
      await t.ctx.identity.putTeamMember({ org: 'default', team: 'ml', userId, role: 'member' });
    await t.ctx.identity.putTeamMember({ org: 'default', team: 'web', userId: 'u-di', role: 'member' });
    // 3 seats at $30 in a 30-day month: $3 a day, $1 a seat.
    const created = await call('POST', '/api/v1/subscriptions', {
      id: 'copilot-ml',
      vendor: 'copilot',
      plan: 'Business',
      amount: '30',
      team: 'ml',
      seats: 3,
      startDate: '2026-11-01',
    });
    expect(created.json()).toMatchObject({
      seatHolders: ['ana', 'cy@acme.test'],
      monthlyTotal: '90.000000',
      spread: { written: 60, removed: 0 },
    });
    const byUser = await spend('from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=user,team');
    expect(
      byUser.rows
        .map((r: { user: string | null; team: string; cost: string }) => [r.user ?? '(team)', r.team, r.cost])
        .sort(),
    ).toEqual([
      ['(team)', 'ml', '20.000000'],
      ['ana', 'ml', '20.000000'],
      ['cy@acme.test', 'ml', '20.000000'],
    ]);
    // A member leaving gives their seat back to the team: the days are re-spread, nothing is counted twice.
    await t.ctx.identity.deleteTeamMember('default', 'ml', 'u-cy');
    expect(await spreadSubscriptions(t.ctx, 'default', NOW)).toEqual({ written: 20, removed: 20 });
    const after = await spend('from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=user');
    expect(
      after.rows.map((r: { user: string | null; cost: string }) => [r.user ?? '(team)', r.cost]).sort(),
    ).toEqual([
      ['(team)', '40.000000'],
      ['ana', '20.000000'],
    ]);
    expect(after.totals.cost).toBe('60.000000');
  });
});
