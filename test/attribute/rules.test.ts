import { describe, expect, it } from 'vitest';
import {
  applyRules,
  compileRule,
  matches,
  type RuleInput,
  ruleInputSchema,
} from '../../src/attribute/rules.ts';
import { makeRecord } from '../helpers/records.ts';

const rule = (match: RuleInput['match'], set: RuleInput['set'] = { team: 'ml' }, id = 'r') =>
  compileRule(id, ruleInputSchema.parse({ match, set }));
const issues = (input: unknown) => {
  const parsed = ruleInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('attribution rule input', () => {
  it('refuses a rule that matches on nothing or sets nothing, saying what to name', () => {
    expect(issues({ match: {}, set: { team: 'ml' } })).toEqual([
      'match: name at least one of apiKey, user, workspace, provider, model, tag',
    ]);
    expect(issues({ match: { user: 'ana' }, set: {} })).toEqual([
      'set: set at least one of team, project, context',
    ]);
  });

  it('refuses an id that is not lowercase, a pattern that does not compile and unknown fields', () => {
    expect(issues({ id: 'ML', match: { user: 'ana' }, set: { team: 'ml' } })).toEqual([
      'id: must be lowercase letters, digits, "-", "_" or "."',
    ]);
    expect(issues({ match: { model: '(' }, set: { team: 'ml' } })).toEqual([
      'match.model: must be a valid regular expression',
    ]);
    expect(issues({ match: { tag: { key: 'env', pattern: '[' } }, set: { team: 'ml' } })).toEqual([
      'match.tag.pattern: must be a valid regular expression',
    ]);
    expect(issues({ match: { user: 'ana', team: 'x' }, set: { team: 'ml' } })).toHaveLength(1);
    for (const id of ['Team-a', 'a-Team', `a${'b'.repeat(64)}`]) {
      expect(issues({ id, match: { user: 'ana' }, set: { team: 'ml' } })).toHaveLength(1);
    }
    expect(issues({ id: 'a.b-c_1', match: { user: ' ana ' }, set: { team: 'ml' } })).toEqual([]);
    expect(ruleInputSchema.parse({ match: { user: ' ana ' }, set: { team: 'ml' } }).match.user).toBe('ana');
  });
});

describe('matching a record', () => {
  const record = makeRecord({
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    user: 'ana',
    apiKey: 'key_1',
    project: 'search',
    tags: { env: 'prod', workspace: 'wrk_research' },
  });

  it('matches when every condition holds', () => {
    const all = rule({
      apiKey: 'key_1',
      user: 'ana',
      workspace: 'wrk_research',
      provider: 'anthropic',
      model: '^claude-sonnet',
      tag: { key: 'env', pattern: '^prod$' },
    });
    expect(matches(all, record)).toBe(true);
  });

  it('does not match when any one condition fails', () => {
    expect(matches(rule({ apiKey: 'key_2' }), record)).toBe(false);
    expect(matches(rule({ user: 'bob' }), record)).toBe(false);
    expect(matches(rule({ workspace: 'wrk_other' }), record)).toBe(false);
    expect(matches(rule({ provider: 'openai' }), record)).toBe(false);
    expect(matches(rule({ model: '^gpt-' }), record)).toBe(false);
    expect(matches(rule({ tag: { key: 'env', pattern: '^staging$' } }), record)).toBe(false);
    expect(matches(rule({ user: 'ana', provider: 'openai' }), record)).toBe(false);
  });

  it('reads the workspace from the tag, else from the project', () => {
    const noTag = makeRecord({ project: 'wrk_research', tags: {} });
    expect(matches(rule({ workspace: 'wrk_research' }), noTag)).toBe(true);
    // the tag wins over the project
    expect(matches(rule({ workspace: 'search' }), record)).toBe(false);
  });

  it('tests a tag pattern against an absent tag as the empty string', () => {
    const untagged = makeRecord({ tags: {} });
    expect(matches(rule({ tag: { key: 'env', pattern: '^$' } }), untagged)).toBe(true);
    expect(matches(rule({ tag: { key: 'env', pattern: '.' } }), untagged)).toBe(false);
  });
});

describe('applying rules', () => {
  const record = makeRecord({ user: 'ana', team: 'platform', project: 'search', context: null });

  it('lets a later matching rule win, and leaves fields no rule sets', () => {
    const out = applyRules(record, [
      rule({ user: 'ana' }, { team: 'ml', project: 'p1' }, 'first'),
      rule({ user: 'bob' }, { team: 'never' }, 'other'),
      rule({ user: 'ana' }, { team: 'research', context: 'ticket-9' }, 'second'),
    ]);
    expect(out).toEqual({ ...record, team: 'research', project: 'p1', context: 'ticket-9' });
    expect(record.team).toBe('platform');
  });

  it('sets one field alone: a team, a project or a context', () => {
    expect(applyRules(record, [rule({ user: 'ana' }, { team: 'ml' })]).team).toBe('ml');
    expect(applyRules(record, [rule({ user: 'ana' }, { project: 'p2' })]).project).toBe('p2');
    expect(applyRules(record, [rule({ user: 'ana' }, { context: 'c' })]).context).toBe('c');
  });

  it('returns the same object when no rule changes anything', () => {
    expect(applyRules(record, [rule({ user: 'bob' })])).toBe(record);
    expect(applyRules(record, [rule({ user: 'ana' }, { team: 'platform' })])).toBe(record);
    expect(applyRules(record, [])).toBe(record);
  });
});
