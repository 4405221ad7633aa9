import { addDays, dayStart, daysBetween, localDay } from '../../analyze/calendar.ts';
import { detectDaily, type Episode } from '../../analyze/daily.ts';
import { describeDaily } from '../../analyze/describe.ts';
import { type DriverInput, findDrivers } from '../../analyze/drivers.ts';
import { ANALYSIS_DEFAULTS } from '../../analyze/options.ts';
import { severityOf } from '../../analyze/severity.ts';
import { median, sum } from '../../analyze/stats.ts';
import type { AppContext } from '../context.ts';
import { daily, type SpendItem } from './analyse-items.ts';
import type { SpendAnalysis } from './analyse-spend.ts';
import { withOrgFloor } from './plan.ts';

type Key = 'user' | 'project' | 'model';

/** Daily anomalies of the org and each project in the given transactions, judged on their own history. */
export function itemAnomalies(
  ctx: AppContext,
  input: { from: Date; to: Date; items: SpendItem[] },
): SpendAnalysis['anomalies'] {
  const tz = ctx.config.timezone;
  const first = localDay(new Date(input.from.getTime()), tz);
  const end = addDays(localDay(new Date(input.to.getTime() - 1), tz), 1);
  const earliest = new Date(
    input.items.reduce((m, i) => Math.min(m, i.timestamp.getTime()), input.from.getTime()),
  );
  const start = localDay(earliest, tz);
  const length = daysBetween(start, end);
  const org = daily(input.items, tz, start, length).get(null) ?? Array(length).fill(0);
  const orgDaily = median(org.slice(0, daysBetween(start, first)).filter((v) => v > 0)) || median(org);
  const options = withOrgFloor(ANALYSIS_DEFAULTS, orgDaily);
  const scopes: [string | null, number[]][] = [
    [null, org],
    ...daily(input.items, tz, start, length, 'project'),
  ];
  return scopes.flatMap(([project, values], i) =>
    detectDaily({ start, values }, first, options).episodes.map((e) =>
      finding(e, i === 0 ? undefined : project, {
        items: input.items,
        tz,
        currency: ctx.config.currency,
        orgDaily,
      }),
    ),
  );
}

/** One episode of the org (project undefined) or a project, in the analysis service's terms. */
function finding(
  e: Episode,
  project: string | null | undefined,
  ctx: { items: SpendItem[]; tz: string; currency: string; orgDaily: number },
): SpendAnalysis['anomalies'][number] {
  const expected = sum(e.days.map((d) => d.baseline.expected));
  const actual = sum(e.days.map((d) => d.actual));
  const drivers = findDrivers(driverInputs(ctx.items, e, ctx.tz, project), expected);
  const scope =
    project === undefined
      ? { dimension: 'org' as const, value: null }
      : { dimension: 'project' as const, value: project };
  const description = describeDaily({
    scope,
    start: e.start,
    end: e.end,
    actual,
    expected,
    lower: sum(e.days.map((d) => d.baseline.lower)),
    upper: sum(e.days.map((d) => d.baseline.upper)),
    currency: ctx.currency,
    drivers,
    becameNormal: e.becameNormal,
  });
  const sigma = Math.max(...e.days.map((d) => d.baseline.sigma));
  const topProject =
    (drivers.find((d) => d.dimension === 'project')?.value as string | null | undefined) ?? null;
  return {
    type: e.becameNormal ? 'sustained_increase' : 'spend_spike',
    project: project === undefined ? topProject : project,
    severity: severityOf({ actual, expected, sigma, orgDaily: ctx.orgDaily }),
    description,
  };
}

/** Spend by model, user and project on the episode's days and the two weeks before, for its drivers. */
function driverInputs(items: SpendItem[], e: Episode, tz: string, project?: string | null): DriverInput[] {
  const scoped = project === undefined ? items : items.filter((i) => i.project === project);
  const from = dayStart(addDays(e.start, -14), tz).getTime();
  const startAt = dayStart(e.start, tz).getTime();
  const endAt = dayStart(e.end, tz).getTime();
  const keys: Key[] = project === undefined ? ['model', 'user', 'project'] : ['model', 'user'];
  return keys.map((key) => {
    const actual = new Map<string | null, number>();
    const reference = new Map<string | null, number>();
    for (const i of scoped) {
      const t = i.timestamp.getTime();
      const into = t >= startAt && t < endAt ? actual : t >= from && t < startAt ? reference : null;
      into?.set(i[key], (into.get(i[key]) ?? 0) + Number(i.costMicros) / 1e6);
    }
    return { dimension: key, actual, reference };
  });
}
