import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { openPostgres, queryRows, type Database, type DatabaseHandle } from "../../src/db/client.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

/*
 * The server ends a connection while postgres.js still holds it: a transaction's connection
 * or a reserved one. postgres.js 3.4.9 then wrote to a socket it had already dropped, from a
 * timer, so the TypeError ended the whole process (porsager/postgres#1154, #1208); CI caught
 * it once during the outage test. patches/postgres+3.4.9.patch settles those queries with
 * CONNECTION_CLOSED instead and reconnects. PGlite has no connection to lose.
 */
let database: TestDatabase;
let killer: postgres.Sql;
let uncaught: unknown[] = [];
let saved: NodeJS.UncaughtExceptionListener[] = [];
const record = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.kind === "postgres") killer = postgres(database.location.databaseUrl!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await killer?.end();
  await database.close();
});

/** An uncaught exception would end the bot; here it is recorded so the test can say so. */
beforeEach(() => {
  uncaught = [];
  saved = process.listeners("uncaughtException");
  process.removeAllListeners("uncaughtException");
  process.on("uncaughtException", record);
});
afterEach(() => {
  process.removeListener("uncaughtException", record);
  for (const listener of saved) process.on("uncaughtException", listener);
});

async function terminate(pid: number): Promise<void> {
  await killer`select pg_terminate_backend(${pid})`;
  // the close reaches the client before the next query is written
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function backendPid(db: Database): Promise<number> {
  const [row] = await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`);
  return row!.pid;
}

/** Ends the backend while the query it runs is still sleeping. */
function terminateSoon(pid: number): void {
  setTimeout(() => void killer`select pg_terminate_backend(${pid})`.execute(), 100);
}

/** Settles within the time, or says it hung: a hanging query is a failure too. */
function outcome(promise: Promise<unknown>, ms = 5000): Promise<string> {
  return Promise.race([
    promise.then(
      () => "ok",
      // drizzle wraps the driver's error in its own, with the driver's as the cause
      (error: { code?: string; cause?: { code?: string } }) => `rejected ${error.code ?? error.cause?.code}`,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve("hung"), ms)),
  ]);
}

describe.skipIf(inject("testDatabase").kind === "pglite")("a connection the server ends", () => {
  let handle: DatabaseHandle;
  beforeEach(() => {
    handle = openPostgres(database.location.databaseUrl!, 1);
  });
  afterEach(async () => {
    await handle.close();
  });

  it("fails the transaction whose query it ran, without ending the process, and the next queries work", async () => {
    const transaction = handle.db.transaction(async (tx) => {
      const pid = await backendPid(tx);
      terminateSoon(pid);
      await queryRows(tx, sql`select pg_sleep(1)`);
    });
    expect(await outcome(transaction)).toBe("rejected CONNECTION_CLOSED");
    // the rollback that followed was written to no socket: before the patch this threw from a timer
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);

    expect(await outcome(queryRows(handle.db, sql`select 2 as x`))).toBe("ok");
    expect(await outcome(handle.db.transaction(async (tx) => queryRows(tx, sql`select 3 as x`)))).toBe("ok");
    expect(uncaught).toEqual([]);
  });

  it("fails the query it ran, and the next query runs on a new connection instead of getting the old one's error", async () => {
    const pid = await backendPid(handle.db);
    terminateSoon(pid);
    expect(await outcome(queryRows(handle.db, sql`select pg_sleep(1)`))).toBe("rejected CONNECTION_CLOSED");
    // before the patch this one failed with 57P01, the terminated backend's error
    expect(await outcome(queryRows(handle.db, sql`select 4 as x`))).toBe("ok");
    expect(uncaught).toEqual([]);
  });

  it("fails every query on a reserved connection after its backend died, and the pool reconnects once it is released", async () => {
    const client = postgres(database.location.databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      const reserved = await client.reserve();
      const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const pid = row!.pid;
      await terminate(pid);
      expect(await outcome(reserved`select 1`)).toBe("rejected CONNECTION_CLOSED");
      expect(await outcome(reserved`select 1`)).toBe("rejected CONNECTION_CLOSED");
      reserved.release();
      // the one connection of the pool comes back rather than failing every later query
      for (let attempt = 0; attempt < 3; attempt++) expect(await outcome(client`select 3`)).toBe("ok");
      expect(uncaught).toEqual([]);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
