/** Matches an ISO 8601 date-time that carries a zone: `Z` or `±hh:mm`. */
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses a zoned ISO 8601 timestamp into a UTC instant; a timestamp without a zone is an error, not a guess. */
export function parseZonedTimestamp(text: string): Date | string {
  if (!ZONED.test(text)) {
    return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)
      ? `timestamp "${text}" has no time zone: add "Z" for UTC or an offset such as "+02:00"`
      : `"${text}" is not an ISO 8601 timestamp with a zone (e.g. 2026-11-01T09:30:00Z)`;
  }
  const date = new Date(text.replace(' ', 'T'));
  if (Number.isNaN(date.getTime()) || !onCalendar(text)) return `"${text}" is not a valid date`;
  return inRange(text, date);
}

/** The first year spendlens takes: no one's AI spend is older, and PostgreSQL refuses year 0 outright. */
const FIRST_YEAR = 1970;

function inRange(text: string, date: Date): Date | string {
  return date.getUTCFullYear() < FIRST_YEAR ? `"${text}" is before ${FIRST_YEAR}` : date;
}

// why: Date.parse rolls 2026-02-30 over to March 2 and 24:00 to the next day instead of refusing them.
function onCalendar(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!m) return false;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1)
    .map((v) => (v === undefined ? undefined : Number(v))) as number[];
  if (y === undefined || mo === undefined || d === undefined) return false;
  const days = new Date(new Date(0).setUTCFullYear(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23 && mi <= 59 && s <= 59;
}

/** Parses a `from`/`to` query value: a zoned timestamp, or a calendar date taken as midnight UTC. */
export function parseInstantOrDate(text: string): Date | string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || !onCalendar(text)) return `"${text}" is not a valid date`;
    return inRange(text, date);
  }
  return parseZonedTimestamp(text);
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** True when `tz` is an IANA time zone name the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at `at`, in minutes (e.g. 330 for Asia/Kolkata). */
export function zoneOffsetMinutes(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}
