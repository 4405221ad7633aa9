import { createHash } from 'node:crypto';
import { ruleInputSchema } from '../../attribute/index.ts';
import { AppError } from '../../domain/errors.ts';
import { fieldErrors } from '../../normalize/usage.ts';
import type { AppContext } from '../context.ts';
import { type ReapplyResult, reapplyRules, reloadAttribution } from './attribution.ts';

/** The rules in force, in order, each with where it was defined. */
export async function listRules(ctx: AppContext, org: string) {
  const stored = await ctx.sources.listRules(org);
  const saved = new Set(stored.map((r) => r.id));
  // why: the rules in memory (and the file's) are the configured org's; another org sees only its own.
  const inForce =
    org === ctx.config.org
      ? (ctx.attribution?.rules ?? [])
      : stored.map((r) => ({ id: r.id, input: ruleInputSchema.parse(r.rule) }));
  return inForce.map((r) => ({
    id: r.id,
    origin: saved.has(r.id) ? 'api' : 'config',
    match: r.input.match,
    set: r.input.set,
  }));
}

/**
 * Saves a rule (a new one goes last; an existing id keeps its place), then re-applies all rules to past
 * records so reports agree with the rule from now on.
 */
export async function saveRule(
  ctx: AppContext,
  org: string,
  raw: unknown,
): Promise<{ id: string; reapplied: ReapplyResult }> {
  const parsed = ruleInputSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
      errors,
    });
  }
  const input = parsed.data;
  const id = input.id ?? `r-${createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 10)}`;
  const existing = await ctx.sources.listRules(org);
  const position =
    existing.find((r) => r.id === id)?.position ?? Math.max(0, ...existing.map((r) => r.position)) + 1;
  await ctx.sources.putRule({ org, id, position, rule: { ...input, id }, updatedAt: ctx.now() });
  await reloadAttribution(ctx);
  return { id, reapplied: await reapplyRules(ctx, org) };
}

/** Deletes a saved rule; records it changed keep their values until another rule or source sets them. */
export async function deleteRule(ctx: AppContext, org: string, id: string): Promise<void> {
  if (!(await ctx.sources.deleteRule(org, id))) {
    throw new AppError('not_found', `no saved rule "${id}" (rules in spendlens.toml are changed there)`);
  }
  await reloadAttribution(ctx);
}
