import { statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { AppContext } from '../../../app/context.ts';
import { ingestUsage, type IngestResult } from '../../../app/ingest.ts';
import type { FieldError } from '../../../domain/errors.ts';
import { detectFormat, type FileItem, readRecordFile } from '../read-records.ts';
import { callRemote, type Remote } from '../remote.ts';

export interface ImportSummary {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: { line: number; errors: FieldError[] }[];
}

/** Where records go: the store opened here, or a running server. */
export type ImportTarget = { ctx: AppContext } | { remote: Remote };

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
  const summary: ImportSummary = { read: 0, accepted: 0, duplicates: 0, rejected: [] };
  const bar = options.progress
    ? new SingleBar({
        format: 'importing [{bar}] {percentage}% | {records} records | {eta_formatted} left',
        hideCursor: true,
      })
    : null;
  bar?.start(statSync(path).size, 0, { records: 0 });
  try {
    for await (const batch of readRecordFile(path, format, options.batchSize ?? 20_000, (b) =>
      bar?.update(b),
    )) {
      const readable = batch.filter((item) => !item.error);
      for (const item of batch) {
        if (item.error)
          summary.rejected.push({ line: item.line, errors: [{ path: '(line)', message: item.error }] });
      }
      const result = await send(target, readable, source);
      summary.read += batch.length;
      summary.accepted += result.accepted;
      summary.duplicates += result.duplicates;
      for (const r of result.rejected)
        summary.rejected.push({ line: readable[r.index]?.line ?? 0, errors: r.errors });
      bar?.update({ records: summary.read });
    }
  } finally {
    bar?.stop();
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

async function send(target: ImportTarget, items: FileItem[], source: string): Promise<IngestResult> {
  const values = items.map((i) => i.value);
  if ('ctx' in target) return ingestUsage(target.ctx, { org: target.ctx.config.org, source, items: values });
  if (values.length === 0) return { accepted: 0, duplicates: 0, rejected: [] };
  const withSource = values.map((v) =>
    v && typeof v === 'object' && !('source' in v) ? { ...v, source } : v,
  );
  return (await callRemote(target.remote, 'POST', '/api/v1/usage', withSource)) as IngestResult;
}

/** The lines printed after an import; at most `maxErrors` rejections are listed. */
export function describeImport(path: string, s: ImportSummary, maxErrors = 20): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${path}: ${n(s.read)} records read, ${n(s.accepted)} added, ${n(s.duplicates)} already in the ledger, ${n(s.rejected.length)} rejected`,
  ];
  for (const r of s.rejected.slice(0, maxErrors)) {
    lines.push(`  line ${r.line}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  if (s.rejected.length > maxErrors)
    lines.push(`  … and ${n(s.rejected.length - maxErrors)} more rejected lines`);
  if (s.rejected.length)
    lines.push('Fix the lines above and import the file again: lines already added are skipped.');
  return lines;
}
