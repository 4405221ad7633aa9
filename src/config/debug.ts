/**
 * Whether the CLI shows stack traces for every failure: `--debug`, `SPENDLENS_DEBUG=1`, or `DEBUG` naming
 * spendlens (or `*`). Read on its own, before the config, since a config that fails to load is what it
 * may be asked to explain.
 */
export function debugRequested(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (argv.includes('--debug')) return true;
  if (env.SPENDLENS_DEBUG && env.SPENDLENS_DEBUG !== '0') return true;
  return (env.DEBUG ?? '').split(/[\s,]+/).some((name) => name === '*' || name.startsWith('spendlens'));
}
