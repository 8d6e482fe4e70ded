import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { processedUpdates } from "../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());

const ledgerStatus = async (updateId: number) => (await database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, updateId)))[0]?.status;

it("handles an update delivered twice only once", async () => {
  const h = createHarness({ db: database.db });
  const u = updates();
  const user = u.user(101, { languageCode: "en" });
  const start = u.command(user, "start");
  await h.send(start);
  await h.send(start);
  expect(h.telegram.texts(101).filter((t) => t.startsWith("Hello"))).toHaveLength(1);
  expect(await ledgerStatus(start.update_id)).toBe("done");
});

it("handles an update again when its first handling failed", async () => {
  const h = createHarness({ db: database.db });
  const u = updates();
  const user = u.user(102, { languageCode: "en" });
  const start = u.command(user, "start");
  h.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: scripted failure" });

  await h.send(start);
  // The welcome failed; the user got the apology instead and the update is open for redelivery.
  expect(h.telegram.lastText(102)).toMatch(/^Sorry, something went wrong/);
  expect(await ledgerStatus(start.update_id)).toBe("failed");

  await h.send(start);
  expect(h.telegram.lastText(102)).toMatch(/^Hello/);
  expect(await ledgerStatus(start.update_id)).toBe("done");
});

it("lets only one of two instances handle the same update at the same time", async () => {
  const telegram = new FakeTelegram();
  const a = createHarness({ db: database.db, telegram });
  const b = createHarness({ db: database.db, telegram });
  const u = updates();
  const user = u.user(103, { languageCode: "en" });
  const start = u.command(user, "start");
  await Promise.all([a.send(start), b.send(start)]);
  expect(telegram.texts(103).filter((t) => t.startsWith("Hello"))).toHaveLength(1);
});

it("takes over an update whose handler died without finishing, once the claim has expired", async () => {
  const h = createHarness({ db: database.db });
  const u = updates();
  const user = u.user(104, { languageCode: "en" });
  const start = u.command(user, "start");
  // As if an instance claimed it and was killed mid-way.
  await database.db.insert(processedUpdates).values({
    botId: h.bot.botInfo.id,
    updateId: start.update_id,
    status: "processing",
    claimedAt: h.clock.now(),
  });
  await h.send(start);
  expect(h.telegram.texts(104)).toHaveLength(0);

  h.clock.advance(61_000);
  await h.send(start);
  expect(h.telegram.lastText(104)).toMatch(/^Hello/);
});
