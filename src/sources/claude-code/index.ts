// The Claude Code source: session logs under `projects/` become usage records, deduplicated as ccusage does.
export { dedupeClaude } from './dedupe.ts';
export type { ClaudeEntry } from './normalize.ts';
export { type LogLine, readClaudeLines } from './parse.ts';
export { claudeProject, claudeRoots } from './paths.ts';
