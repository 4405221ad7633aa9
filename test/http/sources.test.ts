import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateKeys } from '../../src/app/sources/rotate.ts';
import { sourceRunner } from '../../src/app/sources/runner.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { fixture, type ReplayServer, startReplayServer } from '../helpers/replay-server.ts';

const KEY = 'sk-ant-admin01-PLAINTEXT-do-not-store-0123456789';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(await testEngines('the sources API'))('sources API and credentials (%s)', (engine) => {
  let t: TestApp;
  let server: ReplayServer | null = null;
  afterEach(async () => {
    await t?.close();
    await server?.close();
    server = null;
  });
  const post = (body: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/sources', headers: t.auth, payload: body as object });

  it('takes a key write-only, sealed at rest: answers and the data files never hold it', async () => {
    t = await startTestApp({}, undefined, engine);
    const created = await post({ id: 'anth', kind: 'anthropic', key: KEY, baseUrl: 'http://127.0.0.1:9/v1' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'anth',
      keyHint: '••••6789',
      origin: 'api',
      status: 'pending',
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/sources', headers: t.auth });
    expect(JSON.stringify([created.json(), list.json()])).not.toContain('PLAINTEXT');
    await t.ctx.store.close();
    for (const file of filesUnder(t.dataDir)) expect(readFileSync(file).includes('PLAINTEXT')).toBe(false);
    expect(statSync(join(t.dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const stored = await (await import('../../src/app/open.ts')).openStore(t.ctx.config);
    const [row] = await stored.listSources(t.ctx.config.org);
    expect(row?.secret).toMatch(/^v1\./);
    await stored.close();
    (t.ctx as { store: unknown }).store = { close: async () => undefined };
  });

  it('refuses a source without a key or with a bad setting, naming the field', async () => {
    t = await startTestApp({}, undefined, engine);
    const res = await post({ id: 'x', kind: 'openai', poll: 'often' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/poll: .*interval.*key: /s);
  });

  it('rotates the master key: secrets re-sealed, syncs still authenticate', async () => {
    t = await startTestApp({}, undefined, engine);
    server = await startReplayServer((req) =>
      req.headers['x-api-key'] === KEY
        ? { body: { data: [], has_more: false, next_page: null } }
        : { status: 401 },
    );
    // why: the server replays the legacy reports only; the automatic choice is tested with the source.
    await post({
      id: 'anth',
      kind: 'anthropic',
      api: 'legacy',
      key: KEY,
      baseUrl: `${server.url}/v1`,
      backfillDays: 1,
    });
    const before = (await t.ctx.sources.listSources(t.ctx.config.org))[0]?.secret;
    const rotated = await rotateKeys(t.ctx);
    expect(rotated).toMatchObject({ reencrypted: 1, newKey: null });
    const after = (await t.ctx.sources.listSources(t.ctx.config.org))[0]?.secret;
    expect(after).not.toBe(before);
    expect(after?.split('.')[1]).toBe(rotated.keyId);
    sourceRunner(t.ctx, { sleep: async () => undefined, log: () => undefined });
    const sync = await t.app.inject({ method: 'POST', url: '/api/v1/sources/anth/sync', headers: t.auth });
    expect(sync.json()).toMatchObject({ ok: true });
  });

  it('seals under SPENDLENS_MASTER_KEY when set, and writes no key file', async () => {
    t = await startTestApp({ SPENDLENS_MASTER_KEY: 'a'.repeat(64) }, undefined, engine);
    await post({ id: 'anth', kind: 'anthropic', key: KEY });
    expect(filesUnder(t.dataDir).some((f) => f.endsWith('master.key'))).toBe(false);
  });

  it('keeps a sync log free of the key, even when the provider echoes it', async () => {
    t = await startTestApp({}, undefined, engine);
    server = await startReplayServer(() => ({
      status: 403,
      body: { error: `key ${KEY} lacks admin scope` },
    }));
    const logs: string[] = [];
    sourceRunner(t.ctx, { sleep: async () => undefined, log: (l) => logs.push(l) });
    await post({ id: 'anth', kind: 'anthropic', key: KEY, baseUrl: `${server.url}/v1` });
    const sync = await t.app.inject({ method: 'POST', url: '/api/v1/sources/anth/sync', headers: t.auth });
    expect(sync.json().ok).toBe(false);
    expect(logs.join('\n')).toMatch(/source "anth".*403/);
    expect(JSON.stringify([logs, sync.json()])).not.toContain('PLAINTEXT');
  });
});

describe('sources in spendlens.toml', () => {
  it('names the source and the variable when its key is missing', () => {
    const dir = join(process.env.TMPDIR ?? '/tmp', `spendlens-src-${process.pid}.toml`);
    writeFileSync(
      dir,
      '[[sources]]\nid = "openai-prod"\nkind = "openai"\nkey_env = "OPENAI_ADMIN_KEY_TEST"\n',
    );
    expect(() => loadConfig({ config: dir }, {})).toThrow(/"openai-prod".*OPENAI_ADMIN_KEY_TEST is not set/);
    const config = loadConfig({ config: dir }, { OPENAI_ADMIN_KEY_TEST: 'sk-admin-x' });
    expect(config.sources[0]).toMatchObject({
      id: 'openai-prod',
      key: 'sk-admin-x',
      poll: '5m',
      backfillDays: 30,
    });
  });

  it('syncs a config source with its key from the environment', async () => {
    const server = await startReplayServer(() => ({ body: fixture('anthropic', 'usage-page3') }));
    const toml = join(process.env.TMPDIR ?? '/tmp', `spendlens-src2-${process.pid}.toml`);
    writeFileSync(
      toml,
      `[[sources]]\nid = "anth"\nkind = "anthropic"\napi = "legacy"\nkey_env = "ANTH_KEY"\nbase_url = "${server.url}/v1"\ncosts = false\nbackfill_days = 1\n`,
    );
    const t = await startTestApp({ SPENDLENS_CONFIG: toml, ANTH_KEY: KEY });
    try {
      const sync = await t.app.inject({ method: 'POST', url: '/api/v1/sources/anth/sync', headers: t.auth });
      expect(sync.json()).toMatchObject({ ok: true, source: { origin: 'config', keyHint: '$ANTH_KEY' } });
      expect(server.requests[0]?.headers['x-api-key']).toBe(KEY);
    } finally {
      await t.close();
      await server.close();
    }
  });
});
