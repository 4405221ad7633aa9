import { basename, join } from 'node:path';

/**
 * The directory of Codex CLI session logs: `<codex home>/sessions`, where the home is `--codex-dir` (or
 * `CODEX_HOME`), else `~/.codex`. A directory already named `sessions` is taken as it is.
 */
export function codexRoots(codexDir: string | undefined, home: string): string[] {
  const dir = codexDir?.trim() || join(home, '.codex');
  return [basename(dir) === 'sessions' ? dir : join(dir, 'sessions')];
}

/** The session id a log file name carries: `rollout-2025-09-11T18-25-30-<uuid>.jsonl` → its name without `.jsonl`. */
export function codexSessionFromFile(file: string): string {
  return basename(file).replace(/\.jsonl$/i, '');
}

/** The project of a session: the last folder of its working directory. */
export function codexProject(cwd: string | null | undefined): string | null {
  if (!cwd) return null;
  return basename(cwd.replace(/[\\/]+$/, '').replace(/\\/g, '/')) || null;
}
