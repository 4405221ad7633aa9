import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // why: a browser suite's setup loads the demo and examines its history; on a loaded 2-core machine that can pass a minute.
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
