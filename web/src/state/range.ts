import { differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';
import { dayPeriod, type PeriodId, resolvePeriod } from '../../../src/domain/periods.ts';

export const PRESETS = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'wtd', label: 'This week' },
  { id: 'lastweek', label: 'Last week' },
  { id: 'mtd', label: 'Month to date' },
  { id: 'lastmonth', label: 'Last month' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

/** A range as the URL holds it: a preset, or calendar days `from`…`to` (both inclusive, local time). */
export type RangeSpec = { kind: 'preset'; preset: PresetId } | { kind: 'custom'; from: string; to: string };

/** A range resolved to instants: `from` inclusive, `to` exclusive. */
export interface ResolvedRange {
  from: Date;
  to: Date;
  label: string;
  /** The span it is compared with (src/domain/periods.ts): last month against the month before it. */
  previous: { from: Date; to: Date };
}

const DEFAULT_PRESET: PresetId = '30d';
export const DEFAULT_RANGE: RangeSpec = { kind: 'preset', preset: DEFAULT_PRESET };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads `range=7d` or `from=2026-11-01&to=2026-11-07` from the query; anything else is the default. */
export function readRange(params: URLSearchParams): RangeSpec {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && DAY.test(from) && DAY.test(to) && isValid(parseISO(from)) && isValid(parseISO(to))) {
    return from <= to ? { kind: 'custom', from, to } : { kind: 'custom', from: to, to: from };
  }
  const preset = PRESETS.find((p) => p.id === params.get('range'));
  return preset ? { kind: 'preset', preset: preset.id } : DEFAULT_RANGE;
}

/** The query parameters that write a range into the URL. */
export function rangeParams(spec: RangeSpec): Record<string, string | null> {
  return spec.kind === 'preset'
    ? { range: spec.preset === DEFAULT_PRESET ? null : spec.preset, from: null, to: null }
    : { range: null, from: spec.from, to: spec.to };
}

const PRESET_PERIOD: Record<PresetId, PeriodId> = {
  today: 'today',
  '7d': '7d',
  '30d': '30d',
  wtd: 'this-week',
  lastweek: 'last-week',
  mtd: 'this-month',
  lastmonth: 'last-month',
};

/** The browser's zone: the dashboard's days are its user's days (the API is sent the same `tz`). */
const BROWSER_TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Turns a range into instants with the periods the API and CLI use (src/domain/periods.ts): ranges that
 * end now end at the next full hour, and each carries what it is compared with.
 */
export function resolveRange(spec: RangeSpec, now: Date, tz = BROWSER_TZ): ResolvedRange {
  if (spec.kind === 'custom') {
    const { from, to, previous } = dayPeriod(spec.from, spec.to, tz);
    const label =
      spec.from === spec.to
        ? format(parseISO(spec.from), 'd MMM yyyy')
        : `${format(parseISO(spec.from), 'd MMM')} – ${format(parseISO(spec.to), 'd MMM yyyy')}`;
    return { from, to, label, previous };
  }
  const { from, to, previous } = resolvePeriod(PRESET_PERIOD[spec.preset], now, tz);
  return { from, to, previous, label: PRESETS.find((p) => p.id === spec.preset)?.label ?? '' };
}

/** The trend's bucket when the URL names none: hours for a day or two, weeks past three months. */
export function defaultBucket(range: ResolvedRange): 'hour' | 'day' | 'week' {
  const days = differenceInCalendarDays(range.to, range.from);
  return days <= 2 ? 'hour' : days > 92 ? 'week' : 'day';
}

/** What a range is compared with, for "what changed": as the API's summary compares it. */
export function previousRange(range: ResolvedRange): { from: Date; to: Date } {
  return range.previous;
}

/** A calendar day as the URL writes it. */
export function dayString(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}
