import { describe, expect, it } from 'vitest';
import { channelBody, channelFields } from '../../web/src/pages/alerts/fields.ts';
import type { Channel } from '../../web/src/pages/alerts/types.ts';
import { budgetBody, budgetFields, newBudgetId } from '../../web/src/pages/budgets/fields.ts';

const hook: Channel = {
  id: 'hook',
  kind: 'webhook',
  origin: 'api',
  events: ['budget_exceeded'],
  scope: { dimension: 'team', value: 'ml' },
  minSeverity: 'medium',
  enabled: true,
  urlHint: 'https://hooks.example/…/abcd',
  secretHint: '••••wxyz',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('channel form body', () => {
  it('keeps the stored URL and secret when an edit leaves them empty', () => {
    expect(channelBody(channelFields(hook))).toEqual({
      kind: 'webhook',
      minSeverity: 'medium',
      enabled: true,
      events: ['budget_exceeded'],
      scope: { dimension: 'team', value: 'ml' },
    });
  });

  it('sends only what the kind uses', () => {
    const f = {
      ...channelFields(undefined),
      kind: 'email' as const,
      url: 'https://x',
      secret: 's',
      to: 'a@x.io, b@x.io',
    };
    expect(channelBody(f)).toEqual({
      kind: 'email',
      minSeverity: 'high',
      enabled: true,
      to: ['a@x.io', 'b@x.io'],
    });
    const slack = {
      ...channelFields(undefined),
      url: ' https://hooks.slack.com/services/T/B/C ',
      secret: 'x',
    };
    expect(channelBody(slack)).toMatchObject({
      kind: 'slack',
      url: 'https://hooks.slack.com/services/T/B/C',
    });
    expect(channelBody(slack)).not.toHaveProperty('secret');
  });
});

describe('budget form body', () => {
  it('turns typed text into the API body, the id from the name when left empty', () => {
    const f = {
      ...budgetFields(undefined),
      name: ' ML monthly ',
      amount: '500 ',
      thresholds: '50 80',
      currency: 'eur',
    };
    expect(budgetBody(f)).toEqual({
      name: 'ML monthly',
      scope: { dimension: 'org' },
      period: 'month',
      amount: '500',
      thresholds: [50, 80],
      alertOnForecast: true,
      currency: 'EUR',
    });
    expect(newBudgetId(f)).toBe('ml-monthly');
    expect(newBudgetId({ ...f, id: 'mine' })).toBe('mine');
  });
});
