import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';

/**
 * Writes spendlens.toml's `[[subscriptions]]` into the store once per context, before their first use,
 * so the API, the CLI and the daily spread see every subscription alike (as budgets do). The file's
 * subscriptions belong to the configured org. A failed sync is tried again on the next use.
 */
export function subscriptionsReady(ctx: AppContext, org: string): Promise<void> {
  if (org !== ctx.config.org) return Promise.resolve();
  const { state } = ctx;
  state.subscriptionsSynced ??= syncConfigSubscriptions(ctx).catch((error: unknown) => {
    state.subscriptionsSynced = null;
    throw error;
  });
  return state.subscriptionsSynced;
}

/** Upserts the file's subscriptions with origin `config` and removes config ones that left the file. */
async function syncConfigSubscriptions(ctx: AppContext): Promise<void> {
  const org = ctx.config.org;
  const stored = await ctx.subscriptions.listSubscriptions(org);
  const now = ctx.now();
  for (const s of ctx.config.subscriptions) {
    const prev = stored.find((x) => x.id === s.id);
    if (prev?.origin === 'api') {
      throw new AppError(
        'config_invalid',
        `subscription "${s.id}" is defined in spendlens.toml and through the API: rename one`,
      );
    }
    const definition = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
    if (prev && JSON.stringify(prev.definition) === JSON.stringify(definition)) continue;
    await ctx.subscriptions.putSubscription({
      org,
      id: s.id,
      origin: 'config',
      definition,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    });
  }
  const listed = new Set(ctx.config.subscriptions.map((s) => s.id));
  for (const gone of stored.filter((x) => x.origin === 'config' && !listed.has(x.id))) {
    await ctx.subscriptions.deleteSubscription(org, gone.id);
  }
}
