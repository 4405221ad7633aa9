import { DRIVER_DIMENSIONS } from '../../analyze/anomaly.ts';
import { addDays, dayStart, localDay } from '../../analyze/calendar.ts';
import { type Driver, type DriverInput, findDrivers } from '../../analyze/drivers.ts';
import { SEAT_SERVICE } from '../../domain/subscriptions.ts';
import type { AppContext } from '../context.ts';
import { querySpend } from '../spend.ts';
import type { Candidate } from './candidates.ts';
import type { RefreshPlan } from './plan.ts';

/** Days before an anomaly whose mix of models, users, projects and contexts is the reference. */
const REFERENCE_DAYS = 14;

/**
 * Which model, user, project and context values explain an anomaly: its scope's spend by each of them,
 * over the anomaly's period and the two weeks before it, one query per dimension.
 */
export async function driversFor(ctx: AppContext, c: Candidate, plan: RefreshPlan): Promise<Driver[]> {
  const scoped = c.scope.dimension === 'org' ? {} : { dimensions: { [c.scope.dimension]: [c.scope.value] } };
  const from = dayStart(addDays(localDay(c.periodStart, plan.tz), -REFERENCE_DAYS), plan.tz);
  const dims = DRIVER_DIMENSIONS.filter((d) => d !== c.scope.dimension);
  const inputs = await Promise.all(
    dims.map(async (dimension): Promise<DriverInput> => {
      const result = await querySpend(ctx, {
        org: plan.org,
        ...scoped,
        // why: as detection reads it (series.ts): a seat's fixed fee drives no anomaly.
        excludeServices: [SEAT_SERVICE],
        from,
        to: c.periodEnd,
        groupBy: [dimension],
        bucket: 'day',
        tz: plan.tz,
      });
      const actual = new Map<string | null, number>();
      const reference = new Map<string | null, number>();
      for (const row of result.rows) {
        const into = row.bucket && row.bucket >= c.periodStart ? actual : reference;
        const value = row.dims[dimension] ?? null;
        into.set(value, (into.get(value) ?? 0) + Number(row.costMicros) / 1e6);
      }
      return { dimension, actual, reference };
    }),
  );
  return findDrivers(inputs, c.expected);
}
