import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { seesWholeOrg } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import {
  importLiteLLM,
  pricingOverview,
  repriceRecords,
  savePriceOverrides,
  updateCatalog,
} from '../../../app/pricing.ts';
import { AppError } from '../../../domain/errors.ts';
import { fieldErrors } from '../../../normalize/usage.ts';
import { type PriceEntry, priceEntrySchema, priceEntryToJson } from '../../../price/entry.ts';
import { principalOf } from '../auth.ts';

export const repriceSchema = z.object({ models: z.array(z.string().min(1)).optional() }).strict();

/** `/api/v1/pricing`: the catalog, saved overrides, unpriced models; overrides, LiteLLM import, re-pricing. */
export function pricingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/pricing', async (request) => {
    const overview = await pricingOverview(ctx, request.org);
    // why: the unpriced models' volumes are org-wide counts the store cannot split by team.
    return seesWholeOrg(principalOf(request)) ? overview : { ...overview, unpriced: [] };
  });

  app.put('/api/v1/pricing/overrides', async (request) => {
    deploymentOrg(ctx, request.org);
    const body = Array.isArray(request.body) ? request.body : [request.body];
    const entries = body.map((raw, i) => parseEntry(raw, body.length > 1 ? `[${i}].` : ''));
    await savePriceOverrides(ctx, entries, request.actor);
    const reprice = (request.query as Record<string, string>).reprice === 'true';
    const repriced = reprice
      ? await repriceRecords(ctx, {
          org: request.org,
          models: entries.map((e) => e.model),
          actor: request.actor,
        })
      : null;
    return { saved: entries.map(priceEntryToJson), repriced };
  });

  app.post('/api/v1/pricing/reprice', async (request) => {
    deploymentOrg(ctx, request.org);
    const parsed = repriceSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    return repriceRecords(ctx, { org: request.org, models: parsed.data.models, actor: request.actor });
  });

  app.post('/api/v1/pricing/import', async (request) => {
    deploymentOrg(ctx, request.org);
    return importLiteLLM(ctx, request.body, request.actor);
  });

  app.post('/api/v1/pricing/update', async (request) => {
    deploymentOrg(ctx, request.org);
    const parsed = updateSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    return updateCatalog(ctx, parsed.data, request.actor);
  });
}

/** A newer base catalog: genai-prices providers (its data.json, or an installed package's data) and where they came from. */
export const updateSchema = z.object({
  origin: z.string().trim().min(1).max(100),
  providers: z.array(z.unknown()).min(1).max(500),
});

// why: the live catalog and its saved overrides are the configured org's; another org's admin would
// otherwise change (or, by re-pricing, read) that org's prices.
function deploymentOrg(ctx: AppContext, org: string): void {
  if (org !== ctx.config.org) {
    throw new AppError('forbidden', 'price overrides belong to the org that runs this spendlens');
  }
}

function parseEntry(raw: unknown, prefix: string): PriceEntry {
  const parsed = priceEntrySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalid(fieldErrors(parsed.error).map((e) => ({ ...e, path: prefix + e.path })));
}

function invalid(errors: { path: string; message: string }[]): AppError {
  return new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}
