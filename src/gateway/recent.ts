import { performance } from 'node:perf_hooks';

/**
 * Answers read for the gateway's hot path, kept `ttlMs` of wall time and dropped as soon as `changes()`
 * moves (a write in this process to what they were read from). Concurrent misses share one read; a
 * failed read is not kept.
 */
export class Recent<V> {
  private readonly kept = new Map<string, { value: Promise<V>; at: number; changes: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly changes: () => number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = performance.now();
    const changes = this.changes();
    const hit = this.kept.get(key);
    if (hit && hit.changes === changes && now - hit.at < this.ttlMs) return hit.value;
    if (this.kept.size > 10_000) this.kept.clear();
    const value = load();
    const entry = { value, at: now, changes };
    this.kept.set(key, entry);
    value.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return value;
  }
}
