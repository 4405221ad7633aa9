import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The person the logs on this machine belong to: `--user`, else git's `user.email`, else the OS user name. */
export async function collectingUser(flag: string | undefined): Promise<string> {
  if (flag?.trim()) return flag.trim();
  try {
    const { stdout } = await run('git', ['config', 'user.email'], { timeout: 5_000 });
    if (stdout.trim()) return stdout.trim();
  } catch {
    // no git, or no email configured: fall through to the OS user.
  }
  return userInfo().username;
}
