import type { z } from 'zod';
import type { ActivityResult, RuleList, RuleSaved } from '../../../../src/domain/api/operations.ts';

// The answers are the contract's types (src/domain/api), not copies of them.
/** `GET /api/v1/attribution/rules`: the rules in force, in order. */
export interface Rule extends Omit<z.infer<typeof RuleList>['rules'][number], 'match' | 'set'> {
  match: Record<string, string | { key: string; pattern: string } | undefined>;
  set: { team?: string; project?: string; context?: string };
}
export type RulesResponse = { rules: Rule[] };
/** The answer to saving a rule: its id and what re-applying the rules to past records changed. */
export type SaveRuleAnswer = z.infer<typeof RuleSaved>;
/** The answer to `POST /api/v1/activity`. */
export type ActivityAnswer = z.infer<typeof ActivityResult>;

export const MATCH_KINDS = [
  { value: 'user', label: 'User' },
  { value: 'apiKey', label: 'API key' },
  { value: 'workspace', label: 'Workspace' },
  { value: 'provider', label: 'Provider' },
  { value: 'model', label: 'Model (regular expression)' },
  { value: 'tag', label: 'Tag (regular expression)' },
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number]['value'];

export const SET_FIELDS = ['team', 'project', 'context'] as const;
export type SetField = (typeof SET_FIELDS)[number];

/** A rule's conditions in words: `user = ana.silva`, `model ~ /gpt-5/`. */
export function describeMatch(match: Rule['match']): string {
  return Object.entries(match)
    .flatMap(([key, value]) => {
      if (value === undefined) return [];
      if (typeof value === 'object') return [`tag ${value.key} ~ /${value.pattern}/`];
      return [key === 'model' ? `model ~ /${value}/` : `${key} = ${value}`];
    })
    .join(' and ');
}

export function describeSet(set: Rule['set']): string {
  return SET_FIELDS.flatMap((f) => (set[f] ? [`${f} → ${set[f]}`] : [])).join(', ');
}
