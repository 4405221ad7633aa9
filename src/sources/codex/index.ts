// The Codex CLI source: `token_count` events of session logs under `~/.codex/sessions` (and
// `archived_sessions`) become usage records, each event once however many logs hold a copy of it.
export { resumeCodexCarry } from './carry.ts';
export { type CodexCarry, codexUsageEvents, type LogLine, readCodexLines } from './parse.ts';
export { codexRoots, isSessionLog } from './paths.ts';
export type { CodexUsageEvent, ParentEvents } from './replay.ts';
