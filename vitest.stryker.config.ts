import { defineConfig } from 'vitest/config';

/**
 * The unit tests `npm run test:mutation` runs against each mutant: only the folders that cover the files
 * Stryker mutates (see stryker.config.mjs), none that start servers, databases or browsers.
 */
export default defineConfig({
  test: {
    include: [
      'test/domain/**/*.test.ts',
      'test/price/**/*.test.ts',
      'test/normalize/**/*.test.ts',
      'test/attribute/**/*.test.ts',
      'test/act/budgets*.test.ts',
      'test/analyze/**/*.test.ts',
    ],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
