import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPostgres, queryRows, type DatabaseHandle } from "../../src/db/client.js";
import { communities } from "../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * drizzle asks postgres.js for unprepared queries, which cost two round trips each; our client
 * prepares them instead (src/db/client.ts). Prepared statements live in the connection, so one
 * connection lets us look at them. PGlite has no network round trips and no such wrapper.
 */
let database: TestDatabase;
let single: DatabaseHandle | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.kind === "postgres") single = openPostgres(database.location.databaseUrl!, 1);
});
afterAll(async () => {
  await single?.close();
  await database.close();
});

async function preparedTexts(handle: DatabaseHandle): Promise<string[]> {
  const rows = await queryRows<{ statement: string }>(handle.db, sql`select statement from pg_prepared_statements`);
  return rows.map((row) => row.statement);
}

describe.skipIf(inject("testDatabase").kind === "pglite")("drizzle queries on Postgres", () => {
  it("are prepared once per connection and reused", async () => {
    const handle = single!;
    for (const slug of ["one", "two", "three"]) {
      await handle.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, slug));
    }
    const texts = (await preparedTexts(handle)).filter((text) => text.includes(`from "communities" where "communities"."slug"`));
    expect(texts).toHaveLength(1);
  });

  it("are prepared inside transactions too, and a transaction still rolls back", async () => {
    const handle = single!;
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(communities).values({ slug: "rolled-back", name: "x", timezone: "Asia/Shanghai" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await handle.db.$count(communities, eq(communities.slug, "rolled-back"))).toBe(0);
    const texts = await preparedTexts(handle);
    expect(texts.some((text) => text.startsWith(`insert into "communities"`))).toBe(true);
  });
});
