import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * Creates `dir` (and any missing parent) readable by its owner only, 0700. A directory that already
 * exists keeps its mode: it may be one the user made and shares on purpose.
 */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // why: mkdir's mode passes through the umask; chmod's does not.
  chmodSync(dir, 0o700);
}

let holders = 0;
let previous = 0;

/**
 * Until the returned release is called, files the process creates are owner-only (umask 077). DuckDB
 * creates its database and WAL files itself, 0666 less the umask, and takes no mode of its own; the
 * WAL comes and goes with checkpoints, so a chmod after the fact would leave it open in between.
 */
export function holdPrivateUmask(): () => void {
  // why: worker threads share the process's umask and may not change it.
  if (!isMainThread) return () => {};
  if (holders++ === 0) {
    previous = process.umask(0o077);
    process.umask(previous | 0o077);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) process.umask(previous);
  };
}
