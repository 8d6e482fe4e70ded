import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * postgres.js 3.4.9 skipped reserving the connection when a transaction's BEGIN was the query
 * that filled a connection's pipeline (porsager/postgres#1189): the transaction failed with
 * UNSAFE_TRANSACTION, and its connection went back to the pool inside an open transaction, so
 * unrelated writes ran in it. It showed here as a rare failure of 200 concurrent sign-ups.
 * patches/postgres+3.4.9.patch (applied by patch-package on install) reserves the connection
 * whenever BEGIN was written. A pipeline of two makes the boundary easy to reach every time.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe.skipIf(inject("testDatabase").kind === "pglite")("transactions on a busy postgres.js pool", () => {
  it("reserve their connection even when BEGIN fills the pipeline, and commit what they wrote", async () => {
    // max_pipeline is a connection option the type definitions leave out.
    const options = { max: 3, max_pipeline: 2, onnotice: () => {} } as postgres.Options<Record<string, never>>;
    const sql = postgres(database.location.databaseUrl!, options);
    try {
      await sql`create table if not exists pipeline_probe (n int not null)`;
      await sql`truncate pipeline_probe`;
      for (let round = 0; round < 5; round++) {
        // Three connections open and idle, then each busy with one query and one more queued,
        // so the next query on each is the one that fills its pipeline: a BEGIN.
        await Promise.all([0, 1, 2].map(() => sql`select pg_sleep(0.02)`));
        const plain = [0, 1, 2].map(() => sql`select pg_sleep(0.05)`.execute());
        const more = [0, 1, 2].map(() => sql`select 1`.execute());
        const transactions = [0, 1, 2, 3, 4].map((n) => sql.begin((tx) => tx`insert into pipeline_probe (n) values (${round * 10 + n})`));
        const settled = await Promise.allSettled([...plain, ...more, ...transactions]);
        expect(settled.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
      }
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from pipeline_probe`;
      expect(row?.count).toBe(25);
      const open = await sql`select pid from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`;
      expect(open).toHaveLength(0);
    } finally {
      await sql`drop table if exists pipeline_probe`;
      await sql.end();
    }
  });
});
