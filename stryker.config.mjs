// @ts-check
/**
 * Mutation testing of the money logic: `npm run test:mutation`. Not part of `npm test`; see the README.
 * why no checker: TypeScript 7 has no compiler API for @stryker-mutator/typescript-checker.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/domain/money.ts',
    'src/price/estimate.ts',
    'src/price/catalog.ts',
    'src/normalize/usage.ts',
    'src/attribute/rules.ts',
    'src/act/budgets/evaluate.ts',
    'src/act/budgets/transition.ts',
    'src/analyze/baseline.ts',
    'src/analyze/daily.ts',
  ],
  // why: the sandbox needs only what the unit tests import; copying the dashboard and benches is slow.
  ignorePatterns: ['/web', '/bench', '/docs', '/data', '/test-output', '/reports', '/test/e2e'],
  concurrency: 2,
  // why: on a loaded 2-core machine a full re-run can pass 10 s; a false timeout restarts a worker.
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: null },
  // why: Stryker rewrites tsconfig paths through the TypeScript compiler API, which TypeScript 7 lacks;
  // ours has no `extends` or `references` to rewrite, so point it at no file.
  tsconfigFile: 'none',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
