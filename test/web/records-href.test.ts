import { describe, expect, it } from 'vitest';
import { recordsHref } from '../../web/src/pages/anomalies/records.ts';

// why: the link names the browser's calendar days, so periods here start at local midnights
const day = (d: number) => new Date(2026, 11, d).toISOString();
const oneDay = { periodStart: day(1), periodEnd: day(2) };
const open = (href: string) => {
  const [path, search = ''] = href.split('?');
  return { path, params: Object.fromEntries(new URLSearchParams(search)) };
};

describe('the records behind an anomaly or incident', () => {
  it("opens Explore on the anomaly's one day, filtered to its user, split by model (Explore's default)", () => {
    expect(open(recordsHref([{ dimension: 'user', value: 'omar.haddad' }], oneDay))).toEqual({
      path: '/explore',
      params: { from: '2026-12-01', to: '2026-12-01', user: 'omar.haddad' },
    });
  });

  it("splits a model's records by the projects that call it", () => {
    expect(open(recordsHref([{ dimension: 'model', value: 'gemini-2.5-pro' }], oneDay)).params).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
      model: 'gemini-2.5-pro',
      group: 'project',
    });
  });

  it('ends on the last day the period covers (its end is exclusive), over several days', () => {
    const params = open(
      recordsHref([{ dimension: 'team', value: 'platform' }], { periodStart: day(7), periodEnd: day(9) }),
    ).params;
    expect([params.from, params.to]).toEqual(['2026-12-07', '2026-12-08']);
    expect(params.group).toBe('user');
  });

  it('filters nothing for the whole org, and names an unset value (none)', () => {
    expect(open(recordsHref([{ dimension: 'org', value: null }], oneDay)).params).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
    });
    expect(open(recordsHref([{ dimension: 'project', value: null }], oneDay)).params.project).toBe('(none)');
  });

  it("takes an incident's records in all its scopes, split by a dimension no scope pins to one value", () => {
    const scopes = [
      { dimension: 'team', value: 'product' },
      { dimension: 'model', value: 'gemini-2.5-pro' },
      { dimension: 'provider', value: 'google' },
      { dimension: 'org', value: null },
      { dimension: 'project', value: 'search' },
      { dimension: 'user', value: 'omar.haddad' },
    ];
    const params = open(recordsHref(scopes, oneDay)).params;
    expect(params).toMatchObject({
      team: 'product',
      model: 'gemini-2.5-pro',
      provider: 'google',
      project: 'search',
    });
    expect(params.user).toBe('omar.haddad');
    // team → user, model, project are all pinned; the next scope with a free dimension is project → context
    expect(params.group).toBe('context');
  });

  it('keeps two values of one dimension as one filter (either one)', () => {
    const params = open(
      recordsHref(
        [
          { dimension: 'user', value: 'ana.silva' },
          { dimension: 'user', value: 'bo.chen' },
        ],
        oneDay,
      ),
    ).params;
    expect(params.user).toBe('ana.silva,bo.chen');
    expect(params.group).toBeUndefined();
  });
});
