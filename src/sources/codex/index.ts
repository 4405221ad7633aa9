// The Codex CLI source: `token_count` events of session logs under `~/.codex/sessions` become usage records.
export { type CodexCarry, type LogLine, readCodexLines } from './parse.ts';
export { codexRoots, codexSessionFromFile } from './paths.ts';
