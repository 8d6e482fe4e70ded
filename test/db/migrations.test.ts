import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, queryRows } from "../../src/db/client.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const drizzleKit = join(repo, "node_modules", ".bin", "drizzle-kit");
const NOTHING_TO_MIGRATE = "No schema changes, nothing to migrate";
const PROCESS_TIMEOUT_MS = 90_000;

const scratchDirectories: string[] = [];
afterAll(() => {
  for (const directory of scratchDirectories) rmSync(directory, { recursive: true, force: true });
});

/**
 * Runs `drizzle-kit generate` into `out`. drizzle-kit 0.31 prefixes the out folder with "./", so
 * an absolute path would become ".//tmp/…" (and it still exits 0 on that error): pass it relative
 * to the repository. stdin is closed so a rename prompt cannot wait forever.
 */
function generateInto(out: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      drizzleKit,
      ["generate"],
      {
        cwd: repo,
        env: { ...process.env, DRIZZLE_OUT: relative(repo, out), NO_COLOR: "1", FORCE_COLOR: "0" },
        timeout: PROCESS_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`drizzle-kit generate did not finish (did it prompt?): ${error.message}\n${stdout}\n${stderr}`));
        } else resolve({ code: error ? (error.code as number) : 0, output: `${stdout}\n${stderr}` });
      },
    );
    child.stdin?.end();
  });
}

function scratchDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "cbt-drizzle-"));
  scratchDirectories.push(directory);
  return directory;
}

const sqlFiles = (directory: string) =>
  readdirSync(directory)
    .filter((f) => f.endsWith(".sql"))
    .sort();
const journalEntries = (directory: string) =>
  (JSON.parse(readFileSync(join(directory, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

describe("the schema in src/ and the SQL in migrations/ agree", () => {
  it(
    "drizzle-kit generate finds nothing to migrate",
    async () => {
      const out = scratchDirectory();
      cpSync(migrationsFolder, out, { recursive: true });
      const before = sqlFiles(out);
      expect(before.length).toBeGreaterThan(0);
      const entriesBefore = journalEntries(out);

      const { code, output } = await generateInto(out);

      expect(code, output).toBe(0);
      expect(output, "schema changes without a migration: run `npm run db:generate` and commit the new SQL").toContain(NOTHING_TO_MIGRATE);
      expect(sqlFiles(out)).toEqual(before);
      expect(journalEntries(out)).toBe(entriesBefore);
    },
    PROCESS_TIMEOUT_MS + 10_000,
  );

  it(
    "(control) the same command does write a migration when one is missing",
    async () => {
      // Proves the check above can fail: with no migrations at all, the schema is all new.
      const out = scratchDirectory();
      const { code, output } = await generateInto(out);
      expect(code, output).toBe(0);
      expect(output).not.toContain(NOTHING_TO_MIGRATE);
      expect(sqlFiles(out)).toHaveLength(1);
    },
    PROCESS_TIMEOUT_MS + 10_000,
  );
});

describe("a migrated database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it("has the foundation tables", async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(["users", "communities", "user_roles", "processed_updates", "conversation_states"]));
  });

  it("has applied every migration in migrations/", async () => {
    const rows = await queryRows<{ count: string | number }>(database.db, sql`select count(*) as count from drizzle.__drizzle_migrations`);
    expect(Number(rows[0]?.count)).toBe(sqlFiles(migrationsFolder).length);
  });
});
