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
    // expect.poll waits for what the bot or the page does next (an answer in the web chat, a
    // row's state). Its default of 1 s failed CI on 2026-12-06: /patrol's closing answer in the
    // PGlite run, with two test files and Chromium on two cores. A poll that holds returns as
    // soon as it does, so only a failing one waits longer.
    expect: { poll: { timeout: 15_000 } },
  },
});
