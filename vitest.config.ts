import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // The browser tests have their own run: `npm run test:browser` (test/browser/vitest.config.ts).
    exclude: ['test/browser/**', '**/node_modules/**'],
    // One throwaway PostgreSQL server for the run (or FLOWLENS_TEST_PG_URL); see test/support.
    globalSetup: ['test/support/global-setup.ts'],
    // Native modules (better-sqlite3) and child processes: separate processes, not threads.
    pool: 'forks',
    // Most of the suite waits (child processes, servers, PostgreSQL, timeouts) rather than computes:
    // three files at a time keep a 2-core machine busy (Vitest's default here would be one).
    maxWorkers: 3,
    // Integration tests start servers, child processes and many databases.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
