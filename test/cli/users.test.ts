import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { cli } from '../helpers/cli.ts';

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
