import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CodexCarry,
  codexRoots,
  type LogLine,
  readCodexLines,
} from '../../../src/sources/codex/index.ts';

const LOG = join(
  import.meta.dirname,
  '../../fixtures/codex/sessions/2026/11/02/rollout-2026-11-02T11-00-00-0199a213-81c0-7800-8aa1-bbab2a035a53.jsonl',
);
const fresh: CodexCarry = { session: 'rollout-file', model: null, project: null, totals: null };

function linesOf(text: string): LogLine[] {
  let start = 0;
  return text
    .split('\n')
    .slice(0, -1)
    .map((part) => {
      const line = { text: part, start, end: start + Buffer.byteLength(part) + 1 };
      start = line.end;
      return line;
    });
}

describe('Codex session logs', () => {
  const lines = linesOf(readFileSync(LOG, 'utf8'));

  it('turns token_count events into records, cached input apart, repeats and corrupt lines skipped', () => {
    const chunk = readCodexLines(lines, fresh, 'ana@example.com');
    expect(chunk.corrupt).toBe(1);
    expect(chunk.records).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^codex:[0-9a-f]{32}$/),
        source: 'codex',
        timestamp: '2026-11-02T11:00:10.000Z',
        provider: 'openai',
        model: 'gpt-5',
        user: 'ana@example.com',
        project: 'acme-api',
        tags: { agent: 'codex', session: '0199a213-81c0-7800-8aa1-bbab2a035a53' },
        inputTokens: 4000,
        cacheReadTokens: 8000,
        outputTokens: 900,
        reasoningTokens: 512,
      }),
      expect.objectContaining({
        inputTokens: 2000,
        cacheReadTokens: 16000,
        outputTokens: 600,
        reasoningTokens: 188,
      }),
    ]);
  });

  it('gives the same records when a log is read in two passes, the carry in between', () => {
    const first = readCodexLines(lines.slice(0, 5), fresh, 'ana');
    const second = readCodexLines(lines.slice(5), first.carry, 'ana');
    const whole = readCodexLines(lines, fresh, 'ana');
    expect([...first.records, ...second.records]).toEqual(whole.records);
    expect(second.carry).toEqual(whole.carry);
  });

  it('uses last_token_usage when there is no running total, and guesses gpt-5 without a model', () => {
    const event = JSON.stringify({
      timestamp: '2026-11-02T12:00:00Z',
      type: 'event_msg',
      payload: { type: 'token_count', info: { last_token_usage: { input_tokens: 50, output_tokens: 5 } } },
    });
    const chunk = readCodexLines([{ text: event, start: 0, end: event.length + 1 }], fresh, 'ana');
    expect(chunk.records[0]).toMatchObject({
      model: 'gpt-5',
      inputTokens: 50,
      tags: { modelGuessed: 'true' },
    });
  });

  it('finds the sessions and archived sessions directories', () => {
    expect(codexRoots(undefined, '/home/x')).toEqual([
      '/home/x/.codex/sessions',
      '/home/x/.codex/archived_sessions',
    ]);
    expect(codexRoots('/opt/codex', '/home/x')).toEqual([
      '/opt/codex/sessions',
      '/opt/codex/archived_sessions',
    ]);
    expect(codexRoots('/opt/codex/sessions', '/home/x')).toEqual(['/opt/codex/sessions']);
  });

  it('reads every home of a comma-separated list, as ccusage takes CODEX_HOME', () => {
    expect(codexRoots(' /opt/codex , /mnt/old/sessions,,/opt/codex', '/home/x')).toEqual([
      '/opt/codex/sessions',
      '/opt/codex/archived_sessions',
      '/mnt/old/sessions',
    ]);
    expect(codexRoots(' , ', '/home/x')).toEqual([
      '/home/x/.codex/sessions',
      '/home/x/.codex/archived_sessions',
    ]);
  });
});
