import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, type DatabaseHandle } from "../../src/db/client.js";
import { withDatabase } from "../global-setup.js";

export interface TestDatabase extends DatabaseHandle {
  /** Connection string for child processes (Postgres), or the PGlite data folder. */
  location: { databaseUrl?: string; dataDir: string };
}

let counter = 0;

/** A private, migrated database for one test file: PGlite by default, Postgres with TEST_DATABASE_URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const source = inject("testDatabase");
  if (source.kind === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "cbt-pglite-"));
    cpSync(source.templateDir, dataDir, { recursive: true });
    const handle = await openPglite(dataDir);
    return {
      ...handle,
      location: { dataDir },
      close: async () => {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `cbt_${process.pid}_${Date.now()}_${counter++}`.replace(/[^a-z0-9_]/g, "");
  const admin = postgres(source.url, { max: 1, onnotice: () => {} });
  // Only one clone may be made from a template at a time; retry while another worker holds it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${source.template}`);
      break;
    } catch (error) {
      if (attempt > 50 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const databaseUrl = withDatabase(source.url, name);
  const handle = openPostgres(databaseUrl, 5);
  return {
    ...handle,
    location: { databaseUrl, dataDir: "" },
    close: async () => {
      await handle.close();
      const dropper = postgres(source.url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
