import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // The browser tests have their own run: `npm run test:browser` (test/browser/vitest.config.ts).
    exclude: ['test/browser/**', '**/node_modules/**'],
    // One throwaway PostgreSQL server for the run (or FLOWLENS_TEST_PG_URL); see test/support.
    globalSetup: ['test/support/global-setup.ts'],
    // Native modules (better-sqlite3) and child processes: separate processes, not threads.
    pool: 'forks',
    // Password hashes at scrypt's N = 2^14 instead of the default 2^17 (src/auth/passwords.ts): the
    // suite creates hundreds of accounts; test/auth.test.ts proves the default and verifies at it.
    env: { FLOWLENS_SCRYPT_N: '16384' },
    // Most of the suite waits (child processes, servers, PostgreSQL, timeouts) rather than computes:
    // three files at a time keep a 2-core machine busy (Vitest's default here would be one).
    maxWorkers: 3,
    // Without durations from a previous run (a fresh clone), the slowest files start first.
    sequence: { sequencer: SlowestFirstSequencer },
    // Integration tests start servers, child processes and many databases.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
