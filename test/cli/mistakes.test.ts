import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, reportFailure } from '../../src/present/cli/failure.ts';
import { cli, exited, randomPort, startServer } from '../helpers/cli.ts';

/** One line on stderr naming the problem, no stack, and a failing exit. */
function expectOneLine(res: { code: number; stderr: string }, says: RegExp) {
  expect(res.code).not.toBe(0);
  const lines = res.stderr.trim().split('\n');
  expect(lines, res.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^spendlens: /);
  expect(lines[0]).toMatch(says);
  expect(res.stderr).not.toMatch(/^\s+at /m);
}

const listening = (port: number) =>
  new Promise<Server>((resolve) => {
    const server = createServer().listen(port, '127.0.0.1', () => resolve(server));
  });

describe('ordinary CLI mistakes', () => {
  let cwd: string;
  const run = (args: string[], env: Record<string, string> = {}) =>
    cli(['--data-dir', join(cwd, 'data'), ...args], { cwd, env: { SPENDLENS_HOST: '127.0.0.1', ...env } });

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'spendlens-mistakes-'));
    writeFileSync(join(cwd, 'afile'), 'not a directory');
  });

  it('imports the good lines of a CSV with a short row and names the short one by line', async () => {
    const file = join(cwd, 'short.csv');
    writeFileSync(
      file,
      'timestamp,provider,model,inputTokens,outputTokens\n' +
        '2026-11-01T00:00:00Z,openai,gpt-4o,10,5\n' +
        '2026-11-01T01:00:00Z,openai\n' +
        '2026-11-01T02:00:00Z,openai,gpt-4o,10,5\n',
    );
    const res = await run(['import', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('3 records read, 2 added');
    expect(res.stdout).toMatch(/line 3: .*2 cells where the header names 5 columns/);
    expect(res.stderr).toBe('');
  });

  it.each([
    ['a missing file', ['import', 'missing.csv'], /missing\.csv: no such file or directory: check the path/],
    [
      '--server without a scheme',
      ['users', 'list', '--server', 'localhost:4180', '--token', 't'],
      /http:\/\//,
    ],
    ['a folder to watch that is not there', ['import', '--watch', 'nowhere'], /nowhere: no such file/],
    ['an export into a missing directory', ['export', '--focus', 'no/such/dir/x.csv'], /no such file/],
    ['a time zone that does not exist', ['report', '--tz', 'Mars/Base'], /--tz Mars\/Base: use an IANA/],
    ['a data directory that is a file', ['--data-dir', 'afile', 'report'], /check --data-dir/],
  ])('says what is wrong with %s in one line', async (_, args, says) => {
    expectOneLine(await run(args), says);
  });

  it('says when --server does not answer', async () => {
    const port = randomPort();
    const res = await run(['users', 'list', '--server', `http://127.0.0.1:${port}`, '--token', 't']);
    expectOneLine(res, /did not answer \(ECONNREFUSED\): check --server/);
  });

  it('says when the port is in use, stores no admin token, and the next start shows one', async () => {
    const port = randomPort();
    const blocker = await listening(port);
    const dataDir = join(cwd, 'first-start');
    const env = { SPENDLENS_HOST: '127.0.0.1', SPENDLENS_DATA_DIR: dataDir };
    try {
      const failed = await cli(['serve', '--port', String(port)], { cwd, env });
      expectOneLine(failed, new RegExp(`port ${port} is in use.*--port`));
      expect(failed.stdout).not.toContain('admin token');
    } finally {
      blocker.close();
    }
    const started = await startServer(['--port', String(randomPort())], { cwd, env });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(started.output()).toMatch(/admin token \(shown once; it is stored hashed\): sl_\S+/);
      const token = /admin token[^:]*: (sl_\S+)/.exec(started.output())?.[1];
      const answer = await fetch(`${started.url}/api/v1/tokens`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
    } finally {
      started.child.kill('SIGTERM');
      await exited(started.child);
    }
  });

  it('prints the stack of a bug, and of any failure with --debug', async () => {
    expect(describeFailure(new TypeError('x is undefined')).bug).toBe(true);
    const lines: string[] = [];
    reportFailure(new Error('boom'), false, (l) => lines.push(String(l)));
    expect(lines.join('\n')).toMatch(/at .*mistakes\.test\.ts/);
    const debug = await run(['--debug', 'import', 'missing.csv']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\s+at /m);
    expect(debug.stderr.trim().split('\n').at(-1)).toMatch(/^spendlens: missing\.csv: no such file/);
  });
});
