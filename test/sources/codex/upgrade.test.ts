import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UsageInput } from '../../../src/normalize/usage.ts';
import { codexAgent } from '../../../src/present/cli/collect/agents.ts';
import { collectPass } from '../../../src/present/cli/collect/pass.ts';
import { loadState } from '../../../src/present/cli/collect/state.ts';
import { ledger, perModel, tokenCountLine } from './helpers.ts';

// What the collector before content ids (6b51e37^) left behind after reading the replays home, laid out as
// it was before anything was archived, with the fork's log then ending after its own first event: its state
// file (paths relative to the Codex home) and the records it sent, ids `codex:<session>:<byte offset>`.
const FIXTURES = join(import.meta.dirname, '../../fixtures/codex');
const OLD_STATE = join(FIXTURES, 'upgrade/collect-state.v1.json');
const OLD_LEDGER: UsageInput[] = JSON.parse(readFileSync(join(FIXTURES, 'upgrade/ledger.v1.json'), 'utf8'));
const P_LOG = 'sessions/2026/10/28/rollout-2026-10-28T09-00-00-019a2a10-9c40-7a11-8000-0000000000a1.jsonl';
const A_LOG = 'sessions/2026/10/27/rollout-2026-10-27T16-00-00-019a2500-1100-7a77-8000-0000000000a7.jsonl';
const S = '019a2a15-0560-7d44-8000-0000000000d4';
const S_LOG = `sessions/2026/10/28/rollout-2026-10-28T09-05-00-${S}.jsonl`;
const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** The Codex home the old collector read, its logs grown since, and its state file pointing at them. */
function upgraded() {
  const root = mkdtempSync(join(tmpdir(), 'spendlens-codex-upgrade-'));
  const dir = join(root, 'codex');
  cpSync(join(FIXTURES, 'replays/sessions'), join(dir, 'sessions'), { recursive: true });
  cpSync(join(FIXTURES, 'replays/archived_sessions', basename(A_LOG)), join(dir, A_LOG));
  const old = JSON.parse(readFileSync(OLD_STATE, 'utf8'));
  // why: the same files the old collector read, so the same inodes.
  old.files = Object.fromEntries(
    Object.entries(old.files as Record<string, object>).map(([path, file]) => {
      const { ino, mtimeMs } = statSync(join(dir, path));
      return [join(dir, path), { ...file, ino, mtimeMs: Math.trunc(mtimeMs) }];
    }),
  );
  const statePath = join(root, 'collect-state.json');
  writeFileSync(statePath, JSON.stringify(old));
  const { state, warning } = loadState(statePath, 'test');
  const agent = codexAgent({ user: 'ana@example.com', home: '/nowhere', codexDir: dir });
  const { records, push } = ledger(OLD_LEDGER);
  const pass = () => collectPass({ agents: [agent], state, push, now: new Date(), settleMs: 0 });
  const archive = (log: string) => {
    mkdirSync(join(dir, 'archived_sessions'), { recursive: true });
    renameSync(join(dir, log), join(dir, 'archived_sessions', basename(log)));
  };
  return { dir, state, warning, records, pass, archive };
}

const BEFORE = perModel(OLD_LEDGER);

describe('upgrading from the collector that keyed Codex records by byte offset', () => {
  it('reads its state as it is, and the logs it read add nothing', async () => {
    const { state, warning, records, pass } = upgraded();
    expect(warning).toBeUndefined();
    expect(Object.keys(state.files)).toHaveLength(7);
    // The fork's log has grown by a rate-limit repeat of its last totals since: that is not usage.
    expect((await pass()).codex).toMatchObject({ files: 1, records: 0, added: 0 });
    expect(perModel(records.values())).toEqual(BEFORE);
  });

  it('adds nothing when Codex archives a log it read, after the upgrade or before it', async () => {
    const after = upgraded();
    await after.pass();
    after.archive(P_LOG);
    after.archive(A_LOG);
    expect((await after.pass()).codex).toMatchObject({ files: 2, records: 0, added: 0 });
    expect((await after.pass()).codex).toMatchObject({ files: 0, records: 0 });
    expect(perModel(after.records.values())).toEqual(BEFORE);

    const before = upgraded();
    before.archive(P_LOG);
    before.archive(A_LOG);
    expect((await before.pass()).codex).toMatchObject({ records: 0, added: 0 });
    expect((await before.pass()).codex).toMatchObject({ files: 0, records: 0 });
    expect(perModel(before.records.values())).toEqual(BEFORE);
  });

  it('adds what is appended later, once, to the session that wrote it', async () => {
    const { dir, records, pass, archive } = upgraded();
    await pass();
    appendFileSync(
      join(dir, S_LOG),
      tokenCountLine('2026-10-28T09:06:00.000Z', [51000, 37000, 3000, 1060], [1000, 500, 100, 10]),
    );
    utimesSync(join(dir, S_LOG), HOUR_AGO, HOUR_AGO);
    const summary = await pass();
    expect(summary.codex).toMatchObject({ files: 1, records: 1, added: 1 });
    archive(S_LOG);
    expect((await pass()).codex).toMatchObject({ records: 0, added: 0 });
    const added = [...records.values()].filter((r) => r.timestamp === '2026-10-28T09:06:00.000Z');
    expect(added.map((r) => r.tags?.session)).toEqual([S]);
    const mini = BEFORE['gpt-5-mini'] ?? { input: 0, cached: 0, output: 0, reasoning: 0 };
    expect(perModel(records.values())).toEqual({
      ...BEFORE,
      'gpt-5-mini': {
        input: mini.input + 500,
        cached: mini.cached + 500,
        output: mini.output + 100,
        reasoning: mini.reasoning + 10,
      },
    });
  });
});
