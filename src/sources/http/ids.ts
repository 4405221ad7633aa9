import { createHash } from 'node:crypto';

type Part = string | number | boolean | null | undefined;

/**
 * A record id from a bucket's key: readable prefix (provider, stream, width, start) and a hash of the
 * dimensions. Re-fetching the same bucket yields the same id, so a revised bucket replaces the old one.
 */
export function bucketId(prefix: string, dims: Part[]): string {
  const hash = createHash('sha256').update(JSON.stringify(dims)).digest('base64url');
  return `${prefix}:${hash.slice(0, 22)}`;
}

/**
 * Makes ids unique within one fetch: a provider that sends two rows with the same key (free-text line
 * items) keeps both, as `id`, `id#2`, … in the order sent.
 */
export function uniqueIds<T extends { id?: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const id = item.id ?? '';
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? item : { ...item, id: `${id}#${n}` };
  });
}

/** Numbers worth keeping as tags, as strings; zero and absent values are left out. */
export function countTags(values: Record<string, number | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value) out[key] = String(value);
  return out;
}
