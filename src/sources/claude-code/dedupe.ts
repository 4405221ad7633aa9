import type { ClaudeEntry } from './normalize.ts';

/**
 * ccusage's deduplication. Claude Code writes a streamed message several times with growing usage, and a
 * resumed session copies earlier messages into its new log: of the copies sharing `message.id:requestId`,
 * the one with the most tokens is kept (on a tie, the one with `speed` set). A side-question replay repeats
 * a parent message under another request id with `isSidechain: true`; when a non-sidechain copy of that
 * message exists (here, or among the `known` message ids of earlier passes) the replay is dropped.
 */
export function dedupeClaude(entries: ClaudeEntry[], known: ReadonlySet<string>): ClaudeEntry[] {
  const kept: ClaudeEntry[] = [];
  const byKey = new Map<string, number>();
  for (const entry of entries) {
    const at = entry.key === null ? undefined : byKey.get(entry.key);
    if (at === undefined) {
      if (entry.key !== null) byKey.set(entry.key, kept.length);
      kept.push(entry);
    } else if (moreComplete(entry, kept[at] as ClaudeEntry)) {
      kept[at] = entry;
    }
  }
  const main = new Set(known);
  for (const entry of kept) if (!entry.sidechain && entry.messageId) main.add(entry.messageId);
  return kept.filter((e) => !(e.sidechain && e.messageId && main.has(e.messageId)));
}

function moreComplete(next: ClaudeEntry, current: ClaudeEntry): boolean {
  if (next.sidechain !== current.sidechain) return !next.sidechain;
  if (next.total !== current.total) return next.total > current.total;
  return next.hasSpeed && !current.hasSpeed;
}
