import { createHash } from 'node:crypto';
import { z } from 'zod';
import { activitySpan } from '../../attribute/index.ts';
import { AppError } from '../../domain/errors.ts';
import { parseZonedTimestamp } from '../../lib/time.ts';
import { fieldErrors } from '../../normalize/usage.ts';
import type { StoredActivity, Visibility } from '../../store/types.ts';
import { canSeeUsageOf } from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { reloadAttribution } from './attribution.ts';

const instant = z.string().transform((text, ctx) => {
  const parsed = parseZonedTimestamp(text);
  if (typeof parsed !== 'string') return parsed;
  ctx.addIssue({ code: 'custom', message: parsed });
  return z.NEVER;
});
const label = z.string().trim().min(1).max(256);

/** `POST /api/v1/activity`: `{id?, user, context, project?, team?, start, end}`. */
export const activityInputSchema = z
  .object({
    id: label.optional(),
    user: label,
    context: z.string().trim().min(1).max(1000),
    project: label.nullish(),
    team: label.nullish(),
    start: instant,
    end: instant,
  })
  .strict()
  .refine((a) => a.end >= a.start, { message: 'must not be before start', path: ['end'] });

export interface ActivityResult {
  accepted: number;
  /** Records already in the ledger that the activities claimed. */
  joined: number;
}

/**
 * Stores activities, then joins them to records that arrived before them: records of the user within
 * each window (± the tolerance) that have no context yet get the activity's. Later records are joined
 * at ingest. Invalid items reject the whole call, naming each by index.
 */
export async function addActivities(
  ctx: AppContext,
  input: { org: string; source: string; items: unknown[] },
): Promise<ActivityResult> {
  const errors = input.items.flatMap((item, i) => {
    const parsed = activityInputSchema.safeParse(item);
    return parsed.success ? [] : fieldErrors(parsed.error).map((e) => ({ ...e, path: `[${i}].${e.path}` }));
  });
  if (errors.length) {
    throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
      errors,
    });
  }
  const activities = input.items.map((item) => toStored(activityInputSchema.parse(item), input));
  await ctx.sources.putActivities(activities);
  const tolerance = ctx.config.attribution.activityToleranceSeconds * 1000;
  let joined = 0;
  for (const a of activities) {
    joined += await ctx.sources.setContext(input.org, {
      user: a.user,
      context: a.context,
      ...activitySpan(a, tolerance),
    });
  }
  await reloadAttribution(ctx);
  return { accepted: activities.length, joined };
}

function toStored(
  a: z.output<typeof activityInputSchema>,
  input: { org: string; source: string },
): StoredActivity {
  const id =
    a.id ??
    `a:${createHash('sha256')
      .update(JSON.stringify([a.user, a.context, a.start, a.end]))
      .digest('base64url')
      .slice(0, 22)}`;
  return {
    org: input.org,
    id,
    user: a.user,
    context: a.context,
    project: a.project ?? null,
    team: a.team ?? null,
    start: a.start,
    end: a.end,
    source: input.source,
  };
}

/** Activities overlapping a period that the (scoped) filter may see, for `GET /api/v1/activity`. */
export async function listActivities(
  ctx: AppContext,
  filter: { org: string; from: Date; to: Date; visibility?: Visibility },
) {
  const found = await ctx.sources.listActivities(filter.org, filter);
  return found
    .filter((a) => canSeeUsageOf(filter.visibility, a))
    .map(({ org: _org, start, end, ...rest }) => ({
      ...rest,
      start: start.toISOString(),
      end: end.toISOString(),
    }));
}
