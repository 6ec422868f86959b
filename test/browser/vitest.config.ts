import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the web UI in Debian's Chromium (playwright-core), against a real
 * Flowlens server on a demo organisation. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
  },
});
