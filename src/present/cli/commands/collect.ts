import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type IngestResult, ingestUsage } from '../../../app/ingest.ts';
import type { Config } from '../../../config/schema.ts';
import type { UsageInput } from '../../../normalize/usage.ts';
import { type AgentOptions, claudeAgent, codexAgent } from '../collect/agents.ts';
import { collectingUser } from '../collect/identity.ts';
import { type AgentSummary, collectPass } from '../collect/pass.ts';
import { loadState, saveState } from '../collect/state.ts';
import { callRemote } from '../remote.ts';
import { type RemoteFlags, type Target, withTarget } from '../target.ts';
import { describeUnpriced } from '../unpriced.ts';

export interface CollectFlags extends RemoteFlags {
  once?: boolean;
  interval: number;
  settle: number;
  user?: string;
  claudeDir?: string;
  codexDir?: string;
  state?: string;
  json?: boolean;
}

/**
 * `spendlens collect`: sends the usage in local Claude Code and Codex logs to the ledger (this machine's
 * store, or a server with --server), once or every --interval seconds. Only what is new is sent.
 */
export async function collect(config: Config, flags: CollectFlags, signal: AbortSignal): Promise<void> {
  const options: AgentOptions = {
    user: await collectingUser(flags.user),
    home: homedir(),
    claudeDir: flags.claudeDir,
    codexDir: flags.codexDir,
  };
  const agents = [claudeAgent(options), codexAgent(options)];
  const target = flags.server ? `server:${flags.server}` : `local:${resolve(config.storage.dataDir)}`;
  const statePath = resolve(flags.state ?? defaultStatePath(config, flags, options.home));
  const pass = async () => {
    const { state, warning } = loadState(statePath, target);
    if (warning) console.error(`spendlens collect: ${warning}`);
    const summaries = await withTarget(config, flags, (t) =>
      collectPass({ agents, state, push: pusher(t), now: new Date(), settleMs: flags.settle * 1000 }),
    );
    saveState(statePath, state);
    // why: a watcher reports only the passes that found something, so its output stays readable.
    const found = Object.values(summaries).some((x) => x.records > 0 || x.corrupt > 0);
    if (!flags.once && !found) return;
    console.log(
      flags.json ? JSON.stringify({ user: options.user, agents: summaries }) : describePass(summaries),
    );
  };
  if (flags.once) return pass();
  while (!signal.aborted) {
    await pass().catch((error: Error) =>
      console.error(`spendlens collect: ${error.message}; trying again in ${flags.interval}s`),
    );
    await sleep(flags.interval * 1000, undefined, { signal }).catch(() => undefined);
  }
}

/** The data directory for the local store; with --server, ~/.spendlens (the data directory may not be this machine's). */
function defaultStatePath(config: Config, flags: CollectFlags, home: string): string {
  return flags.server
    ? join(home, '.spendlens', 'collect-state.json')
    : join(config.storage.dataDir, 'collect-state.json');
}

function pusher(target: Target): (items: UsageInput[]) => Promise<IngestResult> {
  if ('ctx' in target) {
    const { ctx } = target;
    return (items) => ingestUsage(ctx, { org: ctx.config.org, source: 'collect', items });
  }
  return async (items) => (await callRemote(target.remote, 'POST', '/api/v1/usage', items)) as IngestResult;
}

/** One line per agent: what was read and what the ledger took. */
function describePass(summaries: Record<string, AgentSummary>): string {
  return Object.entries(summaries)
    .map(([name, s]) => {
      if (s.records === 0 && s.corrupt === 0) return `${name}: nothing new`;
      const parts = [
        `${s.records} records from ${s.files} logs`,
        `${s.added} added`,
        `${s.duplicates} already in the ledger`,
      ];
      if (s.rejected) parts.push(`${s.rejected} rejected`);
      if (s.corrupt) parts.push(`${s.corrupt} corrupt lines skipped`);
      const unpriced = s.unpriced.length ? `\n  no price for: ${describeUnpriced(s.unpriced)}` : '';
      return `${name}: ${parts.join(', ')}${unpriced}`;
    })
    .join('\n');
}
