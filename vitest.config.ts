import { defineConfig } from "vitest/config";

// Each test file gets its own database (a PGlite copy or a Postgres database cloned from a
// migrated template), so files run in parallel without seeing each other's rows.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
