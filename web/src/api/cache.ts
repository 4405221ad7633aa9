import { api } from './client.ts';

/** How long an answer is reused before it is asked again. */
const FRESH_MS = 30_000;
const MAX_ENTRIES = 200;

interface Entry {
  at: number;
  promise: Promise<unknown>;
  data?: unknown;
}

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
let generation = 0;

/** Loads a GET path, reusing a fresh answer or an in-flight request for the same path. */
export function load<T>(path: string): Promise<T> {
  const hit = entries.get(path);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.promise as Promise<T>;
  const entry: Entry = { at: Date.now(), promise: api<T>(path) };
  entry.promise.then(
    (data) => {
      entry.data = data;
    },
    () => entries.delete(path),
  );
  entries.set(path, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return entry.promise as Promise<T>;
}

/** A fresh answer already in memory, so a view can draw at once without a loading state. */
export function cached<T>(path: string): T | undefined {
  const hit = entries.get(path);
  return hit && Date.now() - hit.at < FRESH_MS ? (hit.data as T | undefined) : undefined;
}

/** Forgets every answer after a write (an import, a price change) so all views load anew. */
export function invalidateAll(): void {
  entries.clear();
  generation++;
  for (const listener of listeners) listener();
}

export function subscribeGeneration(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentGeneration(): number {
  return generation;
}
