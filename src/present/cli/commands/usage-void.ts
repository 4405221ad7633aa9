import type { Command } from 'commander';
import { type VoidResult, voidRequestSchema, voidUsage } from '../../../app/void-usage.ts';
import type { Config } from '../../../config/schema.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemoteAsLocal } from '../remote.ts';
import { type RemoteFlags, remoteOptions, type Target, withTarget } from '../target.ts';

interface VoidFlags extends RemoteFlags {
  dryRun?: boolean;
  reason?: string;
  json?: boolean;
}

/** `spendlens usage void <id…>`: removes records from the ledger and its rollups, audited. */
export async function usageVoid(target: Target, ids: string[], flags: VoidFlags): Promise<VoidResult> {
  const parsed = voidRequestSchema.safeParse({ ids, dryRun: flags.dryRun ?? false, reason: flags.reason });
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'bad ids');
  if ('remote' in target)
    return (await callRemoteAsLocal(target.remote, 'POST', '/api/v1/usage/void', parsed.data)) as VoidResult;
  return voidUsage(target.ctx, { ...parsed.data, org: target.ctx.config.org, actor: 'cli' });
}

/** One line per outcome, as the terminal shows it. */
export function describeVoid(r: VoidResult): string {
  const verb = r.dryRun ? 'would void' : 'voided';
  const lines = [
    `${verb} ${r.voided} record${r.voided === 1 ? '' : 's'}${r.voided ? `: ${r.ids.join(', ')}` : ''}`,
  ];
  if (r.missing.length) lines.push(`not in the ledger: ${r.missing.join(', ')}`);
  return lines.join('\n');
}

/** `spendlens usage …`: for now `void`, on the local store or through --server with an admin token. */
export function usageCommands(program: Command, config: () => Config): void {
  const usage = program.command('usage').description('records in the ledger');
  remoteOptions(usage.command('void <ids...>'))
    .description(
      'remove records by id from the ledger and its rollups (audited); list ids with GET /api/v1/usage',
    )
    .option('--dry-run', 'only say which of the ids the ledger holds')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'print JSON')
    .action(async (ids: string[], opts: VoidFlags) => {
      const r = await withTarget(config(), opts, (t) => usageVoid(t, ids, opts));
      console.log(opts.json ? JSON.stringify(r, null, 2) : describeVoid(r));
    });
}
