import { z } from 'zod';
import type { UsageRecord } from '../domain/record.ts';

const value = z.string().trim().min(1).max(256);
const pattern = z
  .string()
  .min(1)
  .max(500)
  .refine((p) => compiles(p), 'must be a valid regular expression');

/** An attribution rule as written in spendlens.toml or sent to the API. */
export const ruleInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be lowercase letters, digits, "-", "_" or "."')
      .optional(),
    match: z
      .object({
        apiKey: value.optional(),
        user: value.optional(),
        workspace: value.optional(),
        provider: value.optional(),
        /** A regular expression on the model name. */
        model: pattern.optional(),
        tag: z.object({ key: value, pattern }).strict().optional(),
      })
      .strict()
      .refine(
        (m) => Object.keys(m).length > 0,
        'name at least one of apiKey, user, workspace, provider, model, tag',
      ),
    set: z
      .object({ team: value.optional(), project: value.optional(), context: value.optional() })
      .strict()
      .refine((s) => Object.keys(s).length > 0, 'set at least one of team, project, context'),
  })
  .strict();
export type RuleInput = z.output<typeof ruleInputSchema>;

/** A rule ready to apply: its regular expressions compiled once. */
export interface Rule {
  id: string;
  input: RuleInput;
  model: RegExp | null;
  tag: { key: string; re: RegExp } | null;
}

function compiles(p: string): boolean {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}

export function compileRule(id: string, input: RuleInput): Rule {
  const tag = input.match.tag;
  return {
    id,
    input,
    model: input.match.model ? new RegExp(input.match.model) : null,
    tag: tag ? { key: tag.key, re: new RegExp(tag.pattern) } : null,
  };
}

/** True when every condition of the rule holds for the record. */
export function matches(rule: Rule, r: UsageRecord): boolean {
  const m = rule.input.match;
  if (m.apiKey !== undefined && r.apiKey !== m.apiKey) return false;
  if (m.user !== undefined && r.user !== m.user) return false;
  if (m.workspace !== undefined && (r.tags.workspace ?? r.project) !== m.workspace) return false;
  if (m.provider !== undefined && r.provider !== m.provider) return false;
  if (rule.model && !rule.model.test(r.model)) return false;
  if (rule.tag && !rule.tag.re.test(r.tags[rule.tag.key] ?? '')) return false;
  return true;
}

/**
 * Applies the rules in order; each matching rule sets its fields, so a later rule wins over an earlier
 * one and over what the source said. Returns the same object when nothing changed.
 */
export function applyRules(record: UsageRecord, rules: readonly Rule[]): UsageRecord {
  let out = record;
  for (const rule of rules) {
    if (!matches(rule, record)) continue;
    const { team, project, context } = rule.input.set;
    const next = {
      team: team ?? out.team,
      project: project ?? out.project,
      context: context ?? out.context,
    };
    if (next.team !== out.team || next.project !== out.project || next.context !== out.context) {
      out = { ...out, ...next };
    }
  }
  return out;
}
