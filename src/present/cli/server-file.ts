import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a running server says where it listens, so the CLI can point users (or requests) at it. */
export interface ServerInfo {
  pid: number;
  url: string;
}

const fileIn = (dataDir: string) => join(dataDir, 'server.json');

export function writeServerInfo(dataDir: string, info: ServerInfo): void {
  writeFileSync(fileIn(dataDir), JSON.stringify(info));
}

export function removeServerInfo(dataDir: string): void {
  rmSync(fileIn(dataDir), { force: true });
}

/** The running server holding the data directory, if its process is alive. */
export function readServerInfo(dataDir: string): ServerInfo | null {
  const path = fileIn(dataDir);
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as ServerInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}
