import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('spendlens reports run for a past period', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-reports-cli-'));

  it('archives a past week without sending it, and says how to send it', async () => {
    const past = await cli(['reports', 'run', 'weekly', '--date', '2025-11-16'], { cwd });
    expect(past.code).toBe(0);
    expect(past.stdout).toContain('report-2025-W46');
    expect(past.stderr).toContain(
      'report-2025-W46 is a past report: archived, not sent (add --send to send it to the channels).',
    );
  }, 30_000);

  it('sends it with --send, once', async () => {
    const sent = await cli(['reports', 'run', 'weekly', '--date', '2025-11-16', '--send'], { cwd });
    expect(sent.code).toBe(0);
    expect(sent.stderr).not.toContain('not sent');
    const again = await cli(['reports', 'run', 'weekly', '--date', '2025-11-16', '--send'], { cwd });
    expect(again.stderr).toContain('report-2025-W46 had been sent before: not sent again.');
  }, 30_000);
});
