import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { migrationsFolder, pgliteExtensions, queryRows, type Database } from "../../src/db/client.js";
import { withDatabase } from "../global-setup.js";

/**
 * The migration that put translated text in one shape (locale → text, one jsonb column) must
 * carry the names a running community already has: a database migrated up to the one before it
 * gets rows in the old columns, then the rest of the migrations run, and the names are still there.
 */
const TAG = "_translated_text";

interface Journal {
  entries: Array<{ tag: string }>;
}

/** A copy of migrations/ that stops just before the migration under test. */
function migrationsBefore(tagSuffix: string): string {
  const folder = mkdtempSync(join(tmpdir(), "cbt-migrations-"));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  expect(at, `no migration named *${tagSuffix} in the journal`).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}

/** An empty database of the kind the suite runs on, and how to migrate it from a folder. */
async function emptyDatabase(): Promise<{ db: Database; migrateFrom(folder: string): Promise<void>; close(): Promise<void> }> {
  const source = inject("testDatabase");
  if (source.kind === "pglite") {
    const client = await PGlite.create("memory://", { extensions: pgliteExtensions });
    const db = drizzlePglite({ client }) as unknown as Database;
    return { db, migrateFrom: (folder) => migratePglite(drizzlePglite({ client }), { migrationsFolder: folder }), close: () => client.close() };
  }
  const name = `cbt_${process.pid}_mig_${Date.now()}`;
  const admin = postgres(source.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const client = postgres(withDatabase(source.url, name), { max: 1, onnotice: () => {} });
  const db = drizzlePostgres({ client }) as unknown as Database;
  return {
    db,
    migrateFrom: (folder) => migratePostgres(drizzlePostgres({ client }), { migrationsFolder: folder }),
    close: async () => {
      await client.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

let database: Awaited<ReturnType<typeof emptyDatabase>>;
let before: string;
beforeAll(async () => {
  before = migrationsBefore(TAG);
  database = await emptyDatabase();
  await database.migrateFrom(before);
  const { db } = database;
  await db.execute(sql`insert into communities (id, slug, name) values (1, 'default', '幸福社区')`);
  await db.execute(sql`insert into report_categories (id, community_id, code, name_zh, name_en, icon, deadline_hours, sort_order)
                       values (1, 1, 'dirty-spot', '卫生死角', 'Dirty spot', '🗑️', 24, 0), (2, 1, 'public-toilet', '公共厕所', 'Public toilet', '🚻', 12, 1)`);
  await db.execute(sql`insert into response_templates (community_id, kind, text_zh, text_en) values (1, 'resolve', '已清理', 'Cleaned up')`);
  await db.execute(sql`insert into lecture_topics (community_id, name_zh, name_en, position, created_at) values (1, '法律', 'Law', 0, now())`);
  const figures = {
    version: 1,
    byCategory: [
      { id: 2, icon: "🚻", nameZh: "公共厕所", nameEn: "Public toilet", new: 3 },
      { id: 1, icon: "🗑️", nameZh: "卫生死角", nameEn: "Dirty spot", new: 1 },
    ],
    byArea: [],
  };
  await db.execute(sql`insert into daily_records (community_id, day, figures, created_at) values (1, '2026-05-01', ${JSON.stringify(figures)}::jsonb, now())`);
  await database.migrateFrom(migrationsFolder);
}, 120_000);
afterAll(async () => {
  await database?.close();
  if (before) rmSync(before, { recursive: true, force: true });
});

it("keeps each category's names, now under one column by locale", async () => {
  const rows = await queryRows<{ code: string; name: unknown }>(database.db, sql`select code, name from report_categories order by id`);
  expect(rows).toEqual([
    { code: "dirty-spot", name: { "zh-CN": "卫生死角", en: "Dirty spot" } },
    { code: "public-toilet", name: { "zh-CN": "公共厕所", en: "Public toilet" } },
  ]);
});

it("keeps the reply templates' words and the lecture topics' names", async () => {
  expect(await queryRows(database.db, sql`select kind, text from response_templates`)).toEqual([
    { kind: "resolve", text: { "zh-CN": "已清理", en: "Cleaned up" } },
  ]);
  expect(await queryRows(database.db, sql`select name from lecture_topics`)).toEqual([{ name: { "zh-CN": "法律", en: "Law" } }]);
});

it("gives the daily reports already stored the same shape, in their order, every count kept", async () => {
  const [row] = await queryRows<{ figures: { byCategory: unknown[] } }>(database.db, sql`select figures from daily_records`);
  expect(row!.figures.byCategory).toEqual([
    { id: 2, icon: "🚻", name: { "zh-CN": "公共厕所", en: "Public toilet" }, new: 3 },
    { id: 1, icon: "🗑️", name: { "zh-CN": "卫生死角", en: "Dirty spot" }, new: 1 },
  ]);
});

it("leaves no column per language behind", async () => {
  const rows = await queryRows<{ column_name: string }>(
    database.db,
    sql`select column_name from information_schema.columns where table_schema = 'public' and column_name in ('name_zh', 'name_en', 'text_zh', 'text_en')`,
  );
  expect(rows).toEqual([]);
});

it("still refuses a second live topic of the same Chinese name", async () => {
  await expect(
    database.db.execute(
      sql`insert into lecture_topics (community_id, name, position, created_at) values (1, '{"zh-CN": "法律", "en": "Law again"}'::jsonb, 1, now())`,
    ),
  ).rejects.toThrow();
});
