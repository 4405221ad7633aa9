import {
  type Attribution,
  applyRules,
  compileRule,
  createActivityIndex,
  type Rule,
  ruleInputSchema,
} from '../../attribute/index.ts';
import type { Config } from '../../config/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { INVOICE_SERVICE } from '../../domain/record.ts';
import { DAY_MS } from '../../lib/time.ts';
import { fieldErrors } from '../../normalize/usage.ts';
import type { SourceRepo } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/** How far back the in-memory index reaches; older activities are joined when they arrive, by the store. */
const ACTIVITY_HORIZON_MS = 7 * DAY_MS;

/** Rules from spendlens.toml; a bad one stops start-up naming `attribution.rules[i].field`. */
export function configRules(config: Config): Rule[] {
  return config.attribution.rules.map((raw, i) => {
    const parsed = ruleInputSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = fieldErrors(parsed.error).map(
        (e) => `  attribution.rules[${i}].${e.path}: ${e.message}`,
      );
      throw new AppError(
        'config_invalid',
        `invalid attribution rule in spendlens.toml:\n${detail.join('\n')}`,
      );
    }
    return compileRule(parsed.data.id ?? `config-${i + 1}`, parsed.data);
  });
}

/** The rules in force: the file's first, then those saved through the API, in their order. */
export async function loadRules(config: Config, sources: SourceRepo): Promise<Rule[]> {
  const saved = await sources.listRules(config.org);
  return [...configRules(config), ...saved.map((r) => compileRule(r.id, ruleInputSchema.parse(r.rule)))];
}

/** Rules and the recent activities, as the attribute stage reads them. */
export async function loadAttribution(ctx: {
  config: Config;
  sources: SourceRepo;
  now: () => Date;
}): Promise<Attribution> {
  const now = ctx.now().getTime();
  const range = { from: new Date(now - ACTIVITY_HORIZON_MS), to: new Date(now + DAY_MS) };
  const activities = await ctx.sources.listActivities(ctx.config.org, range);
  const tolerance = ctx.config.attribution.activityToleranceSeconds * 1000;
  return {
    rules: await loadRules(ctx.config, ctx.sources),
    activities: createActivityIndex(activities, tolerance),
  };
}

export async function reloadAttribution(ctx: AppContext): Promise<void> {
  ctx.attribution = await loadAttribution(ctx);
}

export interface ReapplyResult {
  examined: number;
  changed: number;
}

/**
 * Re-applies the rules in force to every stored record (invoice lines included) and rewrites those whose
 * team, project or context changed; the store keeps rollups in step. A deleted rule's past effect stays.
 */
export async function reapplyRules(ctx: AppContext, org: string): Promise<ReapplyResult> {
  const rules = ctx.attribution?.rules ?? (await loadRules(ctx.config, ctx.sources));
  const result: ReapplyResult = { examined: 0, changed: 0 };
  for (const service of [undefined, [INVOICE_SERVICE]]) {
    for await (const batch of ctx.usage.scanUsage({ org, dimensions: service ? { service } : {} }, 5_000)) {
      result.examined += batch.length;
      const changed = batch.map((r) => applyRules(r, rules)).filter((r, i) => r !== batch[i]);
      if (changed.length) await ctx.usage.replaceUsage(org, changed);
      result.changed += changed.length;
    }
  }
  return result;
}
