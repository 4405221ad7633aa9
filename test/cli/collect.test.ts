import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/app.ts';
import { cli, exited, randomPort, startServer } from '../helpers/cli.ts';
import { dropSchema, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const TOKEN = 'collect-token-0123456789';
const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A scratch directory with copies of the agent log fixtures, last written an hour ago. */
function workspace() {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-collect-'));
  cpSync(join(FIXTURES, 'claude-code'), join(cwd, 'claude'), { recursive: true });
  cpSync(join(FIXTURES, 'codex'), join(cwd, 'codex'), { recursive: true });
  for (const entry of readdirSync(cwd, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), HOUR_AGO, HOUR_AGO);
  }
  const gitconfig = join(cwd, 'gitconfig');
  writeFileSync(gitconfig, '[user]\n\temail = dev@example.com\n');
  const env = { HOME: join(cwd, 'home'), GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1' };
  const dirs = ['--claude-dir', join(cwd, 'claude'), '--codex-dir', join(cwd, 'codex')];
  return { cwd, env, dirs };
}

const FIRST_PASS = [
  'claude-code: 7 records from 2 logs, 7 added, 0 already in the ledger, 3 corrupt lines skipped',
  'codex: 2 records from 1 logs, 2 added, 0 already in the ledger, 1 corrupt lines skipped',
].join('\n');
const NOTHING_NEW = 'claude-code: nothing new\ncodex: nothing new';

describe('spendlens collect into the local store', () => {
  it('sends each log line once: a second run adds nothing, and only appended usage is sent later', async () => {
    const { cwd, env, dirs } = workspace();
    const first = await cli(['collect', '--once', ...dirs, '--user', 'ana@example.com'], { cwd, env });
    expect(first.stdout.trim(), first.stderr).toBe(FIRST_PASS);
    expect((await cli(['collect', '--once', ...dirs], { cwd, env })).stdout.trim()).toBe(NOTHING_NEW);
    expect(existsSync(join(cwd, 'data', 'collect-state.json'))).toBe(true);

    const log = join(cwd, 'claude/projects/-home-dev-acme-api/3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f8a9b0c.jsonl');
    const line = (id: string, output: number) =>
      JSON.stringify({
        type: 'assistant',
        cwd: '/home/dev/acme-api',
        timestamp: '2026-11-03T15:00:00.000Z',
        requestId: `req_${id}`,
        message: {
          id,
          model: 'claude-sonnet-4-5-20250929',
          usage: { input_tokens: 10, output_tokens: output },
        },
      });
    // Still being written: the last message may grow and the last line is half there.
    appendFileSync(
      log,
      `${line('msg_new1', 100)}\n${line('msg_new2', 50)}\n${line('msg_new2', 80)}\n${line('msg_new3', 9).slice(0, 40)}`,
    );
    const during = await cli(['collect', '--once', ...dirs, '--json'], { cwd, env });
    expect(JSON.parse(during.stdout).agents['claude-code']).toMatchObject({
      records: 1,
      added: 1,
      corrupt: 0,
    });

    appendFileSync(log, `${line('msg_new3', 9).slice(40)}\n`);
    utimesSync(log, HOUR_AGO, HOUR_AGO);
    const after = await cli(['collect', '--once', ...dirs, '--json'], { cwd, env });
    expect(JSON.parse(after.stdout).agents['claude-code']).toMatchObject({
      records: 2,
      added: 2,
      corrupt: 0,
    });
    expect((await cli(['collect', '--once', ...dirs], { cwd, env })).stdout.trim()).toBe(NOTHING_NEW);

    const report = await cli(
      ['report', '--since', '2026-11-01', '--until', '2026-11-04', '--group', 'source,model', '--json'],
      { cwd, env },
    );
    const rows = JSON.parse(report.stdout).rows as Record<string, unknown>[];
    expect(rows.find((r) => r.model === 'claude-sonnet-4-5-20250929')).toMatchObject({
      outputTokens: 420 + 100 + 80 + 9,
    });
    expect(rows.find((r) => r.source === 'codex')).toMatchObject({
      requests: 2,
      inputTokens: 6000,
      cacheReadTokens: 24000,
    });
  }, 120_000);

  it('reads every Codex home CODEX_HOME lists, separated by commas', async () => {
    const { cwd, env } = workspace();
    const homes = [join(cwd, 'codex'), join(cwd, 'codex/replays')].join(',');
    const args = ['collect', '--once', '--claude-dir', join(cwd, 'claude'), '--json'];
    const run = await cli(args, { cwd, env: { ...env, CODEX_HOME: homes } });
    // The one log of the first home, and the eight sessions and archived sessions of the second.
    expect(JSON.parse(run.stdout).agents.codex, run.stderr).toMatchObject({
      files: 9,
      records: 13,
      added: 13,
      corrupt: 1,
    });
  }, 120_000);
});

const engines = await testEngines('spendlens collect against a server on PostgreSQL');

describe.each(engines)('spendlens collect --server, a server on %s', (engine) => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  it('pushes what is new, attributed to git user.email, priced on the server, once', async () => {
    const { cwd, env, dirs } = workspace();
    const schema = engine === 'postgres' ? freshSchema() : null;
    if (schema) schemas.push(schema);
    const storage: Record<string, string> = schema
      ? { DATABASE_URL: TEST_DATABASE_URL, SPENDLENS_DATABASE_SCHEMA: schema }
      : {};
    const server = await startServer(['--port', String(randomPort())], {
      cwd,
      env: { SPENDLENS_ADMIN_TOKEN: TOKEN, ...storage },
    });
    try {
      const remote = ['--server', server.url, '--token', TOKEN];
      const first = await cli(['collect', '--once', ...remote, ...dirs], { cwd, env });
      expect(first.stdout.trim(), first.stderr).toBe(FIRST_PASS);
      expect(statSync(join(env.HOME, '.spendlens', 'collect-state.json')).isFile()).toBe(true);
      expect((await cli(['collect', '--once', ...remote, ...dirs], { cwd, env })).stdout.trim()).toBe(
        NOTHING_NEW,
      );

      const res = await fetch(`${server.url}/api/v1/usage?from=2026-11-01&to=2026-11-04&limit=100`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const records = (await res.json()).records as Record<string, unknown>[];
      expect(records).toHaveLength(9);
      expect(new Set(records.map((r) => r.user))).toEqual(new Set(['dev@example.com']));
      // claude-sonnet-4: 4 input × $3 + 355 output × $15 + 1,820 cache writes × $3.75 + 24,511 cache reads × $0.30 per 1M
      expect(records.find((r) => r.id === 'claude:msg_01:req_01')).toMatchObject({
        source: 'claude-code',
        project: 'acme-api',
        costKind: 'estimated',
        cost: '0.019515',
      });
      // An unknown model keeps the log's own costUSD as the estimate.
      expect(records.find((r) => r.model === 'claude-internal-preview')).toMatchObject({
        project: 'billing',
        cost: '0.500000',
      });
      // gpt-5: 4,000 input × $1.25 + 8,000 cached × $0.125 + 900 output × $10 per 1M
      expect(records.find((r) => r.source === 'codex' && r.inputTokens === 4000)).toMatchObject({
        project: 'acme-api',
        cost: '0.015000',
      });
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  }, 120_000);
});
