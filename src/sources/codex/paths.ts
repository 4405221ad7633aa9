import { basename, join } from 'node:path';

/**
 * The directories of Codex CLI session logs: `<codex home>/sessions` and `archived_sessions` (where Codex
 * moves the sessions a user archives), where the home is `--codex-dir` (or `CODEX_HOME`), else `~/.codex`.
 * Several homes may be given separated by commas, as ccusage accepts; a directory already named
 * `sessions` is taken as it is.
 */
export function codexRoots(codexDir: string | undefined, home: string): string[] {
  const dirs = (codexDir ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean);
  const roots = (dirs.length ? dirs : [join(home, '.codex')]).flatMap((dir) =>
    basename(dir) === 'sessions' ? [dir] : [join(dir, 'sessions'), join(dir, 'archived_sessions')],
  );
  return [...new Set(roots)];
}

/** Whether a log file is the given session's: Codex names it `rollout-<time>-<session id>.jsonl`. */
export function isSessionLog(file: string, sessionId: string): boolean {
  const name = codexSessionFromFile(file);
  return name === sessionId || name.endsWith(`-${sessionId}`);
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
