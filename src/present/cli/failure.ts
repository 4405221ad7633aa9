import { AppError } from '../../domain/errors.ts';

// why: what the operating system says about a path, as a line that says what to do about it.
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or directory: check the path',
  EACCES: 'permission denied: check its owner and permissions, or run as a user who may read it',
  EPERM: 'operation not permitted: check its owner and permissions',
  EISDIR: 'is a directory: name a file',
  ENOTDIR: 'a part of the path is a file, not a directory: check the path',
  EEXIST: 'already exists: remove it or name another',
  ENOSPC: 'no space left on the device: free some and try again',
  EROFS: 'the file system is read-only: choose a writable place',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and try again',
};

interface SystemError extends Error {
  code?: string;
  path?: string;
  address?: string;
  port?: number;
}

/**
 * What the CLI prints when a command fails: one line for a mistake it can name (an AppError, a file that
 * is not there, a server that does not answer), or, for anything else, the stack and a request to report it.
 */
export function describeFailure(error: unknown): { message: string; bug: boolean } {
  if (error instanceof AppError) return { message: error.message, bug: false };
  const e = error as SystemError;
  const problem = e?.code ? FILE_PROBLEMS[e.code] : undefined;
  if (problem && e.path) return { message: `${e.path}: ${problem}`, bug: false };
  const unreachable = unreachableServer(e);
  if (unreachable) return { message: unreachable, bug: false };
  return {
    message: 'unexpected error (a bug in spendlens): please report it with the lines above',
    bug: true,
  };
}

/** A fetch that failed before any answer: the server is down, the name unknown, or the port wrong. */
function unreachableServer(e: SystemError): string | null {
  if (!(e instanceof TypeError) || e.message !== 'fetch failed') return null;
  const cause = e.cause as SystemError | undefined;
  const why = cause?.code ?? cause?.message ?? 'no answer';
  return `the server did not answer (${why}): check --server and that spendlens serve runs there`;
}

/** Prints a failure to stderr as `describeFailure` words it; with `debug`, every stack and cause too. */
export function reportFailure(error: unknown, debug: boolean, print = console.error): void {
  const { message, bug } = describeFailure(error);
  if (bug || debug) {
    let e: unknown = error;
    for (let depth = 0; e && depth < 5; depth++, e = (e as Error).cause) {
      const text = e instanceof Error ? (e.stack ?? String(e)) : String(e);
      print(depth === 0 ? text : `caused by: ${text}`);
    }
  }
  print(`spendlens: ${message}`);
}
