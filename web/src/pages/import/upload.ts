import { ApiError, api } from '../../api/client.ts';
import type { IngestResponse } from '../../api/types.ts';
import type { FileItem, LineProblem } from './parse.ts';

export const BATCH_SIZE = 5_000;

export interface ImportReport {
  accepted: number;
  duplicates: number;
  /** Rejected lines, each rejection's index mapped back to the file's line number. */
  problems: LineProblem[];
}

/** Posts records to `POST /api/v1/usage` in batches, reporting progress after each one. */
export async function uploadItems(
  items: FileItem[],
  options: { onProgress: (sent: number) => void; signal?: AbortSignal; batchSize?: number },
): Promise<ImportReport> {
  const size = options.batchSize ?? BATCH_SIZE;
  const report: ImportReport = { accepted: 0, duplicates: 0, problems: [] };
  for (let offset = 0; offset < items.length; offset += size) {
    const batch = items.slice(offset, offset + size);
    // why: a batch whose records were all rejected answers 400 with the same body as a partial one.
    const answer = await api<IngestResponse & { error?: { code: string; message: string } }>(
      '/api/v1/usage',
      {
        method: 'POST',
        body: batch.map((item) => item.value),
        signal: options.signal,
        acceptStatus: [400],
      },
    );
    if (!Array.isArray(answer.rejected)) {
      throw new ApiError(
        400,
        answer.error?.code ?? 'bad_request',
        answer.error?.message ?? 'the server refused the batch',
      );
    }
    report.accepted += answer.accepted;
    report.duplicates += answer.duplicates;
    for (const rejection of answer.rejected) {
      const line = batch[rejection.index]?.line ?? 0;
      for (const error of rejection.errors) report.problems.push({ line, ...error });
    }
    options.onProgress(Math.min(offset + size, items.length));
  }
  return report;
}

/** The first and last day the records cover, to link to a view of them. */
export function daysCovered(items: FileItem[]): { from: Date; to: Date } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { value } of items) {
    const t = typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : Number.NaN;
    if (Number.isNaN(t)) continue;
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  return Number.isFinite(min) ? { from: new Date(min), to: new Date(max) } : null;
}
