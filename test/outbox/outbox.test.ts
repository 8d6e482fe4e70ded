import { asc, eq, inArray } from "drizzle-orm";
import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxChatPace, outboxMessages, outboxPace, users } from "../../src/db/schema/index.js";
import { recordUser } from "../../src/features/accounts/service.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { claimMessages, telegramPace, type PaceRules } from "../../src/outbox/claim.js";
import { cancelMessage, enqueueMessages, Priority, rescheduleMessage, type OutboxDraft } from "../../src/outbox/enqueue.js";
import { createOutboxSender, type Deliverer, type OutboxSender } from "../../src/outbox/sender.js";
import { pruneOutbox, renewClaims } from "../../src/outbox/settle.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeTelegram, TEST_TOKEN } from "../helpers/fake-telegram.js";
import { FakeClock } from "../helpers/harness.js";
import { eventually } from "../helpers/instances.js";

let database: TestDatabase;
const T0 = new Date("2026-06-01T02:00:00Z");
const i18n = createI18n();
const EN = 7001;
const ZH = 7002;
beforeAll(async () => {
  database = await createTestDatabase();
  await recordUser(database.db, { id: EN, firstName: "Ann", languageCode: "en" }, T0);
  await recordUser(database.db, { id: ZH, firstName: "王", languageCode: "zh-hans" }, T0);
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.delete(outboxMessages);
  await database.db.delete(outboxPace);
  await database.db.delete(outboxChatPace);
  await database.db.update(users).set({ blockedAt: null });
});

/** A deliverer that says hello in the recipient's language (the outbox's per-recipient rendering). */
const hello: Deliverer = async (message, { api, t }) => {
  await api.sendMessage(message.chatId, `${t("cancel-done")} #${(message.payload as { n: number }).n}`);
};
const draft = (chatId: number, n: number, extra: Partial<OutboxDraft> = {}): OutboxDraft => ({
  kind: "hello",
  chatId,
  userId: chatId > 0 ? chatId : null,
  payload: { n },
  ...extra,
});
const rows = () => database.db.select().from(outboxMessages).orderBy(asc(outboxMessages.id));
const slow: PaceRules = { ratePerSecond: 2, burst: 3, privateIntervalMs: 1000, groupIntervalMs: 3000 };

function sender(telegram: FakeTelegram, clock: FakeClock, pace: PaceRules = slow, options: { maxInFlight?: number; idleMs?: number } = {}): OutboxSender {
  return createOutboxSender({
    db: database.db,
    api: new Api(TEST_TOKEN, { fetch: telegram.fetch }),
    deliverers: { hello },
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    clock,
    logger: silentLogger,
    botId: 1,
    pace,
    idleMs: options.idleMs ?? 20,
    ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
  });
}

describe("writing", () => {
  it("exists exactly when the caller's transaction commits", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMessages(tx, [draft(EN, 1)], T0);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rows()).toEqual([]);
    await database.db.transaction((tx) => enqueueMessages(tx, [draft(EN, 2)], T0));
    expect(await rows()).toMatchObject([{ kind: "hello", chatId: EN, userId: EN, payload: { n: 2 }, status: "pending", runAt: T0 }]);
  });

  it("a dedupe key is enqueued once ever; a pending topic takes no second message; keys cancel and move", async () => {
    await enqueueMessages(database.db, [draft(EN, 1, { dedupeKey: "daily:1" }), draft(EN, 2, { dedupeKey: "daily:1" })], T0);
    await enqueueMessages(database.db, [draft(-5, 3, { topic: "card:9" })], T0);
    await enqueueMessages(database.db, [draft(-5, 4, { topic: "card:9" })], T0);
    expect((await rows()).map((r) => (r.payload as { n: number }).n)).toEqual([1, 3]);

    const later = new Date(T0.getTime() + 3600_000);
    expect(await rescheduleMessage(database.db, "daily:1", later)).toBe(true);
    expect((await rows())[0]).toMatchObject({ runAt: later, status: "pending" });
    expect(await cancelMessage(database.db, "daily:1")).toBe(true);
    expect(await cancelMessage(database.db, "daily:1")).toBe(false);
    expect((await rows())[0]).toMatchObject({ status: "cancelled" });
    // Cancelled, the key still holds: the same reminder is not enqueued again by a retry.
    await enqueueMessages(database.db, [draft(EN, 5, { dedupeKey: "daily:1" })], T0);
    expect(await rows()).toHaveLength(2);
  });
});

describe("the pace", () => {
  const claim = (claimer: string, now: Date, want = 10, pace: PaceRules | null = slow) =>
    claimMessages(database.db, { botId: 1, claimer, want, now, leaseMs: 60_000, pace });

  it("is one bucket for every instance: two claimers together get no more than it holds, and it refills at the rate", async () => {
    await enqueueMessages(
      database.db,
      Array.from({ length: 10 }, (_, i) => draft(8000 + i, i)),
      T0,
    );
    const [a, b] = await Promise.all([claim("a", T0), claim("b", T0)]);
    expect(a.messages.length + b.messages.length).toBe(3); // the burst
    expect((await claim("a", T0)).messages).toEqual([]);
    const oneSecond = new Date(T0.getTime() + 1000);
    const [c, d] = await Promise.all([claim("a", oneSecond), claim("b", oneSecond)]);
    expect(c.messages.length + d.messages.length).toBe(2); // 2 a second
  });

  it("one chat gets its messages in order, one at a time, no faster than its interval; groups slower", async () => {
    await enqueueMessages(database.db, [draft(EN, 1), draft(EN, 2), draft(-100, 3), draft(-100, 4)], T0);
    const fast = { ...slow, ratePerSecond: 100, burst: 100 };
    const first = await claim("a", T0, 10, fast);
    expect(first.messages.map((m) => (m.payload as { n: number }).n)).toEqual([1, 3]);
    await database.db
      .update(outboxMessages)
      .set({ status: "sent" })
      .where(
        inArray(
          outboxMessages.id,
          first.messages.map((m) => m.id),
        ),
      );
    expect((await claim("a", new Date(T0.getTime() + 999), 10, fast)).messages).toEqual([]);
    expect((await claim("a", new Date(T0.getTime() + 1000), 10, fast)).messages.map((m) => (m.payload as { n: number }).n)).toEqual([2]);
    expect((await claim("a", new Date(T0.getTime() + 3000), 10, fast)).messages.map((m) => (m.payload as { n: number }).n)).toEqual([4]);
  });

  it("a message due later (a reminder next week) does not hold back one due now to the same chat", async () => {
    await enqueueMessages(database.db, [draft(EN, 1, { runAt: new Date(T0.getTime() + 7 * 86_400_000) })], T0);
    await enqueueMessages(database.db, [draft(EN, 2)], T0);
    expect((await claim("a", T0, 10, null)).messages.map((m) => (m.payload as { n: number }).n)).toEqual([2]);
    // While that one is being sent, nothing else goes to the chat.
    await enqueueMessages(database.db, [draft(EN, 3)], T0);
    expect((await claim("a", T0, 10, null)).messages).toEqual([]);
  });

  it("two due messages to one chat, the later written for an earlier time, go one at a time (the claim does not fail)", async () => {
    // The staff group's overdue notice is written now; the daily report after it, due at 18:00
    // already past: both due, neither before the other in both id and time. A claim taking both
    // failed for good (its pace row written twice), and every message of the bot stayed unsent.
    await enqueueMessages(database.db, [draft(-100, 1)], T0);
    await enqueueMessages(database.db, [draft(-100, 2, { runAt: new Date(T0.getTime() - 3_600_000) })], T0);
    await enqueueMessages(database.db, [draft(EN, 3, { priority: Priority.bulk }), draft(EN, 4, { priority: Priority.person })], T0);
    const fast = { ...slow, ratePerSecond: 100, burst: 100 };
    const first = await claim("a", T0, 10, fast);
    expect(first.messages.map((m) => (m.payload as { n: number }).n)).toEqual([1, 4]);
    await database.db
      .update(outboxMessages)
      .set({ status: "sent" })
      .where(
        inArray(
          outboxMessages.id,
          first.messages.map((m) => m.id),
        ),
      );
    expect((await claim("a", new Date(T0.getTime() + 3000), 10, fast)).messages.map((m) => (m.payload as { n: number }).n)).toEqual([2, 3]);
  });

  it("people's own notifications go ahead of a bulk broadcast already waiting", async () => {
    await enqueueMessages(
      database.db,
      Array.from({ length: 5 }, (_, i) => draft(8100 + i, i, { priority: Priority.bulk })),
      T0,
    );
    await enqueueMessages(database.db, [draft(EN, 99, { priority: Priority.person })], T0);
    const taken = await claim("a", T0, 1);
    expect(taken.messages.map((m) => (m.payload as { n: number }).n)).toEqual([99]);
  });

  it("a message whose sender died is taken again once its lease passes (a live sender renews it)", async () => {
    await enqueueMessages(database.db, [draft(EN, 1)], T0);
    expect((await claim("dead", T0, 10, null)).messages).toHaveLength(1);
    expect((await claim("alive", new Date(T0.getTime() + 59_000), 10, null)).messages).toEqual([]);
    const again = await claim("alive", new Date(T0.getTime() + 61_000), 10, null);
    expect(again.messages).toMatchObject([{ attempts: 2 }]);
    // The live one renews its claim: nobody else takes the message while it is being sent.
    await renewClaims(database.db, "alive", new Date(T0.getTime() + 200_000));
    expect((await claim("third", new Date(T0.getTime() + 150_000), 10, null)).messages).toEqual([]);
  });
});

describe("the sender", () => {
  it("renders each message in its recipient's language at sending time", async () => {
    const telegram = new FakeTelegram();
    await enqueueMessages(database.db, [draft(EN, 1), draft(ZH, 2)], T0);
    // The resident switched to English after the message was written: the send follows them.
    await database.db.update(users).set({ locale: "en" }).where(eq(users.id, EN));
    expect(await sender(telegram, new FakeClock(T0)).drain()).toBe(2);
    expect(telegram.lastText(EN)).toBe(`${i18n.t("en", "cancel-done")} #1`);
    expect(telegram.lastText(ZH)).toBe(`${i18n.t("zh-CN", "cancel-done")} #2`);
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("a 403 marks the person unreachable; a server error is tried again later; a 400 fails for good", async () => {
    const telegram = new FakeTelegram();
    const clock = new FakeClock(T0);
    await enqueueMessages(database.db, [draft(EN, 1), draft(ZH, 2), draft(8200, 3)], T0);
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, EN);
    telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, ZH);
    telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" }, 8200);
    await sender(telegram, clock).drain();
    const [blocked, retried, failed] = await rows();
    expect(blocked).toMatchObject({ status: "unreachable", lastError: "telegram 403" });
    expect((await database.db.select().from(users).where(eq(users.id, EN)))[0]?.blockedAt).toEqual(T0);
    expect(retried).toMatchObject({ status: "pending", attempts: 1, lastError: "telegram 502", runAt: new Date(T0.getTime() + 2000) });
    expect(failed).toMatchObject({ status: "failed", lastError: "telegram 400" });
    clock.advance(2000);
    await sender(telegram, clock).drain();
    expect((await rows())[1]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("keeps several sends in flight, so a slow Telegram does not slow the rate", async () => {
    const telegram = new FakeTelegram();
    // Counts the calls Telegram holds at once (each answered 200 ms after it arrives): one at a
    // time it never holds more than one, whatever the machine's speed.
    let holding = 0;
    let most = 0;
    telegram.delay = () => {
      holding++;
      most = Math.max(most, holding);
      setTimeout(() => holding--, 200);
      return 200;
    };
    await enqueueMessages(
      database.db,
      Array.from({ length: 12 }, (_, i) => draft(8300 + i, i)),
      T0,
    );
    const running = sender(telegram, new FakeClock(T0), telegramPace(1000), { maxInFlight: 12 });
    running.start();
    await eventually(async () => (await rows()).every((r) => r.status === "sent"));
    await running.stop();
    expect(most).toBeGreaterThan(1);
    expect(telegram.sent()).toHaveLength(12);
  });

  it("a 429 pauses every instance until retry_after, then the message goes once", async () => {
    const telegram = new FakeTelegram();
    const clock = new FakeClock(T0);
    await enqueueMessages(database.db, [draft(EN, 1), draft(ZH, 2)], T0);
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } });
    const one = sender(telegram, clock, { ...slow, burst: 1, ratePerSecond: 100 });
    const two = sender(telegram, clock, { ...slow, burst: 1, ratePerSecond: 100 });
    one.start();
    two.start();
    await eventually(async () => (await database.db.select().from(outboxPace))[0]?.pausedUntil);
    const paused = (await database.db.select().from(outboxPace))[0]!.pausedUntil!;
    expect(paused).toEqual(new Date(T0.getTime() + 30_000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Neither instance sent anything more while paused (the one 429'd call is all).
    expect(telegram.callsOf("sendMessage")).toHaveLength(1);
    expect((await rows()).filter((r) => r.status === "pending")).toHaveLength(2);
    clock.advance(30_000); // the bucket holds one: one message now, the next a second later
    await eventually(async () => (await rows()).some((r) => r.status === "sent"));
    clock.advance(1000);
    await eventually(async () => (await rows()).every((r) => r.status === "sent"));
    await Promise.all([one.stop(), two.stop()]);
    expect(
      telegram
        .callsOf("sendMessage")
        .map((c) => c.payload.chat_id)
        .sort(),
    ).toEqual([EN, EN, ZH].sort());
    expect((await rows())[0]).toMatchObject({ attempts: 1 }); // the 429 did not count as a failed attempt
  });
});

it("finished messages are deleted after the retention; pending ones never", async () => {
  await enqueueMessages(database.db, [draft(EN, 1), draft(ZH, 2), draft(8400, 3)], T0);
  const [sent, cancelled] = await rows();
  await database.db.update(outboxMessages).set({ status: "sent", sentAt: T0 }).where(eq(outboxMessages.id, sent!.id));
  await database.db.update(outboxMessages).set({ status: "cancelled" }).where(eq(outboxMessages.id, cancelled!.id));
  expect(await pruneOutbox(database.db, T0)).toBe(0);
  expect(await pruneOutbox(database.db, new Date(T0.getTime() + 1))).toBe(2);
  expect((await rows()).map((r) => r.status)).toEqual(["pending"]);
});
