import { eq } from "drizzle-orm";
import { Composer } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { defaultFeatures } from "../../src/bot/create-bot.js";
import type { Feature } from "../../src/bot/feature.js";
import { IntakeTracker } from "../../src/bot/intake-tracker.js";
import { createDispatcher } from "../../src/bot/runtime/dispatcher.js";
import { createRecovery } from "../../src/bot/runtime/recovery.js";
import { MAX_ATTEMPTS } from "../../src/bot/update-intake.js";
import { processedUpdates } from "../../src/db/schema/index.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";
import { eventually } from "../helpers/instances.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());

const rowOf = async (updateId: number) => (await database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, updateId)))[0];

/** A bug that fails every time: /explode. */
const explosive: Feature = {
  name: "explosive",
  commands: [],
  menu: [],
  create: () => {
    const composer = new Composer<BotContext>();
    composer.command("explode", () => {
      throw new Error("a bug that no retry heals");
    });
    return composer;
  },
};

describe("a poisoned update", () => {
  it("is retried with growing pauses, apologised for once, then parked with its payload for staff to inspect", async () => {
    const tracker = new IntakeTracker();
    const h = createHarness({ db: database.db, features: [explosive, ...defaultFeatures], tracker });
    const dispatcher = createDispatcher({ bot: h.bot, db: database.db, tracker, clock: h.clock, logger: silentLogger });
    const recovery = createRecovery({
      db: database.db,
      botId: h.bot.botInfo.id,
      clock: h.clock,
      logger: silentLogger,
      tracker,
      dispatcher,
      connectedSince: () => undefined,
    });
    const u = updates();
    const user = u.user(201, { languageCode: "en" });
    const poison = u.command(user, "explode");

    await dispatcher.handle(poison);
    expect(await rowOf(poison.update_id)).toMatchObject({ status: "failed", attempts: 1, lastError: "Error" });
    // Not due yet: the first retry waits 2 seconds.
    expect(await recovery.tick()).toBe(0);

    const waits: number[] = [];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await rowOf(poison.update_id);
      waits.push((row!.nextAttemptAt!.getTime() - h.clock.now().getTime()) / 1000);
      h.clock.advance(row!.nextAttemptAt!.getTime() - h.clock.now().getTime());
      expect(await recovery.tick()).toBe(1);
      await eventually(() => tracker.held().length === 0);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32]);
    const parked = await rowOf(poison.update_id);
    expect(parked).toMatchObject({ status: "parked", attempts: MAX_ATTEMPTS, lastError: "Error" });
    expect(parked!.payload).toMatchObject({ update_id: poison.update_id, message: { text: "/explode" } });
    h.clock.advance(3600_000);
    expect(await recovery.tick()).toBe(0);
    expect(h.telegram.texts(201).filter((t) => t.startsWith("Sorry, something went wrong"))).toHaveLength(1);
  });

  it("that killed its process every time is parked instead of run again", async () => {
    const tracker = new IntakeTracker();
    const h = createHarness({ db: database.db, tracker });
    const dispatcher = createDispatcher({ bot: h.bot, db: database.db, tracker, clock: h.clock, logger: silentLogger });
    const recovery = createRecovery({
      db: database.db,
      botId: h.bot.botInfo.id,
      clock: h.clock,
      logger: silentLogger,
      tracker,
      dispatcher,
      connectedSince: () => 0,
    });
    const u = updates();
    const start = u.command(u.user(202, { languageCode: "en" }), "start");
    await database.db.insert(processedUpdates).values({
      botId: h.bot.botInfo.id,
      updateId: start.update_id,
      status: "processing",
      claimedAt: new Date(h.clock.now().getTime() - 3600_000),
      claimedBy: "an instance that died",
      attempts: MAX_ATTEMPTS,
      payload: start,
    });
    expect(await recovery.tick()).toBe(0);
    expect(await rowOf(start.update_id)).toMatchObject({ status: "parked", lastError: "abandoned" });
    expect(h.telegram.texts(202)).toEqual([]);
  });
});

describe("the flood guard", () => {
  it("counts a user's updates as they arrive: the notice comes at once, not after the queue drains", async () => {
    const telegram = new FakeTelegram();
    // Telegram answers this chat slowly (about one message a second per chat).
    telegram.delay = (method) => (method === "sendMessage" ? 300 : 0);
    const h = createHarness({ db: database.db, telegram, config: { FLOOD_LIMIT: 5, FLOOD_WINDOW_SECONDS: 10 } });
    const u = updates();
    const user = u.user(203, { languageCode: "en" });
    const burst = Array.from({ length: 20 }, () => u.command(user, "help"));
    await Promise.all(burst.map((update) => h.send(update)));

    const texts = telegram.texts(203);
    expect(texts.filter((t) => t.startsWith("You are sending messages too fast"))).toHaveLength(1);
    // The notice went out before the second answer: it did not wait behind the user's queue.
    expect(texts.findIndex((t) => t.startsWith("You are sending messages too fast"))).toBeLessThan(2);
    expect(texts.filter((t) => !t.startsWith("You are sending messages too fast"))).toHaveLength(5);
  });
});
