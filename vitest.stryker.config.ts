import { defineConfig } from 'vitest/config';

/**
 * The unit tests `npm run test:mutation` runs against each mutant: only those of the files Stryker mutates
 * (see stryker.config.mjs), none that start servers, databases or browsers. why so narrow: a mutant in code
 * that runs at import (the bundled catalog is built when a price test file loads) runs every test listed.
 */
export default defineConfig({
  test: {
    include: [
      'test/domain/money*.test.ts',
      'test/price/catalog*.test.ts',
      'test/price/estimate*.test.ts',
      'test/price/entry.test.ts',
      'test/price/litellm.test.ts',
      'test/normalize/**/*.test.ts',
      'test/attribute/**/*.test.ts',
      'test/act/budgets*.test.ts',
      'test/analyze/baseline.test.ts',
      'test/analyze/daily.test.ts',
    ],
    testTimeout: 30_000,
    pool: 'forks',
    // why: test files share one module graph, so the bundled prices are parsed once per run, not per file;
    // each mutant run still starts from fresh modules.
    isolate: false,
  },
});
