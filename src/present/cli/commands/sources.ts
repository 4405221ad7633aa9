import Table from 'cli-table3';
import { rotateKeys } from '../../../app/sources/rotate.ts';
import { sourceRunner } from '../../../app/sources/runner.ts';
import { listSourceStatus, type SourceStatus } from '../../../app/sources/status.ts';
import type { SyncOutcome } from '../../../app/sources/sync.ts';
import type { Config } from '../../../config/schema.ts';
import { openForCli } from '../open.ts';
import { callRemote } from '../remote.ts';
import type { Target } from '../target.ts';

/** `spendlens sources`: each source's health, from the store or through a server. */
export async function sourcesList(target: Target): Promise<SourceStatus[]> {
  if ('remote' in target) {
    return ((await callRemote(target.remote, 'GET', '/api/v1/sources')) as { sources: SourceStatus[] })
      .sources;
  }
  await sourceRunner(target.ctx).ready(target.ctx.config.org);
  return listSourceStatus(target.ctx, target.ctx.config.org);
}

/** `spendlens sources sync [id]`: one source, or all, now. */
export async function sourcesSync(target: Target, id?: string): Promise<SyncOutcome[]> {
  if ('remote' in target) {
    const ids = id ? [id] : (await sourcesList(target)).map((s) => s.id);
    return Promise.all(
      ids.map(
        async (x) => (await callRemote(target.remote, 'POST', `/api/v1/sources/${x}/sync`)) as SyncOutcome,
      ),
    );
  }
  const runner = sourceRunner(target.ctx);
  const org = target.ctx.config.org;
  return id ? [await runner.syncOne(org, id)] : runner.syncAll(org);
}

const ago = (iso: string | null, now: Date) =>
  iso ? `${Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000))} min ago` : 'never';

function lag(seconds: number | null): string {
  if (seconds === null) return '–';
  return seconds < 3_600 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3_600)} h`;
}

export function renderSources(list: SourceStatus[], now: Date, color: boolean): string {
  if (list.length === 0) return 'No sources yet: add [[sources]] to spendlens.toml or POST /api/v1/sources.';
  const table = new Table({
    head: ['Source', 'Kind', 'Key', 'Status', 'Last success', 'Lag', 'Records'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right'],
  });
  for (const s of list) {
    table.push([
      s.id,
      s.kind,
      s.keyHint ?? '–',
      s.status,
      ago(s.lastSuccessAt, now),
      lag(s.lagSeconds),
      s.recordsIngested,
    ]);
  }
  const errors = list.filter((s) => s.lastError).map((s) => `  ${s.lastError}`);
  return [table.toString(), ...(errors.length ? ['', 'Failing:', ...errors] : [])].join('\n');
}

/** `spendlens keys rotate`: re-encrypts stored keys under a new master key (local store only). */
export async function keysRotate(config: Config, newKey?: string): Promise<string[]> {
  const ctx = await openForCli(config);
  try {
    const r = await rotateKeys(ctx, newKey);
    const lines = [`re-encrypted ${r.reencrypted} source key(s) under master key ${r.keyId}`];
    if (r.newKey) lines.push(`set SPENDLENS_MASTER_KEY=${r.newKey} before the next start (shown once)`);
    return lines;
  } finally {
    await ctx.store.close();
  }
}
