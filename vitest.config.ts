import { defineConfig } from 'vitest/config';

/**
 * One config for every suite. YOSAN_TEST_DB=postgres runs the database-backed
 * suites against PostgreSQL instead of SQLite (scripts/test.mjs runs both).
 * The browser suite runs only when YOSAN_BROWSER_TESTS=1 (it needs the built web app).
 */
const browser = process.env.YOSAN_BROWSER_TESTS === '1';

export default defineConfig({
  test: {
    include: browser
      ? ['test/browser/**/*.test.ts']
      : ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', ...(browser ? [] : ['test/browser/**'])],
    environment: 'node',
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
