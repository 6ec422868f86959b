import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the web UI in Debian's Chromium (playwright-core), against a real
 * Flowlens server on a demo organisation. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/browser/**/*.test.ts'],
    // The demo organisation is generated once for the run; each server starts on a copy of it.
    globalSetup: ['test/browser/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
  },
});
