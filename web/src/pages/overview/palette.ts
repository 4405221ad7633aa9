import { OTHER } from './series.ts';

/**
 * Series colours: Tableau 20 (Tableau 10 and its light partners), distinct for common colour-vision
 * deficiencies and readable on white in a screenshot. "Other" is a neutral grey so it never competes
 * with a named series.
 */
export const SERIES_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#a0cbe8',
  '#ffbe7d',
  '#8cd17d',
  '#b6992d',
  '#f1ce63',
  '#499894',
  '#86bcb6',
  '#d37295',
  '#fabfd2',
  '#d4a6c8',
  '#79706e',
];
export const OTHER_COLOR = '#bab0ac';

/** FNV-1a, 32 bits: a small, well-spread hash of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** "Other", or the breakdown's "Other (12)". */
const isOther = (name: string) => name === OTHER || name.startsWith(`${OTHER} (`);

const STORE_KEY = 'spendlens:series-colors';
/** Per dimension: series name → palette slot. */
type Slots = Record<string, Record<string, number>>;

function load(): Slots {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Slots) : {};
  } catch {
    return {};
  }
}

let slots: Slots | null = null;
const current = (): Slots => {
  slots ??= load();
  return slots;
};

/**
 * Gives each name of a dimension its slot once: the slot its name hashes to, or the next free one when
 * another name of the same dimension holds it (names taken in alphabetical order, never by rank).
 * why: a bare hash into 20 colours gives two of ten models the same colour half the time; kept in
 * localStorage, a slot once given stays with its name on every chart, page, range and reload.
 */
export function assignColors(dimension: string, names: Iterable<string>): void {
  const all = current();
  all[dimension] ??= {};
  const taken = all[dimension];
  const fresh = [...new Set(names)].filter((n) => !(n in taken) && !isOther(n));
  if (fresh.length === 0) return;
  const used = new Set(Object.values(taken));
  for (const name of fresh.sort()) {
    const home = hash(name) % SERIES_COLORS.length;
    let slot = home;
    for (let step = 0; step < SERIES_COLORS.length && used.has(slot); step++) {
      slot = (home + step + 1) % SERIES_COLORS.length;
    }
    // why: past 20 names a dimension shares colours; the name's own slot is as good as any then.
    const given = used.has(slot) ? home : slot;
    taken[name] = given;
    used.add(given);
  }
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(all));
  } catch {
    // a full or blocked storage only costs the colours' memory across reloads
  }
}

/**
 * The colour of a series of a dimension (`model`, `team`…), from its name, never from its rank.
 * why: a colour taken from the rank changed with the range (gemini-2.5-pro green in one, orange in the
 * next). Call `assignColors` with the names drawn first, so names of one dimension do not share one.
 */
export function seriesColor(dimension: string, name: string): string {
  if (isOther(name)) return OTHER_COLOR;
  const slot = current()[dimension]?.[name] ?? hash(name) % SERIES_COLORS.length;
  return SERIES_COLORS[slot] ?? OTHER_COLOR;
}
