import { basename, join } from 'node:path';

/**
 * The `projects/` directories to scan, as ccusage finds them: each entry of `configDirs` (from
 * `--claude-dir` or `CLAUDE_CONFIG_DIR`, comma-separated, blanks ignored) names a Claude config directory
 * or its `projects/` directory; without any, `~/.config/claude/projects` and `~/.claude/projects`.
 */
export function claudeRoots(configDirs: string | undefined, home: string): string[] {
  const given = (configDirs ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean);
  const dirs = given.length ? given : [join(home, '.config', 'claude'), join(home, '.claude')];
  return dirs.map((dir) => (basename(dir) === 'projects' ? dir : join(dir, 'projects')));
}

/**
 * The project a session belongs to: the last folder of the session's working directory when the log
 * names it, else the project folder's name decoded. Claude Code names that folder after the working
 * directory with every `/` (and `.`) turned into `-`, which cannot be undone exactly; dropping the
 * home directory's prefix recovers the usual `~/<project>` case (`-home-ana-acme-api` → `acme-api`).
 */
export function claudeProject(cwd: string | null | undefined, projectDir: string, home: string): string {
  if (cwd) {
    const name = basename(cwd.replace(/[\\/]+$/, '').replace(/\\/g, '/'));
    if (name) return name;
  }
  const encodedHome = home.replace(/[^A-Za-z0-9]/g, '-');
  if (projectDir.startsWith(`${encodedHome}-`)) return projectDir.slice(encodedHome.length + 1);
  return projectDir.replace(/^-+/, '') || projectDir;
}
