import { z } from 'zod';

/**
 * How a catalog entry recognises model names it has no exact alias for, in the form genai-prices
 * writes it: `{starts_with: "claude-opus-4-6"}`, `{or: [...]}`, `{regex: "^gpt-5-\\d{4}"}`.
 */
export type MatchRule =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchRule[] }
  | { and: MatchRule[] };

const MAX_TEXT = 200;

export const matchRuleSchema: z.ZodType<MatchRule, MatchRule> = z.lazy(() =>
  z.union([
    z.strictObject({ equals: z.string().min(1).max(MAX_TEXT) }),
    z.strictObject({ starts_with: z.string().min(1).max(MAX_TEXT) }),
    z.strictObject({ ends_with: z.string().min(1).max(MAX_TEXT) }),
    z.strictObject({ contains: z.string().min(1).max(MAX_TEXT) }),
    z.strictObject({
      regex: z
        .string()
        .min(1)
        .max(MAX_TEXT)
        .refine((source) => compile(source) !== null, 'must be a valid regular expression'),
    }),
    z.strictObject({ or: z.array(matchRuleSchema).min(1).max(64) }),
    z.strictObject({ and: z.array(matchRuleSchema).min(1).max(64) }),
  ]),
);

/** Whether a lower-cased model name satisfies a rule; text in rules is compared lower-cased too. */
export function matchesRule(rule: MatchRule, name: string): boolean {
  if ('equals' in rule) return name === rule.equals.toLowerCase();
  if ('starts_with' in rule) return name.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return name.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return name.includes(rule.contains.toLowerCase());
  if ('regex' in rule) return compile(rule.regex)?.test(name) ?? false;
  if ('or' in rule) return rule.or.some((r) => matchesRule(r, name));
  return rule.and.every((r) => matchesRule(r, name));
}

const compiled = new Map<string, RegExp | null>();

// why: rules come from price files; a pattern is compiled once and a bad one matches nothing.
function compile(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'i');
    } catch {
      re = null;
    }
    compiled.set(source, re);
  }
  return re;
}
