import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { admitUpdates, completeUpdates, updateLedger } from "../../src/bot/update-intake.js";
import { openPostgres, queryRows } from "../../src/db/client.js";
import { conversationStates, processedUpdates, users } from "../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { seedDefaultCommunity } from "../helpers/harness.js";

/** The ledger's statements serve many updates at once; each update must still get its own answer. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());

const BOT = 42;
const at = new Date("2026-11-29T02:00:00Z");
const claim = { instanceId: "test-instance", payload: {} };
const profile = (id: number) => ({ id, firstName: `User ${id}`, languageCode: "en" });
const statusOf = async (updateId: number) => (await database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, updateId)))[0]?.status;
const stateOf = async (key: string) => (await database.db.select().from(conversationStates).where(eq(conversationStates.key, key)))[0]?.value;

describe("one statement for many updates", () => {
  it("admits each update of a batch with its own claim, member and conversation state", async () => {
    await database.db.insert(conversationStates).values({ key: "501:501", value: { step: "photos" }, updatedAt: at });
    await admitUpdates(database.db, [{ botId: BOT, updateId: 1003, at, ...claim }]);
    await completeUpdates(database.db, [{ botId: BOT, updateId: 1003, at, writes: new Map() }]);

    const admissions = await admitUpdates(database.db, [
      { botId: BOT, updateId: 1001, at, ...claim, profile: profile(501), conversationKey: "501:501" },
      { botId: BOT, updateId: 1002, at, ...claim, conversationKey: "-100:502" },
      { botId: BOT, updateId: 1003, at, ...claim, profile: profile(503), conversationKey: "503:503" },
    ]);
    expect(admissions.map((a) => a.claimed)).toEqual([true, true, false]);
    expect(admissions[0]).toMatchObject({ member: { id: 501, firstName: "User 501", roles: [] }, conversationState: { step: "photos" } });
    // A group update: nobody is created, and there is no state yet.
    expect(admissions[1]).toEqual({ claimed: true, attempt: 1, doneSteps: [], member: undefined, conversationState: undefined });
    // Already done: not claimed again, but the sender is still refreshed.
    expect(admissions[2]?.member?.id).toBe(503);
    expect(
      (
        await database.db
          .select()
          .from(users)
          .where(inArray(users.id, [501, 503]))
      ).length,
    ).toBe(2);
  });

  it("finishes each update of a batch with the state it produced, writes and deletions alike", async () => {
    await admitUpdates(database.db, [
      { botId: BOT, updateId: 2001, at, ...claim },
      { botId: BOT, updateId: 2002, at, ...claim },
    ]);
    await completeUpdates(database.db, [
      { botId: BOT, updateId: 2001, at, writes: new Map([["601:601", { step: "where" }]]) },
      { botId: BOT, updateId: 2002, at, writes: new Map([["501:501", null]]) },
    ]);
    expect([await statusOf(2001), await statusOf(2002)]).toEqual(["done", "done"]);
    expect(await stateOf("601:601")).toEqual({ step: "where" });
    expect(await stateOf("501:501")).toBeUndefined();
  });

  it("lets one bad update fail alone: the others of its batch are finished", async () => {
    const ledger = updateLedger(database.db);
    const ids = [3001, 3002, 3003];
    await Promise.all(ids.map((updateId) => ledger.admit({ botId: BOT, updateId, at, ...claim })));
    // Postgres refuses \u0000 inside jsonb text: this state cannot be stored.
    const results = await Promise.allSettled(
      ids.map((updateId) =>
        ledger.complete({ botId: BOT, updateId, at, writes: new Map([[`state-${updateId}`, { text: updateId === 3002 ? "bad\u0000" : "fine" }]]) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect([await statusOf(3001), await statusOf(3002), await statusOf(3003)]).toEqual(["done", "processing", "done"]);
    expect(await stateOf("state-3001")).toEqual({ text: "fine" });
    expect(await stateOf("state-3002")).toBeUndefined();
  });

  it("admits 40 senders at once, and one sender's two updates at once, each exactly once", async () => {
    const ledger = updateLedger(database.db);
    const requests = Array.from({ length: 40 }, (_, i) => ({
      botId: BOT,
      updateId: 4000 + i,
      at,
      ...claim,
      profile: profile(700 + i),
      conversationKey: `${700 + i}:${700 + i}`,
    }));
    requests.push({ botId: BOT, updateId: 4100, at, ...claim, profile: profile(700), conversationKey: "700:700" });
    // A redelivery of an update in the same turn: only one of the two claims it.
    requests.push({ ...requests[1]! });
    const admissions = await Promise.all(requests.map((request) => ledger.admit(request)));
    expect(admissions.filter((a) => a.claimed)).toHaveLength(41);
    expect(admissions.map((a) => a.member?.id)).toEqual(requests.map((r) => r.profile.id));
    expect(
      await database.db.$count(
        users,
        inArray(
          users.id,
          requests.map((r) => r.profile.id),
        ),
      ),
    ).toBe(40);
  });
});

describe.skipIf(inject("testDatabase").kind === "pglite")("two instances batching the same senders (Postgres)", () => {
  it("never deadlock: each batch locks senders in the same order", async () => {
    const second = openPostgres(database.location.databaseUrl!, 2);
    try {
      const one = updateLedger(database.db);
      const two = updateLedger(second.db);
      const deadlocks = async () =>
        (await queryRows<{ deadlocks: number }>(database.db, sql`select deadlocks::int from pg_stat_database where datname = current_database()`))[0]!
          .deadlocks;
      const before = await deadlocks();
      const senders = Array.from({ length: 100 }, (_, i) => 800 + i);
      for (let round = 0; round < 10; round++) {
        const batch = (ledger: typeof one, offset: number, order: number[]) =>
          order.map((id, i) => ledger.admit({ botId: BOT, updateId: 50_000 + offset + round * 1000 + i, at, ...claim, profile: profile(id) }));
        const admitted = await Promise.all([...batch(one, 0, senders), ...batch(two, 500, [...senders].reverse())]);
        expect(admitted.every((a) => a.claimed)).toBe(true);
      }
      // Statistics reach pg_stat_database a moment later.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await deadlocks()).toBe(before);
    } finally {
      await second.close();
    }
  });
});
