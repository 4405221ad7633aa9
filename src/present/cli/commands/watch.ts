import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ImportSummary, type ImportTarget, importFile } from './import.ts';

/** The billing format of a file in a watched folder, from its extension and CSV header; null to ignore it. */
export function billingFormat(path: string): 'focus' | 'gcp-billing' | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'gcp-billing';
  if (ext !== '.csv') return null;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const header = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    if (/\bBilledCost\b/.test(header)) return 'focus';
    if (/Service description/i.test(header)) return 'gcp-billing';
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * `spendlens import --watch DIR`: imports billing exports (FOCUS CSV, Cloud Billing JSON lines or CSV)
 * as they appear or change, polling every `intervalMs` until `signal` aborts. Stable ids make
 * re-importing a rewritten file safe.
 */
export async function watchFolder(
  dir: string,
  target: ImportTarget,
  options: { intervalMs: number; signal: AbortSignal; onImport: (file: string, s: ImportSummary) => void },
): Promise<void> {
  const seen = new Map<string, string>();
  while (!options.signal.aborted) {
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) continue;
      const version = `${stat.size}:${stat.mtimeMs}`;
      if (seen.get(file) === version) continue;
      const format = billingFormat(file);
      seen.set(file, version);
      if (!format) continue;
      options.onImport(file, await importFile(file, target, { format, progress: false }));
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => {});
  }
}
