import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../src/present/cli/commands/import.ts';
import { watchFolder } from '../../../src/present/cli/commands/watch.ts';
import { startTestApp } from '../../helpers/app.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

describe('import --watch', () => {
  it('imports billing exports as they appear and ignores other files', async () => {
    const t = await startTestApp();
    const dir = mkdtempSync(join(tmpdir(), 'spendlens-watch-'));
    const abort = new AbortController();
    const seen: [string, ImportSummary][] = [];
    const arrived = (n: number) =>
      new Promise<void>((done) => {
        const timer = setInterval(() => {
          if (seen.length >= n) {
            clearInterval(timer);
            done();
          }
        }, 20);
      });
    writeFileSync(join(dir, 'notes.txt'), 'not an export');
    const running = watchFolder(
      dir,
      { ctx: t.ctx },
      {
        intervalMs: 50,
        signal: abort.signal,
        onImport: (file, s) => seen.push([file, s]),
      },
    );
    try {
      copyFileSync(join(FIXTURES, 'focus/anthropic-openai-2025-08.csv'), join(dir, 'focus.csv'));
      await arrived(1);
      copyFileSync(join(FIXTURES, 'gcp-billing/export.jsonl'), join(dir, 'gcp.jsonl'));
      await arrived(2);
      abort.abort();
      await running;
      expect(seen.map(([f, s]) => [f.slice(dir.length + 1), s.accepted, s.skipped])).toEqual([
        ['focus.csv', 3, 1],
        ['gcp.jsonl', 2, 1],
      ]);
      expect(await t.ctx.usage.countUsage(t.ctx.config.org)).toBe(5);
    } finally {
      abort.abort();
      await running;
      await t.close();
    }
  });
});
