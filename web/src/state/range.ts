import {
  addDays,
  differenceInCalendarDays,
  format,
  isValid,
  parseISO,
  startOfDay,
  startOfMonth,
  subDays,
  subMonths,
} from 'date-fns';

export const PRESETS = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
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

/** Turns a range into instants; ranges that end now end at the next full hour, as the API's default does. */
export function resolveRange(spec: RangeSpec, now: Date): ResolvedRange {
  const end = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const today = startOfDay(now);
  if (spec.kind === 'custom') {
    const from = startOfDay(parseISO(spec.from));
    const to = addDays(startOfDay(parseISO(spec.to)), 1);
    const label =
      spec.from === spec.to
        ? format(from, 'd MMM yyyy')
        : `${format(from, 'd MMM')} – ${format(subDays(to, 1), 'd MMM yyyy')}`;
    return { from, to, label };
  }
  const label = PRESETS.find((p) => p.id === spec.preset)?.label ?? '';
  switch (spec.preset) {
    case 'today':
      return { from: today, to: end, label };
    case '7d':
      return { from: subDays(today, 6), to: end, label };
    case '30d':
      return { from: subDays(today, 29), to: end, label };
    case 'mtd':
      return { from: startOfMonth(now), to: end, label };
    case 'lastmonth':
      return { from: startOfMonth(subMonths(now, 1)), to: startOfMonth(now), label };
    default:
      return spec.preset satisfies never;
  }
}

/** The trend's bucket when the URL names none: hours for a day or two, weeks past three months. */
export function defaultBucket(range: ResolvedRange): 'hour' | 'day' | 'week' {
  const days = differenceInCalendarDays(range.to, range.from);
  return days <= 2 ? 'hour' : days > 92 ? 'week' : 'day';
}

/** The period of equal length just before a range, for "what changed". */
export function previousRange(range: ResolvedRange): { from: Date; to: Date } {
  const span = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - span), to: range.from };
}

/** A calendar day as the URL writes it. */
export function dayString(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}
