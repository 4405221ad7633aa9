import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ClaudeEntry,
  claudeProject,
  claudeRoots,
  dedupeClaude,
  type LogLine,
  readClaudeLines,
} from '../../../src/sources/claude-code/index.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/claude-code/projects');
const ACME = join(FIXTURES, '-home-dev-acme-api/3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c.jsonl');
const file = { user: 'ana@example.com', projectDir: '-home-dev-acme-api', home: '/home/dev' };

/** A file's text as lines with byte offsets, as the collector reads them. */
function linesOf(text: string): LogLine[] {
  const lines: LogLine[] = [];
  let start = 0;
  for (const part of text.split('\n').slice(0, -1)) {
    const end = start + Buffer.byteLength(part) + 1;
    lines.push({ text: part, start, end });
    start = end;
  }
  return lines;
}

const read = (path: string, active = false) =>
  readClaudeLines(linesOf(readFileSync(path, 'utf8')), { active, file });
const models = (entries: ClaudeEntry[]) => entries.flatMap((e) => e.records.map((r) => r.model));

describe('Claude Code session logs', () => {
  it('reads assistant usage, skips corrupt lines and counts them, ignores synthetic and error lines', () => {
    const chunk = read(ACME);
    expect(chunk.corrupt).toBe(2);
    expect(chunk.entries.map((e) => e.key)).toEqual([
      'msg_01:req_01',
      'msg_01:req_01',
      'msg_02:req_02',
      'msg_02:req_03',
      'msg_03:req_04',
    ]);
    expect(chunk.entries[2]?.records).toEqual([
      expect.objectContaining({
        id: 'claude:msg_02:req_02',
        source: 'claude-code',
        provider: 'anthropic',
        model: 'claude-opus-4-1-20250805',
        user: 'ana@example.com',
        project: 'acme-api',
        inputTokens: 12,
        outputTokens: 800,
        cacheWriteTokens: 5000,
        tags: { agent: 'claude-code', session: '3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c', cacheTtl: '1h' },
      }),
    ]);
  });

  it('dedupes like ccusage: the most complete copy, no sidechain replays, sub-agent messages kept', () => {
    const kept = dedupeClaude(read(ACME).entries, new Set());
    expect(kept.map((e) => e.key)).toEqual(['msg_01:req_01', 'msg_02:req_02', 'msg_03:req_04']);
    expect(kept[0]?.records[0]).toMatchObject({
      outputTokens: 355,
      cacheReadTokens: 24511,
      cacheWriteTokens: 1820,
    });
    expect(models(kept)).toContain('claude-haiku-4-5-20251001');
  });

  it('drops a replay whose original was sent in an earlier pass', () => {
    const replay = read(ACME).entries.filter((e) => e.sidechain && e.messageId === 'msg_02');
    expect(dedupeClaude(replay, new Set())).toHaveLength(1);
    expect(dedupeClaude(replay, new Set(['msg_02']))).toHaveLength(0);
  });

  it('keeps costUSD as the estimate, splits 5-minute and 1-hour cache writes', () => {
    const billing = join(FIXTURES, '-home-dev-billing/5d1e0c1a-0000-4000-8000-000000000002/chat.jsonl');
    const entries = read(billing).entries;
    expect(entries[0]?.records[0]).toMatchObject({ cost: 0.12, costKind: 'estimated', project: 'billing' });
    const split = entries[3]?.records ?? [];
    expect(split.map((r) => [r.id, r.cacheWriteTokens, r.requests, r.tags?.cacheTtl])).toEqual([
      ['claude:msg_12:req_12', 600, undefined, undefined],
      ['claude:msg_12:req_12:1h', 300, 0, '1h'],
    ]);
  });

  it('leaves the last message of a log still being written for the next pass', () => {
    const lines = linesOf(readFileSync(ACME, 'utf8'));
    const chunk = readClaudeLines(lines.slice(0, 4), { active: true, file });
    expect(chunk.entries).toEqual([]);
    expect(chunk.consumed).toBe(lines[2]?.start);
    expect(readClaudeLines(lines.slice(0, 4), { active: false, file }).consumed).toBe(lines[3]?.end);
  });

  it('finds the projects directories and names projects', () => {
    expect(claudeRoots(' /a/claude , ,/b/projects', '/home/x')).toEqual([
      '/a/claude/projects',
      '/b/projects',
    ]);
    expect(claudeRoots(undefined, '/home/x')).toEqual([
      '/home/x/.config/claude/projects',
      '/home/x/.claude/projects',
    ]);
    expect(claudeProject('/home/dev/acme-api/', 'x', '/home/dev')).toBe('acme-api');
    expect(claudeProject(null, '-home-dev-acme-api', '/home/dev')).toBe('acme-api');
    expect(claudeProject(undefined, '-srv-work-tool', '/home/dev')).toBe('srv-work-tool');
  });
});
