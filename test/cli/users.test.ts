import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { cli, exited, randomPort, startServer } from '../helpers/cli.ts';

const BIN = resolve(import.meta.dirname, '../../bin/spendlens.js');

/** Runs `spendlens` with `input` on stdin (the shared helper has no stdin). */
function cliWithInput(
  args: string[],
  cwd: string,
  input: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.on('exit', (code) => done({ code, stdout }));
    child.stdin.end(input);
  });
}

/** Opens the ledger in this process for a moment: accepts a link, or signs in, through the HTTP app. */
async function withApp<T>(cwd: string, run: (app: ReturnType<typeof buildApp>) => Promise<T>): Promise<T> {
  const ctx = await openContext(loadConfig({ dataDir: join(cwd, 'data') }, {}));
  const app = buildApp(ctx);
  try {
    return await run(app);
  } finally {
    await app.close();
    await ctx.store.close();
  }
}

const tokenOf = (link: string) => /\/invite\/(inv_[\w-]+)/.exec(link)?.[1] ?? '';

// why: each command is a real process opening the ledger; a couple of seconds each on a busy machine.
const SLOW = 240_000;

describe('spendlens users, teams and tokens', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-users-'));
  let owner: Awaited<ReturnType<typeof cli>>;

  it('invites users with a one-time link into existing teams', { timeout: SLOW }, async () => {
    expect((await cli(['teams', 'add', 'search'], { cwd })).stdout).toContain('team search: created');
    expect((await cli(['teams', 'add', 'search'], { cwd })).code).toBe(1);

    owner = await cli(['users', 'add', 'Boss@Acme.example', '--role', 'owner'], { cwd });
    expect(owner.code).toBe(0);
    expect(owner.stdout).toMatch(
      /invitation for boss@acme\.example: http:\/\/127\.0\.0\.1:4180\/invite\/inv_\S+/,
    );
    expect(owner.stdout).toContain('works once, until');
    const added = await cli(['users', 'add', 'ana@acme.example', '--team', 'search', '--lead'], { cwd });
    expect(added.code).toBe(0);
    const missingTeam = await cli(['users', 'add', 'x@acme.example', '--team', 'nope'], { cwd });
    expect(missingTeam).toMatchObject({ code: 1 });
    expect(missingTeam.stderr).toContain('spendlens: no team nope');
    expect((await cli(['users', 'add', 'x@acme.example', '--role', 'king'], { cwd })).stderr).toContain(
      '--role must be one of owner, admin, analyst, member',
    );

    await withApp(cwd, async (app) => {
      for (const [stdout, name] of [
        [owner.stdout, 'Boss'],
        [added.stdout, 'Ana'],
      ] as const) {
        const payload = { name, password: `${name} has a long password` };
        const res = await app.inject({
          method: 'POST',
          url: `/api/invitations/${tokenOf(stdout)}/accept`,
          payload,
        });
        expect(res.statusCode).toBe(200);
      }
    });
  });

  it('lists users and resets a password by link or from stdin', { timeout: SLOW }, async () => {
    const table = (await cli(['users', 'list'], { cwd })).stdout;
    expect(table).toMatch(/ana@acme\.example\s+│ Ana\s+│ member\s+│ search \(lead\)/);
    expect(table).toMatch(/boss@acme\.example\s+│ Boss\s+│ owner/);
    const json = JSON.parse((await cli(['users', 'list', '--json'], { cwd })).stdout);
    expect(json.map((u: { email: string }) => u.email)).toEqual(['ana@acme.example', 'boss@acme.example']);
    expect(JSON.stringify(json)).not.toContain('scrypt');

    const piped = await cliWithInput(
      ['users', 'reset-password', 'ana@acme.example', '--password-stdin'],
      cwd,
      'a brand new password\n',
    );
    expect(piped).toMatchObject({ code: 0 });
    expect(piped.stdout).toContain('password set');
    const reset = await cli(['users', 'reset-password', 'ana@acme.example'], { cwd });
    expect(reset.stdout).toMatch(/password reset for ana@acme\.example: http:\S+\/invite\/inv_/);
    await withApp(cwd, async (app) => {
      const signIn = (password: string) =>
        app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ana@acme.example', password } });
      expect((await signIn('a brand new password')).statusCode).toBe(200);
      const payload = { password: 'the password from the link' };
      const res = await app.inject({
        method: 'POST',
        url: `/api/invitations/${tokenOf(reset.stdout)}/accept`,
        payload,
      });
      expect(res.statusCode).toBe(200);
      expect((await signIn('the password from the link')).statusCode).toBe(200);
    });
  });

  it('lists teams and their members, creates, lists and revokes tokens, removes users', {
    timeout: SLOW,
  }, async () => {
    expect((await cli(['teams', 'list'], { cwd })).stdout).toMatch(/search\s+│ ana@acme\.example\s+│ –/);
    expect((await cli(['teams', 'remove-member', 'search', 'ana@acme.example'], { cwd })).code).toBe(0);
    expect((await cli(['teams', 'add-member', 'search', 'ana@acme.example'], { cwd })).stdout).toContain(
      'member of search',
    );

    const created = await cli(
      ['tokens', 'create', '--scope', 'read,ingest', '--team', 'search', '--label', 'ci'],
      { cwd },
    );
    expect(created.code).toBe(0);
    const secret = /shown once; it is stored hashed\): (sl_\S+)/.exec(created.stdout)?.[1];
    const id = /^(tok_\w+)/.exec(created.stdout)?.[1];
    expect(secret && id).toBeTruthy();
    const tokens = (await cli(['tokens', 'list'], { cwd })).stdout;
    expect(tokens).toMatch(new RegExp(`${id}\\s+│ ci\\s+│ ingest,read\\s+│ search\\s+│ never\\s+│ live`));
    expect(tokens).not.toContain(secret);
    expect((await cli(['tokens', 'create', '--scope', 'write'], { cwd })).stderr).toContain('--scope takes');
    expect((await cli(['tokens', 'revoke', id!], { cwd })).stdout).toContain('revoked');
    expect((await cli(['tokens', 'revoke', id!], { cwd })).code).toBe(1);

    const last = await cli(['users', 'remove', 'boss@acme.example'], { cwd });
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('last owner');
    expect((await cli(['users', 'remove', 'ana@acme.example'], { cwd })).stdout).toContain('removed');
    expect((await cli(['teams', 'remove', 'search'], { cwd })).code).toBe(0);
  });
});

describe('spendlens users, teams and tokens through a running server', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-users-remote-'));
  const admin = 'users-remote-admin-token-0123456789';

  it('say to use --server while the server holds the ledger, and work through it', {
    timeout: SLOW,
  }, async () => {
    const server = await startServer(['--port', String(randomPort())], {
      cwd,
      env: { SPENDLENS_ADMIN_TOKEN: admin },
    });
    const via = (args: string[], token = admin) =>
      cli([...args, '--server', server.url, '--token', token], { cwd });
    const post = (path: string, payload: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    try {
      const locked = await cli(['users', 'add', 'ana@acme.example'], { cwd });
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain(`held by the spendlens server (pid ${server.child.pid})`);
      expect(locked.stderr).toContain(`add --server ${server.url} --token <admin token>`);

      expect((await via(['teams', 'add', 'search'])).stdout).toContain('team search: created');
      const again = await via(['teams', 'add', 'search']);
      expect(again).toMatchObject({ code: 1, stderr: 'spendlens: team "search" already exists\n' });
      expect((await via(['users', 'add', 'x@acme.example', '--team', 'nope'])).stderr).toContain(
        'spendlens: no team nope: create it first',
      );

      const added = await via(['users', 'add', 'Ana@Acme.example', '--team', 'search', '--lead']);
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(
        new RegExp(`^invitation for ana@acme\\.example: ${server.url}/invite/inv_`),
      );
      expect(added.stdout).toContain('works once, until');
      const password = 'Ana has a long password';
      const accepted = await post(`/api/invitations/${tokenOf(added.stdout)}/accept`, {
        name: 'Ana',
        password,
      });
      expect(accepted.status).toBe(200);
      expect((await post('/api/session', { email: 'ana@acme.example', password })).status).toBe(200);

      expect((await via(['users', 'list'])).stdout).toMatch(
        /ana@acme\.example\s+│ Ana\s+│ member\s+│ search \(lead\)\s+│ \d{4}-/,
      );
      // SPENDLENS_TOKEN alone finds the server that holds the data directory.
      const listed = await cli(['users', 'list', '--json'], { cwd, env: { SPENDLENS_TOKEN: admin } });
      expect(JSON.parse(listed.stdout).map((u: { email: string }) => u.email)).toEqual(['ana@acme.example']);

      expect((await via(['teams', 'add-member', 'search', 'ana@acme.example'])).stdout).toContain(
        'ana@acme.example: member of search',
      );
      expect((await via(['teams', 'list'])).stdout).toMatch(/search\s+│ –\s+│ ana@acme\.example/);

      const created = await via(['tokens', 'create', '--scope', 'read', '--team', 'search', '--label', 'ci']);
      expect(created.code).toBe(0);
      const id = /^(tok_\w+) \(ci; read; team search\)/.exec(created.stdout)?.[1];
      const secret = /shown once; it is stored hashed\): (sl_\S+)/.exec(created.stdout)?.[1];
      expect(id && secret).toBeTruthy();
      expect((await via(['tokens', 'list'])).stdout).toMatch(
        new RegExp(`${id}\\s+│ ci\\s+│ read\\s+│ search\\s+│ never\\s+│ live`),
      );
      const unadmin = await via(['users', 'list'], secret);
      expect(unadmin.code).toBe(1);
      expect(unadmin.stderr).toContain('needs the "admin" permission');
      expect((await via(['tokens', 'revoke', id!])).stdout).toContain(`${id}: revoked`);
      expect((await via(['tokens', 'revoke', id!])).stderr).toContain(`no live token ${id}`);

      const reset = await via(['users', 'reset-password', 'ana@acme.example']);
      expect(reset.stdout).toMatch(/password reset for ana@acme\.example: http:\S+\/invite\/inv_/);
      const piped = await via(['users', 'reset-password', 'ana@acme.example', '--password-stdin']);
      expect(piped.code).toBe(1);
      expect(piped.stderr).toContain('stop the server');

      expect((await via(['teams', 'remove-member', 'search', 'ana@acme.example'])).code).toBe(0);
      expect((await via(['users', 'remove', 'ana@acme.example'])).stdout).toContain('removed');
      expect((await via(['teams', 'remove', 'search'])).stdout).toContain('team search: removed');
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });
});
