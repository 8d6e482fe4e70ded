import { and, eq, sql } from "drizzle-orm";
import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { botDeliverers } from "../../../src/bot/create-bot.js";
import { broadcasts, outboxMessages, outboxPace, users } from "../../../src/db/schema/index.js";
import { readBroadcastConfig } from "../../../src/features/broadcasts/config.js";
import { startBroadcast } from "../../../src/features/broadcasts/dispatch.js";
import { broadcastJobs } from "../../../src/features/broadcasts/jobs.js";
import { stopBroadcast } from "../../../src/features/broadcasts/service.js";
import { createI18n } from "../../../src/i18n.js";
import type { AppJobDeps } from "../../../src/jobs/app-jobs.js";
import { silentLogger } from "../../../src/logger.js";
import { claimMessages, telegramPace } from "../../../src/outbox/claim.js";
import { enqueueMessages } from "../../../src/outbox/enqueue.js";
import { notice } from "../../../src/outbox/notice.js";
import { createOutboxSender } from "../../../src/outbox/sender.js";
import { pruneOutbox } from "../../../src/outbox/settle.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeTelegram, TEST_TOKEN } from "../../helpers/fake-telegram.js";
import { createTestOutbox, FakeClock, seedDefaultCommunity } from "../../helpers/harness.js";
import { eventually } from "../../helpers/instances.js";
import { broadcastRunner, newBroadcast, resetBroadcasts, seedResidents, STAFF, testConfig } from "./helpers.js";

let database: TestDatabase;
let home: number;
const i18n = createI18n();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.insert(users).values({ id: STAFF, firstName: "Staff", locale: "en", firstSeenAt: new Date(), lastSeenAt: new Date() });
});
afterAll(() => database.close());
beforeEach(async () => {
  await resetBroadcasts(database.db);
  await database.db.delete(users).where(sql`id <> ${STAFF}`);
});

const statusOf = async (id: number) => (await database.db.select().from(broadcasts).where(eq(broadcasts.id, id)))[0]!;
const rowsOf = (id: number) => database.db.select().from(outboxMessages).where(eq(outboxMessages.bulkId, id));
const notices = (telegram: FakeTelegram) => telegram.callsOf("sendMessage").filter((c) => String(c.payload.text).endsWith("停水通知 Water off"));

/** An instance's outbox sender at the bot's pace (25 a second, a burst of 13), on the test's clock. */
function paced(telegram: FakeTelegram, clock: FakeClock) {
  return createOutboxSender({
    db: database.db,
    api: new Api(TEST_TOKEN, { fetch: telegram.fetch }),
    deliverers: botDeliverers(database.db),
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    clock,
    logger: silentLogger,
    botId: 1,
    pace: telegramPace(25),
    idleMs: 20,
  });
}

it("a scheduled broadcast starts at its time: one bulk outbox row per reachable recipient, sent in each one's language", async () => {
  const clock = new FakeClock();
  const ids = await seedResidents(database.db, home, 100_000, 30);
  await database.db.update(users).set({ blockedAt: clock.now() }).where(eq(users.id, 100_029));
  const telegram = new FakeTelegram();
  const runner = broadcastRunner(database.db, clock);
  const id = await newBroadcast(database.db, home, new Date(clock.now().getTime() + 3600_000));
  await runner.tick();
  expect(await rowsOf(id)).toEqual([]);
  expect((await statusOf(id)).status).toBe("scheduled");
  clock.advance(3600_000);
  await runner.tick();
  expect(await statusOf(id)).toMatchObject({ status: "sending", total: 30 });
  expect((await rowsOf(id)).map((r) => r.userId).sort()).toEqual(ids.slice(0, 29));
  expect((await rowsOf(id)).every((r) => r.priority === 5 && r.kind === "broadcast.message")).toBe(true);
  await createTestOutbox(database.db, telegram, clock).drain();
  expect(
    notices(telegram)
      .map((c) => c.payload.chat_id)
      .sort(),
  ).toEqual(ids.slice(0, 29));
  await runner.tick();
  await createTestOutbox(database.db, telegram, clock).drain();
  expect(await statusOf(id)).toMatchObject({ status: "done" });
  expect(telegram.lastText(STAFF)).toBe(`✅ Broadcast #${id} finished: sent 29, failed 0, skipped 1 (of 30).\n• already unreachable before: 1`);
  // A week later the outbox is pruned; the broadcast's rows are its record, and stay.
  expect(await pruneOutbox(database.db, new Date(clock.now().getTime() + 8 * 86_400_000))).toBeGreaterThan(0);
  expect((await rowsOf(id)).filter((r) => r.status === "sent")).toHaveLength(29);
});

it("a start run again (a redelivered job, a crash between batches) adds no second row for anyone", async () => {
  const clock = new FakeClock();
  await seedResidents(database.db, home, 100_000, 2500);
  const id = await newBroadcast(database.db, home, clock.now(), { urgent: true });
  await startBroadcast(database.db, id, clock.now(), { ...testConfig(), paid: false });
  // As a crash after the first batch would leave it: sending, recipients not all written.
  await database.db.delete(outboxMessages).where(and(eq(outboxMessages.bulkId, id), sql`user_id >= 101000`));
  await database.db.update(broadcasts).set({ total: null }).where(eq(broadcasts.id, id));
  await startBroadcast(database.db, id, clock.now(), { ...testConfig(), paid: false });
  await startBroadcast(database.db, id, clock.now(), { ...testConfig(), paid: false });
  const [count] = await database.db
    .select({ rows: sql<number>`count(*)::int`, people: sql<number>`count(distinct user_id)::int` })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.bulkId, id), eq(outboxMessages.kind, "broadcast.message")));
  expect(count).toEqual({ rows: 2500, people: 2500 });
  expect(await statusOf(id)).toMatchObject({ status: "sending", total: 2500 });
});

it("quiet hours: rows wait for 08:00 unless urgent; quiet hours beginning mid-broadcast hold what is pending", async () => {
  const clock = new FakeClock(new Date("2026-05-01T13:30:00Z")); // 21:30 in Shanghai
  const ids = await seedResidents(database.db, home, 100_000, 10);
  const telegram = new FakeTelegram();
  const runner = broadcastRunner(database.db, clock);
  const send = () => createTestOutbox(database.db, telegram, clock).drain();
  const id = await newBroadcast(database.db, home, clock.now());
  await runner.tick();
  await send();
  expect(notices(telegram)).toEqual([]);
  expect((await rowsOf(id)).filter((r) => r.kind === "broadcast.message").every((r) => r.runAt.getTime() === Date.parse("2026-05-02T00:00:00Z"))).toBe(true);
  expect(telegram.lastText(STAFF)).toMatch(/🌙 Quiet hours: paused, resumes at 2026-05-02 08:00\.$/);

  const urgent = await newBroadcast(database.db, home, clock.now(), { urgent: true });
  await runner.tick();
  await send();
  expect(
    notices(telegram)
      .map((c) => c.payload.chat_id)
      .sort(),
  ).toEqual(ids);
  await runner.tick();
  expect((await statusOf(urgent)).status).toBe("done");

  clock.advance(Date.parse("2026-05-02T00:00:00Z") - clock.now().getTime());
  await send();
  await runner.tick();
  expect(notices(telegram)).toHaveLength(20);
  expect((await statusOf(id)).status).toBe("done");

  // 20:59: a broadcast starts; at 21:00 what has not gone yet waits for the morning.
  clock.advance(Date.parse("2026-05-02T12:59:00Z") - clock.now().getTime());
  const evening = await newBroadcast(database.db, home, clock.now());
  await runner.tick();
  clock.advance(60_000);
  await runner.tick();
  await send();
  expect(notices(telegram)).toHaveLength(20);
  expect((await rowsOf(evening)).filter((r) => r.kind === "broadcast.message").every((r) => r.runAt.getTime() === Date.parse("2026-05-03T00:00:00Z"))).toBe(
    true,
  );
});

it("Stop cancels the pending rows at once; a message already on its way still goes", async () => {
  const clock = new FakeClock();
  await seedResidents(database.db, home, 100_000, 10);
  const telegram = new FakeTelegram();
  const id = await newBroadcast(database.db, home, clock.now(), { urgent: true });
  await broadcastRunner(database.db, clock).tick();
  // Another instance has two on their way to Telegram.
  const inFlight = await claimMessages(database.db, { botId: 1, claimer: "other", want: 2, now: clock.now(), leaseMs: 60_000, pace: null });
  expect(await stopBroadcast(database.db, { id, communityId: home, by: STAFF, at: clock.now(), rules: testConfig() })).toEqual({ ok: true });
  expect(await stopBroadcast(database.db, { id, communityId: home, by: STAFF, at: clock.now(), rules: testConfig() })).toEqual({
    ok: false,
    reason: "finished",
  });
  const rows = (await rowsOf(id)).filter((r) => r.kind === "broadcast.message");
  expect(rows.filter((r) => r.status === "sending").map((r) => r.id)).toEqual(inFlight.messages.filter((m) => m.kind === "broadcast.message").map((m) => m.id));
  expect(rows.filter((r) => r.status === "cancelled")).toHaveLength(10 - rows.filter((r) => r.status === "sending").length);
  await createTestOutbox(database.db, telegram, clock).drain();
  expect(notices(telegram)).toEqual([]);
  expect((await statusOf(id)).status).toBe("cancelled");
});

it("people's own notices go ahead of a running broadcast", async () => {
  const clock = new FakeClock();
  await seedResidents(database.db, home, 100_000, 40);
  await seedResidents(database.db, home, 300_000, 1, "en");
  const telegram = new FakeTelegram();
  const id = await newBroadcast(database.db, home, clock.now(), { urgent: true, progressChatId: null });
  await broadcastRunner(database.db, clock).tick();
  await enqueueMessages(database.db, [notice(300_000, { key: "cancel-done" })], clock.now());
  // The clock stands still: the bucket holds 13; the person's notice is one of them, though
  // their copy of the broadcast was written first.
  const sender = paced(telegram, clock);
  sender.start();
  await eventually(async () => telegram.callsOf("sendMessage").length === 13);
  await sender.stop();
  expect(telegram.lastText(300_000)).toBe(i18n.t("en", "cancel-done"));
  expect((await rowsOf(id)).filter((r) => r.status === "sent")).toHaveLength(12);
});

it("two instances share one pace, and a 429 pauses both", async () => {
  const clock = new FakeClock();
  await seedResidents(database.db, home, 100_000, 60);
  const telegram = new FakeTelegram();
  const id = await newBroadcast(database.db, home, clock.now(), { urgent: true, progressChatId: null });
  await broadcastRunner(database.db, clock).tick();
  const one = paced(telegram, clock);
  const two = paced(telegram, clock);
  one.start();
  two.start();
  const sent = async () => (await rowsOf(id)).filter((r) => r.status === "sent").length;
  // Together no more than the one bucket: 13 at once, then 25 a second.
  await eventually(async () => (await sent()) === 13);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await sent()).toBe(13);
  clock.advance(1000);
  await eventually(async () => (await sent()) === 13 + 13);
  // Telegram says 429: every instance waits retry_after.
  telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } });
  clock.advance(1000);
  await eventually(async () => (await database.db.select().from(outboxPace))[0]?.pausedUntil);
  // The others claimed with the refused one were on their way already: they arrive.
  await eventually(async () => (await sent()) === 13 + 13 + 12);
  const before = telegram.callsOf("sendMessage").length;
  clock.advance(10_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(telegram.callsOf("sendMessage").length).toBe(before);
  clock.advance(20_000);
  await eventually(async () => {
    if ((await sent()) === 60) return true;
    clock.advance(500);
    return false;
  });
  await Promise.all([one.stop(), two.stop()]);
  const per = new Map<number, number>();
  for (const c of telegram.callsOf("sendMessage")) per.set(Number(c.payload.chat_id), (per.get(Number(c.payload.chat_id)) ?? 0) + 1);
  // The one refused by the 429 was sent again; nobody got two.
  expect([...per.values()].filter((n) => n > 1)).toHaveLength(1);
  expect((await rowsOf(id)).filter((r) => r.status !== "sent")).toEqual([]);
});

it("paid broadcasts ask Telegram for the paid rate on every recipient's message", async () => {
  const clock = new FakeClock();
  await seedResidents(database.db, home, 100_000, 3);
  const telegram = new FakeTelegram();
  await newBroadcast(database.db, home, clock.now(), { urgent: true, progressChatId: null });
  await broadcastRunner(database.db, clock, testConfig({ paid: true, ratePerSecond: 1000 })).tick();
  await createTestOutbox(database.db, telegram, clock).drain();
  expect(notices(telegram).map((c) => c.payload.allow_paid_broadcast)).toEqual([true, true, true]);
});

it("takes the app's job dependencies as they are", () => {
  const wire = (deps: AppJobDeps) => broadcastJobs({ ...deps, broadcast: readBroadcastConfig({}) });
  const { handlers, schedules } = wire({
    db: database.db,
    clock: new FakeClock(),
    logger: silentLogger,
    api: new Api("1:x"),
    i18n: i18n as unknown as AppJobDeps["i18n"],
    config: { REPORT_AUTO_CLOSE_DAYS: 3 },
  });
  expect(Object.keys(handlers)).toEqual(["broadcast.send"]);
  expect(schedules.map((s) => s.name)).toEqual(["broadcast.dispatch"]);
});

it("reads its settings from the environment", () => {
  expect(readBroadcastConfig({})).toEqual({ paid: false, ratePerSecond: 25, quietHours: { start: "21:00", end: "08:00" } });
  expect(readBroadcastConfig({ BROADCAST_PAID: "true" })).toMatchObject({ paid: true, ratePerSecond: 1000 });
  expect(readBroadcastConfig({ BROADCAST_PAID: "true", BROADCAST_RATE_PER_SECOND: "200", BROADCAST_QUIET_HOURS: "off" })).toEqual({
    paid: true,
    ratePerSecond: 200,
    quietHours: null,
  });
  expect(() => readBroadcastConfig({ BROADCAST_RATE_PER_SECOND: "100" })).toThrow(/at most 30 unless BROADCAST_PAID=true/);
  expect(() => readBroadcastConfig({ BROADCAST_QUIET_HOURS: "9pm" })).toThrow(/HH:mm-HH:mm/);
});
