import { driverText } from '../../src/analyze/describe.ts';
import { createChannel } from '../../src/app/alerts/channels.ts';
import { createBudget } from '../../src/app/budgets/manage.ts';
import { operator } from '../../src/app/identity/guard.ts';
import { createSession } from '../../src/app/identity/sessions.ts';
import { createTeam } from '../../src/app/identity/teams.ts';
import { createToken } from '../../src/app/identity/tokens.ts';
import { createUser } from '../../src/app/identity/users.ts';
import { runReport } from '../../src/app/reports/run.ts';
import { addActivities } from '../../src/app/sources/activities.ts';
import { createSource } from '../../src/app/sources/manage.ts';
import { saveRule } from '../../src/app/sources/rules.ts';
import { createSubscription } from '../../src/app/subscriptions/manage.ts';
import type { Role } from '../../src/domain/access.ts';
import type { StoredAnomaly } from '../../src/store/types.ts';
import type { TestApp } from './app.ts';
import { makeRecord } from './records.ts';

/** Team A and team B of the first org, and the second org; names no other fixture uses. */
export const A = 'aardvark';
export const B = 'zebrafish';
export const ORG2 = 'org-two';
export const MEMBER = 'mia@acme.example';
export const LEAD = 'leo@acme.example';

/** Exact amounts, each a string no other number in an answer can be by chance. */
export const COST = {
  a1: '1.111111',
  a2: '2.222222',
  /** The lead of A's own usage, booked to team B. */
  leadInB: '5.555555',
  b1: '7.777771',
  b2: '8.888882',
  /** Team B's records besides the lead's. */
  bOnly: '16.666653',
  /** Team B's total, the lead's record included. */
  bTotal: '22.222208',
  orgTotal: '25.555541',
  /** What a member of A sees (A's records), and the lead (A's plus their own in B). */
  memberTotal: '3.333333',
  leadTotal: '8.888888',
  org2: '4.444443',
} as const;

const micros = (amount: string) => Math.round(Number(amount) * 1e6);

/** Strings of team B's no member of A may receive; the lead of A may see their own record in B. */
export const B_SECRETS = {
  member: [
    B,
    'zelda-zebra',
    'zack-zebra',
    'proj-zebu',
    'rec-b-1',
    'rec-b-2',
    'rec-leo-b',
    COST.b1,
    COST.b2,
    COST.bOnly,
    COST.bTotal,
    COST.leadInB,
    COST.orgTotal,
    COST.leadTotal,
  ],
  lead: [
    'zelda-zebra',
    'zack-zebra',
    'rec-b-1',
    'rec-b-2',
    COST.b1,
    COST.b2,
    COST.bOnly,
    COST.bTotal,
    COST.orgTotal,
  ],
};

/** Strings of the first org's that the second org's owner may never receive. */
export const ORG1_SECRETS = [
  A,
  B,
  MEMBER,
  LEAD,
  'ann@acme.example',
  'zelda-zebra',
  'zack-zebra',
  'proj-anteater',
  'proj-zebu',
  'rec-a-1',
  'rec-a-2',
  'rec-leo-b',
  'rec-b-1',
  'rec-b-2',
  'bud-1',
  'bud-2',
  'bud-3',
  'subx-b',
  'an_seed_',
  'alertx-1',
  'alertx-2',
  'alertx-3',
  'chanx-1',
  'chanx-2',
  'chanx-3',
  'src-1',
  'rule-b',
  'daily-2026-11-19',
  COST.a1,
  COST.a2,
  COST.leadInB,
  COST.b1,
  COST.b2,
  COST.orgTotal,
];

export type Caller = 'member' | 'lead' | 'analyst' | 'teamToken' | 'ingestToken' | 'otherOrg';

/** Headers of a caller: a session cookie (with its CSRF token, for writes) or a bearer token. */
export type Headers = Record<string, string>;

/** Seeds both orgs through the app layer and returns every caller's headers. */
export async function seedTenants(t: TestApp): Promise<Record<Caller, Headers>> {
  const { ctx } = t;
  const org = ctx.config.org;
  const cli = operator(org);
  const at = (iso: string) => new Date(iso);
  const rec = (
    id: string,
    user: string,
    team: string,
    project: string,
    cost: string,
    ts: string,
    env: string,
  ) =>
    makeRecord({ id, org, user, team, project, costMicros: micros(cost), timestamp: at(ts), tags: { env } });
  await ctx.usage.insertUsage([
    rec('rec-a-1', MEMBER, A, 'proj-anteater', COST.a1, '2026-11-18T10:00:00Z', 'prod'),
    rec('rec-a-2', LEAD, A, 'proj-anteater', COST.a2, '2026-11-20T09:00:00Z', 'dev'),
    rec('rec-leo-b', LEAD, B, 'proj-zebu', COST.leadInB, '2026-11-19T10:00:00Z', 'prod'),
    rec('rec-b-1', 'zelda-zebra', B, 'proj-zebu', COST.b1, '2026-11-18T11:00:00Z', 'prod'),
    rec('rec-b-2', 'zack-zebra', B, 'proj-zebu', COST.b2, '2026-11-20T08:00:00Z', 'dev'),
  ]);
  await ctx.usage.insertUsage([
    makeRecord({
      id: 'rec-o2-1',
      org: ORG2,
      user: 'olga@org2.example',
      team: 'otter',
      project: 'proj-otter',
      costMicros: micros(COST.org2),
      timestamp: at('2026-11-19T10:00:00Z'),
    }),
  ]);
  for (const team of [A, B]) await createTeam(ctx, org, team, cli);

  const user = async (
    o: string,
    email: string,
    role: Role,
    teams: { team: string; role: 'lead' | 'member' }[],
  ) => {
    const made = await createUser(
      ctx,
      { org: o, email, name: email, role, password: `${email} has a long password`, teams },
      cli,
    );
    const session = await createSession(ctx, { org: o, userId: made.id });
    return { cookie: `spendlens_session=${session.id}`, 'x-csrf-token': session.csrfToken };
  };
  const token = async (scopes: ('read' | 'ingest')[], team: string | null) => ({
    authorization: `Bearer ${(await createToken(ctx, org, { scopes, team }, cli)).token}`,
  });
  const callers: Record<Caller, Headers> = {
    member: await user(org, MEMBER, 'member', [{ team: A, role: 'member' }]),
    lead: await user(org, LEAD, 'member', [{ team: A, role: 'lead' }]),
    analyst: await user(org, 'ann@acme.example', 'analyst', []),
    teamToken: await token(['read'], A),
    ingestToken: await token(['ingest'], null),
    otherOrg: await user(ORG2, 'olga@org2.example', 'owner', []),
  };

  const budget = (id: string, scope: { dimension: string; value?: string }) =>
    createBudget(ctx, cli, { id, name: `budget ${id}`, scope, amount: '100' });
  await budget('bud-1', { dimension: 'team', value: A });
  await budget('bud-2', { dimension: 'team', value: B });
  await budget('bud-3', { dimension: 'org' });
  // why: team B's seats, starting in the future so they add nothing to the ledger's figures.
  await createSubscription(ctx, cli, {
    id: 'subx-b',
    vendor: 'cursor',
    plan: 'Business',
    amount: '40',
    team: B,
    seats: 2,
    startDate: '2099-01-01',
  });
  await ctx.anomalies.upsertAnomalies(seedAnomalies(org));
  await seedAlerts(t);
  await createChannel(ctx, cli, { id: 'chanx-1', kind: 'log', scope: { dimension: 'team', value: A } });
  await createChannel(ctx, cli, { id: 'chanx-2', kind: 'log', scope: { dimension: 'team', value: B } });
  await createChannel(ctx, cli, {
    id: 'chanx-3',
    kind: 'slack',
    url: 'https://hooks.slack.com/services/T0/B0/isolationsecret',
  });
  await createSource(ctx, org, { id: 'src-1', kind: 'openai', key: 'sk-isolation-test-key-0123456789' });
  await saveRule(ctx, org, { id: 'rule-b', match: { user: 'zelda-zebra' }, set: { team: B } });
  await addActivities(ctx, {
    org,
    source: 'test',
    items: [
      {
        user: MEMBER,
        team: A,
        context: 'notebook aardvark-etl',
        start: '2026-11-18T09:00:00Z',
        end: '2026-11-18T11:00:00Z',
      },
      {
        user: 'zelda-zebra',
        team: B,
        context: 'notebook zebrafish-etl',
        start: '2026-11-18T10:00:00Z',
        end: '2026-11-18T12:00:00Z',
      },
    ],
  });
  await runReport(ctx, { kind: 'daily', date: '2026-11-19', now: ctx.now(), org });
  return callers;
}

function seedAnomalies(org: string): StoredAnomaly[] {
  const base = {
    org,
    kind: 'daily',
    periodStart: new Date('2026-11-19T00:00:00Z'),
    periodEnd: new Date('2026-11-20T00:00:00Z'),
    currency: 'USD',
    actualMicros: 9_000_000,
    expectedMicros: 1_000_000,
    lowerMicros: 500_000,
    upperMicros: 1_500_000,
    severity: 'high',
    sustained: false,
    status: 'open' as const,
    mutedUntil: null,
    statusAt: null,
    statusBy: null,
    createdAt: new Date('2026-11-20T00:10:00Z'),
    updatedAt: new Date('2026-11-20T00:10:00Z'),
    historical: false,
  };
  const drivers = (list: [string, string][]) =>
    list.map(([dimension, value], i) => ({ dimension, value, actual: 3 - i, expected: 1, delta: 2 - i / 2 }));
  const anomaly = (id: string, dimension: string, value: string | null, d: [string, string][]) => {
    const ds = drivers(d);
    const description = `${dimension} ${value ?? 'org'} spent $9.00 against $1.00 expected. ${driverText(ds, 'USD')}`;
    return {
      ...base,
      id: `an_seed_${id}`,
      scopeDimension: dimension,
      scopeValue: value,
      // Stored as the detector stores them (src/app/analysis/finish.ts): money as decimal strings.
      drivers: ds.map((x) => ({
        dimension: x.dimension,
        value: x.value,
        delta: x.delta.toFixed(6),
        actual: x.actual.toFixed(6),
        expected: x.expected.toFixed(6),
      })),
      description,
    };
  };
  return [
    anomaly('a', 'team', A, [
      ['user', MEMBER],
      ['team', B],
      ['project', 'proj-anteater'],
    ]),
    anomaly('b', 'team', B, [['user', 'zelda-zebra']]),
    anomaly('org', 'org', null, [['user', 'zack-zebra']]),
    anomaly('lead', 'user', LEAD, [['project', 'proj-zebu']]),
    anomaly('project', 'project', 'proj-anteater', [['user', MEMBER]]),
  ];
}

async function seedAlerts(t: TestApp): Promise<void> {
  const org = t.ctx.config.org;
  const alert = (id: string, scope: [string, string] | null, title: string) =>
    t.ctx.alerting.insertAlert({
      org,
      id,
      dedupeKey: `seed:${id}`,
      event: scope ? 'threshold_crossed' : 'daily_summary',
      severity: 'warning',
      scopeDimension: scope?.[0] ?? null,
      scopeValue: scope?.[1] ?? null,
      budgetId: null,
      title,
      payload: { text: title, facts: [], link: '/alerts' },
      deliveries: [],
      createdAt: new Date('2026-11-20T06:00:00Z'),
    });
  await alert('alertx-1', ['team', A], `Team ${A} crossed 80% of its budget`);
  await alert('alertx-2', ['team', B], `Team ${B} crossed 80%: ${COST.bTotal} spent`);
  await alert('alertx-3', null, `Daily summary: ${COST.orgTotal} spent`);
}
