import { statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { refreshAnomalies, sinceFor } from '../../../app/analysis/refresh.ts';
import type { AppContext } from '../../../app/context.ts';
import { type IngestResult, prepareUsage } from '../../../app/ingest.ts';
import { mergeUnpriced, type UnpricedModel } from '../../../app/unpriced.ts';
import type { FieldError } from '../../../domain/errors.ts';
import type { BulkInsert } from '../../../store/types.ts';
import { detectFormat, type FileItem, readRecordFile } from '../read-records.ts';
import { callRemote, type Remote } from '../remote.ts';
import { describeUnpriced } from '../unpriced.ts';

export interface ImportSummary {
  read: number;
  accepted: number;
  duplicates: number;
  /** Billing rows left out because they are not AI spend (FOCUS, Cloud Billing). */
  skipped?: number;
  /** The same rows counted by reason, e.g. `{ 'ServiceCategory "Compute"': 800 }`. */
  skippedBy?: Record<string, number>;
  rejected: { line: number; errors: FieldError[] }[];
  /** Models the catalog cannot price: their records are stored `unpriced` (no cost, never $0). */
  unpriced: UnpricedModel[];
}

// why: records in memory at a time (also one request to a server); the store's bulk load writes larger transactions.
const IMPORT_BATCH = 10_000;

/** Where records go: the store opened here, or a running server. */
export type ImportTarget = { ctx: AppContext } | { remote: Remote };

/** The target as written to: the store's bulk load, or the server. */
type Sink = { ctx: AppContext; bulk: BulkInsert } | { remote: Remote };

/**
 * `spendlens import FILE`: streams a JSONL or CSV file into the ledger in batches. Valid lines land even
 * when others are rejected; each rejection names its line. Re-running the same file adds nothing.
 */
export async function importFile(
  path: string,
  target: ImportTarget,
  options: { format?: string; source?: string; progress: boolean; batchSize?: number },
): Promise<ImportSummary> {
  const format = detectFormat(path, options.format);
  const source = options.source ?? `import:${format}`;
  const summary: ImportSummary = { read: 0, accepted: 0, duplicates: 0, rejected: [], unpriced: [] };
  // The earliest timestamp among the records taken, so detection examines an import of old data from its start.
  let earliest = Number.POSITIVE_INFINITY;
  const bar = options.progress
    ? new SingleBar({
        format: 'importing [{bar}] {percentage}% | {records} records | {eta_formatted} left',
        hideCursor: true,
      })
    : null;
  bar?.start(statSync(path).size, 0, { records: 0 });
  // why: validating and pricing batch N+1 overlaps the store's write of batch N.
  let inFlight: Promise<void> = Promise.resolve();
  const sink: Sink = 'ctx' in target ? { ...target, bulk: await target.ctx.usage.bulkInsert() } : target;
  try {
    const batches = readRecordFile(path, format, options.batchSize ?? IMPORT_BATCH, (b) => bar?.update(b));
    for await (const batch of batches) {
      const readable: FileItem[] = [];
      for (const item of batch) {
        if (item.skip) {
          summary.skipped = (summary.skipped ?? 0) + 1;
          summary.skippedBy ??= {};
          summary.skippedBy[item.skip] = (summary.skippedBy[item.skip] ?? 0) + 1;
        } else if (item.error)
          summary.rejected.push({ line: item.line, errors: [{ path: '(line)', message: item.error }] });
        else readable.push(item);
      }
      summary.read += batch.length;
      const write = prepare(sink, readable, source, (ms) => {
        earliest = Math.min(earliest, ms);
      });
      await inFlight;
      inFlight = write().then((result) => {
        summary.accepted += result.accepted;
        summary.duplicates += result.duplicates;
        // why: a server older than the unpriced summary answers without one.
        summary.unpriced = mergeUnpriced(summary.unpriced, result.unpriced ?? []);
        for (const r of result.rejected) {
          summary.rejected.push({ line: readable[r.index]?.line ?? 0, errors: r.errors });
        }
        bar?.update({ records: summary.read });
      });
    }
    await inFlight;
    if ('bulk' in sink) {
      const written = await sink.bulk.finish();
      summary.accepted += written.inserted;
      summary.duplicates += written.duplicates;
    }
  } finally {
    bar?.stop();
  }
  // why: detection runs on what was imported whether or not anyone reads it; the server's alert job sends
  // what is new (an import through --server is detected there on the next evaluation).
  if ('ctx' in target && summary.accepted > 0)
    await detectAfterImport(target.ctx, Number.isFinite(earliest) ? new Date(earliest) : undefined);
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

/** Detects anomalies in the ledger just written to; a failure is said, and the import still stands. */
async function detectAfterImport(ctx: AppContext, earliest: Date | undefined): Promise<void> {
  // why: an import of old data is examined from its first day (past anomalies are listed, not sent).
  await refreshAnomalies(ctx, ctx.config.org, sinceFor(ctx, earliest)).catch((error: unknown) =>
    console.warn(
      `import: detecting anomalies failed: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
}

/**
 * Does the CPU work for a batch now and returns the write to start once the previous one is done. Into
 * the store opened here, records go to its bulk load and are counted when it finishes.
 */
function prepare(
  sink: Sink,
  items: FileItem[],
  source: string,
  seen: (earliestMs: number) => void,
): () => Promise<IngestResult> {
  const values = items.map((i) => i.value);
  if ('bulk' in sink) {
    const { ctx, bulk } = sink;
    const { records, rejected, unpriced } = prepareUsage(ctx, { org: ctx.config.org, source, items: values });
    let first = Number.POSITIVE_INFINITY;
    for (const r of records) first = Math.min(first, r.timestamp.getTime());
    seen(first);
    return async () => {
      await bulk.add(records);
      return { accepted: 0, duplicates: 0, rejected, unpriced };
    };
  }
  const withSource = values.map((v) =>
    v && typeof v === 'object' && !('source' in v) ? { ...v, source } : v,
  );
  return async () =>
    withSource.length === 0
      ? { accepted: 0, duplicates: 0, rejected: [], unpriced: [] }
      : ((await callRemote(sink.remote, 'POST', '/api/v1/usage', withSource)) as IngestResult);
}

/** The lines printed after an import; at most `maxErrors` rejections are listed. */
export function describeImport(path: string, s: ImportSummary, maxErrors = 20): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${path}: ${n(s.read)} records read, ${n(s.accepted)} added, ${n(s.duplicates)} already in the ledger, ${s.skipped ? `${n(s.skipped)} skipped (not AI spend), ` : ''}${n(s.rejected.length)} rejected`,
  ];
  const reasons = Object.entries(s.skippedBy ?? {}).sort(([, x], [, y]) => y - x);
  if (reasons.length)
    lines.push(`  skipped: ${reasons.map(([why, count]) => `${why} ${n(count)}`).join(', ')}`);
  for (const r of s.rejected.slice(0, maxErrors)) {
    lines.push(`  line ${r.line}: ${r.errors.map(describeError).join('; ')}`);
  }
  if (s.rejected.length > maxErrors)
    lines.push(`  … and ${n(s.rejected.length - maxErrors)} more rejected lines`);
  if (s.rejected.length)
    lines.push('Fix the lines above and import the file again: lines already added are skipped.');
  if (s.unpriced.length) {
    const count = s.unpriced.reduce((sum, x) => sum + x.count, 0);
    const records = `${n(count)} record${count === 1 ? '' : 's'}`;
    lines.push(`${records} of models with no price, stored unpriced: ${describeUnpriced(s.unpriced)}`);
    lines.push(
      'Add their prices (spendlens pricing import) and run spendlens pricing reprice, or fix the names; unpriced records never count as $0.',
    );
  }
  return lines;
}

// why: a message that already quotes its field ("unknown field \"tokens_inn\"…") reads better without it twice.
function describeError(e: FieldError): string {
  return e.message.includes(`"${e.path}"`) ? e.message : `${e.path}: ${e.message}`;
}
