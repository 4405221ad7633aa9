import { appendFileSync, cpSync, mkdtempSync, readFileSync, renameSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexAgent } from '../../../src/present/cli/collect/agents.ts';
import { collectPass } from '../../../src/present/cli/collect/pass.ts';
import type { CollectState } from '../../../src/present/cli/collect/state.ts';
import {
  type CodexCarry,
  codexUsageEvents,
  type LogLine,
  readCodexLines,
} from '../../../src/sources/codex/index.ts';
import { ledger, perModel, tokenCountLine } from './helpers.ts';

// A Codex home with a parent session (P), its resumed copy (R), a Desktop fork (F), a sub-agent (S), a
// sub-agent whose parent is not on this machine (O), an archived copy of P, and two sessions (A archived,
// B active) whose first responses share a timestamp. See each file for what it holds.
const HOME = join(import.meta.dirname, '../../fixtures/codex/replays');
const P = '019a2a10-9c40-7a11-8000-0000000000a1';
const F = '019a2a47-8b00-7c33-8000-0000000000c3';
const S = '019a2a15-0560-7d44-8000-0000000000d4';
const PARENT_LOG = `sessions/2026/10/28/rollout-2026-10-28T09-00-00-${P}.jsonl`;
const FORK_LOG = `sessions/2026/10/28/rollout-2026-10-28T10-00-00-${F}.jsonl`;
const SUBAGENT_LOG = `sessions/2026/10/28/rollout-2026-10-28T09-05-00-${S}.jsonl`;
const HOUR_AGO = new Date(Date.now() - 3_600_000);

function workspace() {
  const dir = join(mkdtempSync(join(tmpdir(), 'spendlens-codex-')), 'codex');
  cpSync(HOME, dir, { recursive: true });
  const state: CollectState = { version: 1, target: 'test', files: {}, claudeMessages: {} };
  const agent = codexAgent({ user: 'ana@example.com', home: '/nowhere', codexDir: dir });
  const { records, push } = ledger();
  const pass = () => collectPass({ agents: [agent], state, push, now: new Date(), settleMs: 0 });
  return { dir, state, records, pass };
}

// Worked out by hand from the fixture, the events each session adds of its own (input incl. cached):
//   gpt-5      P: 10,000/6,000 cached/800 out/300 reasoning, 15,000/12,000/600/200, 20,000/16,000/1,000/400
//              F (after replaying P's first two): 13,000/9,000/500/200;  R (after copying P): 25,000/16,000/600/200
//              A: 8,000/3,000/500/200, 6,000/4,000/400/100
//   gpt-5-mini S (after replaying P's three): 3,000/1,000/300/100, 2,000/1,500/200/50
//              O (after its first-second burst): 1,500/1,000/150/20;  B: 3,000/0/250/0
// The rate-limit repeats, the archived copy of P and every replayed or copied event add nothing.
const EXPECTED = {
  'gpt-5': { input: 31_000, cached: 66_000, output: 4_400, reasoning: 1_600 },
  'gpt-5-mini': { input: 6_000, cached: 3_500, output: 900, reasoning: 170 },
};

describe('Codex logs copied between sessions', () => {
  it('count each event once: resumed, forked, sub-agent and archived copies add nothing', async () => {
    const { records, pass } = workspace();
    const summary = await pass();
    expect(perModel(records.values())).toEqual(EXPECTED);
    expect(summary.codex).toMatchObject({ files: 8, records: 11, added: 11, duplicates: 0, corrupt: 0 });
    // Two different responses at the same instant (A and B side by side) are both kept.
    const sameInstant = [...records.values()].filter((r) => r.timestamp === '2026-10-27T16:00:20.000Z');
    expect(sameInstant.map((r) => r.model).sort()).toEqual(['gpt-5', 'gpt-5-mini']);
    // A fork's own event stays the fork's; the copies of P's events stay P's.
    const sessions = [...records.values()].map((r) => r.tags?.session);
    expect(sessions.filter((s) => s === P)).toHaveLength(3);
    expect(sessions.filter((s) => s === F)).toHaveLength(1);
    expect(sessions.filter((s) => s === S)).toHaveLength(2);
  });

  it('adds nothing on a second run, nor when the state is lost, nor when a session is archived', async () => {
    const { dir, state, records, pass } = workspace();
    await pass();
    expect((await pass()).codex).toMatchObject({ records: 0, added: 0 });
    state.files = {};
    expect((await pass()).codex).toMatchObject({ records: 11, added: 0, duplicates: 11 });
    renameSync(
      join(dir, SUBAGENT_LOG),
      join(dir, `archived_sessions/rollout-2026-10-28T09-05-00-${S}.jsonl`),
    );
    // The archived log goes on where the session's log stopped: nothing is read again.
    expect((await pass()).codex).toMatchObject({ files: 1, records: 0, added: 0 });
    expect((await pass()).codex).toMatchObject({ files: 0, records: 0 });
    expect(perModel(records.values())).toEqual(EXPECTED);
  });

  it('adds only what is appended to a fork or a sub-agent later', async () => {
    const { dir, records, pass } = workspace();
    await pass();
    appendFileSync(
      join(dir, FORK_LOG),
      tokenCountLine('2026-10-28T10:05:00.000Z', [40000, 28000, 2000, 750], [2000, 1000, 100, 50]),
    );
    appendFileSync(
      join(dir, SUBAGENT_LOG),
      tokenCountLine('2026-10-28T09:06:00.000Z', [51000, 37000, 3000, 1060], [1000, 500, 100, 10]),
    );
    for (const log of [FORK_LOG, SUBAGENT_LOG]) utimesSync(join(dir, log), HOUR_AGO, HOUR_AGO);
    expect((await pass()).codex).toMatchObject({ files: 2, records: 2, added: 2 });
    expect(perModel(records.values())).toEqual({
      'gpt-5': { input: 32_000, cached: 67_000, output: 4_500, reasoning: 1_650 },
      'gpt-5-mini': { input: 6_500, cached: 4_000, output: 1_000, reasoning: 180 },
    });
  });
});

describe('a fork read in two passes', () => {
  const linesOf = (path: string): LogLine[] => {
    let start = 0;
    return readFileSync(join(HOME, path), 'utf8')
      .split('\n')
      .slice(0, -1)
      .map((text) => {
        const line = { text, start, end: start + Buffer.byteLength(text) + 1 };
        start = line.end;
        return line;
      });
  };
  const parentEvents = codexUsageEvents(linesOf(PARENT_LOG), P);
  const parents = (id: string) => (id === P ? parentEvents : null);
  const fresh: CodexCarry = { session: 'file', model: null, project: null, totals: null };

  it('keeps skipping the replay where the first pass stopped in the middle of it', () => {
    for (const path of [FORK_LOG, SUBAGENT_LOG]) {
      const lines = linesOf(path);
      const whole = readCodexLines(lines, fresh, 'ana', parents);
      for (let cut = 1; cut < lines.length; cut++) {
        const first = readCodexLines(lines.slice(0, cut), fresh, 'ana', parents);
        const second = readCodexLines(lines.slice(cut), first.carry, 'ana', parents);
        expect([...first.records, ...second.records]).toEqual(whole.records);
      }
    }
  });

  it('counts the copied history when nothing marks the log as a fork', () => {
    const chunk = readCodexLines(linesOf(FORK_LOG), fresh, 'ana');
    expect(chunk.records.map((r) => r.inputTokens)).toEqual([4000, 3000, 4000]);
  });
});
