import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { openPglite, openPostgres } from "../src/db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "pglite"; templateDir: string } | { kind: "postgres"; url: string; template: string };
  }
}

/**
 * Migrates one template database before any test file runs; each file then clones it, which
 * is much faster than migrating per file (PGlite in memory alone takes seconds to start).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `cbt_template_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    const handle = openPostgres(withDatabase(url, template), 1);
    await handle.migrate();
    await handle.close();
    project.provide("testDatabase", { kind: "postgres", url, template });
    return async () => {
      // Drop the clones left by files, then the template itself.
      const clones = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`cbt_${process.pid}_%`}`;
      for (const { datname } of clones) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const templateDir = mkdtempSync(join(tmpdir(), "cbt-pglite-template-"));
  const handle = await openPglite(templateDir);
  await handle.migrate();
  await handle.close();
  project.provide("testDatabase", { kind: "pglite", templateDir });
  return async () => rmSync(templateDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
