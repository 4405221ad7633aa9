import { sep } from 'node:path';
import type { IngestResult } from '../../../app/ingest.ts';
import { mergeUnpriced, type UnpricedModel } from '../../../app/unpriced.ts';
import type { UsageInput } from '../../../normalize/usage.ts';
import type { AgentLog, AgentName } from './agents.ts';
import { fileInfo, findJsonl, readLines } from './files.ts';
import { type CollectState, type FileState, namesake } from './state.ts';

/** What one pass did for one agent. */
export interface AgentSummary {
  files: number;
  records: number;
  added: number;
  duplicates: number;
  rejected: number;
  corrupt: number;
  /** Models the catalog cannot price, with the known name each most likely meant. */
  unpriced: UnpricedModel[];
}

export interface PassInput {
  agents: AgentLog[];
  state: CollectState;
  /** Sends records to the ledger; resolves once they are durable. */
  push(items: UsageInput[]): Promise<IngestResult>;
  now: Date;
  /** A log written to this recently is taken to be still in use. */
  settleMs: number;
  batchSize?: number;
}

/**
 * One collection pass: reads what is new in every agent log, sends it, and only then moves the state
 * on, so a failed send is simply read again next time (and the ledger drops any repeats).
 */
export async function collectPass(input: PassInput): Promise<Record<AgentName, AgentSummary>> {
  const summaries = {} as Record<AgentName, AgentSummary>;
  const updates: Record<string, FileState> = {};
  const batches: UsageInput[][] = [];
  const seen = new Set<string>();
  for (const agent of input.agents) {
    const summary: AgentSummary = {
      files: 0,
      records: 0,
      added: 0,
      duplicates: 0,
      rejected: 0,
      corrupt: 0,
      unpriced: [],
    };
    const pending: unknown[] = [];
    for (const root of agent.roots) {
      for (const path of await findJsonl(root)) {
        seen.add(path);
        const update = await readLog(agent, { path, root }, input, pending);
        if (!update) continue;
        updates[path] = update.state;
        summary.files++;
        summary.corrupt += update.corrupt;
      }
    }
    const records = agent.finish(pending, input.state, input.now);
    summary.records = records.length;
    batches.push(records);
    summaries[agent.name] = summary;
  }
  for (const [i, agent] of input.agents.entries()) {
    await send(batches[i] ?? [], input, summaries[agent.name]);
  }
  Object.assign(input.state.files, updates);
  forgetDeleted(input.state, input.agents, seen);
  return summaries;
}

async function readLog(
  agent: AgentLog,
  file: { path: string; root: string },
  input: PassInput,
  pending: unknown[],
): Promise<{ state: FileState; corrupt: number } | null> {
  const info = await fileInfo(file.path);
  if (!info) return null;
  const own = input.state.files[file.path];
  const previous = own ?? (agent.movesLogs ? namesake(input.state, file.path, agent.roots) : undefined);
  if (own && own.offset === info.size && own.ino === info.ino) return null;
  // why: a log moved under its own name (Codex archiving a session) goes on where it stopped, even as a copy.
  const resume = previous && (previous.ino === info.ino || !own) && previous.offset <= info.size;
  const offset = resume ? previous.offset : 0;
  const active = input.now.getTime() - info.mtimeMs < input.settleMs;
  const { lines, tail } = await readLines(file.path, offset, info.size);
  let read = {
    pending: [] as unknown[],
    carry: resume ? previous.carry : undefined,
    corrupt: 0,
    consumed: offset,
  };
  if (lines.length) read = agent.read({ ...file, active }, lines, read.carry);
  pending.push(...read.pending);
  // why: a last line without a newline is still being written, unless the log has gone quiet: then it was cut short.
  const cutShort = tail !== null && !active && read.consumed === (lines.at(-1)?.end ?? offset);
  const consumed = cutShort ? info.size : read.consumed;
  const state = {
    offset: consumed,
    size: info.size,
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    carry: read.carry,
  };
  return { state, corrupt: read.corrupt + (cutShort ? 1 : 0) };
}

/** Drops the state of logs that are gone from the directories this pass scanned. */
function forgetDeleted(state: CollectState, agents: AgentLog[], seen: Set<string>): void {
  const roots = agents.flatMap((a) => a.roots).map((root) => (root.endsWith(sep) ? root : root + sep));
  for (const path of Object.keys(state.files)) {
    if (!seen.has(path) && roots.some((root) => path.startsWith(root))) delete state.files[path];
  }
}

async function send(records: UsageInput[], input: PassInput, summary: AgentSummary): Promise<void> {
  const size = input.batchSize ?? 2_000;
  for (let i = 0; i < records.length; i += size) {
    const result = await input.push(records.slice(i, i + size));
    summary.added += result.accepted;
    summary.duplicates += result.duplicates;
    summary.rejected += result.rejected.length;
    // why: a server older than the unpriced summary answers without one.
    summary.unpriced = mergeUnpriced(summary.unpriced, result.unpriced ?? []);
  }
}
