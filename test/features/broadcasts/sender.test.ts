import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { broadcastRecipients, broadcasts, users } from "../../../src/db/schema/index.js";
import { recordUser } from "../../../src/features/accounts/service.js";
import { Pacer } from "../../../src/features/broadcasts/sender.js";
import { cancelBroadcast, figuresOf } from "../../../src/features/broadcasts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeClock, seedDefaultCommunity } from "../../helpers/harness.js";
import { fakePace, FakeTransport, makeSender, newBroadcast, resetBroadcasts, seedResidents, STAFF } from "./helpers.js";

let database: TestDatabase;
let home: number;
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.insert(users).values({ id: STAFF, firstName: "Staff", firstSeenAt: new Date(), lastSeenAt: new Date() });
});
afterAll(() => database.close());
beforeEach(async () => {
  await resetBroadcasts(database.db);
  await database.db.delete(users).where(sql`id <> ${STAFF}`);
});

const rowsOf = (id: number) => database.db.select().from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, id));

describe("pacing", () => {
  it("keeps the configured global rate and one message a second per chat", async () => {
    const clock = new FakeClock();
    const pace = fakePace(clock);
    const pacer = new Pacer(25, pace);
    expect(pacer.delay(1)).toBe(0);
    pacer.take(1);
    // Same chat: a full second later; another chat: at once (burst).
    expect(pacer.delay(1)).toBe(1000);
    expect(pacer.delay(2)).toBe(0);
    pacer.pauseAll(3000);
    expect(pacer.delay(2)).toBe(3000);
  });

  it("sends 200 recipients at 25/s: never more than 25+burst in any second, total time about 8 s", async () => {
    const clock = new FakeClock();
    const ids = await seedResidents(database.db, home, 100_000, 200);
    const transport = new FakeTransport(() => clock.now().getTime());
    const sender = makeSender(database.db, clock, transport);
    const id = await newBroadcast(database.db, home, clock.now());
    const start = clock.now().getTime();
    expect(await sender.runSlice(id)).toBe("done");
    expect(transport.deliveredTo().sort()).toEqual(ids);
    const times = transport.deliveries.map((d) => d.at - start);
    const elapsed = times.at(-1)! / 1000;
    expect(elapsed).toBeGreaterThan((200 - 5) / 25 - 0.1);
    expect(elapsed).toBeLessThan(200 / 25 + 0.5);
    for (const t0 of times) expect(times.filter((t) => t >= t0 && t < t0 + 1000).length).toBeLessThanOrEqual(25 + sender.pacer.capacity);
    const rows = await rowsOf(id);
    expect(rows.every((r) => r.state === "sent" && r.messageId !== null)).toBe(true);
    const [row] = await database.db.select().from(broadcasts).where(eq(broadcasts.id, id));
    expect(row).toMatchObject({ status: "done", total: 200, lockedBy: null });
    // Progress at most every 5 s, then the summary; texts and entities kept.
    expect(transport.notices[0]!.text).toBe(`📣 Broadcast #${id} is sending to 200 people.`);
    const progress = transport.edits.filter((e) => e.buttons);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 5));
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(5000);
    expect(progress[0]!.text).toMatch(
      new RegExp(`^📣 Broadcast #${id}: sent \\d+, failed 0, left \\d+ \\(of 200\\)\\. 2\\d\\.\\d per second, about 0 min \\d+ s to go\\.$`),
    );
    expect(progress[0]!.buttons).toEqual([{ text: "⛔ Stop sending", data: `bc-stop:${id}` }]);
    expect(transport.edits.at(-1)!.text).toBe(`✅ Broadcast #${id} finished: sent 200, failed 0, skipped 0 (of 200).`);
    expect(transport.deliveries[0]!.content).toEqual({ kind: "text", text: "停水通知 Water off", entities: [{ type: "bold", offset: 0, length: 4 }] });
  });

  it("passes allow_paid_broadcast when paid", async () => {
    const clock = new FakeClock();
    await seedResidents(database.db, home, 100_000, 3);
    const transport = new FakeTransport(() => clock.now().getTime());
    const sender = makeSender(database.db, clock, transport, { config: { paid: true, ratePerSecond: 1000, quietHours: null } });
    await sender.runSlice(await newBroadcast(database.db, home, clock.now()));
    expect(transport.deliveries.map((d) => d.paid)).toEqual([true, true, true]);
  });
});

describe("errors", () => {
  it("429: pauses all sending for retry_after, then sends the same recipient again", async () => {
    const clock = new FakeClock();
    const ids = await seedResidents(database.db, home, 100_000, 40);
    const transport = new FakeTransport(() => clock.now().getTime());
    transport.fail(ids[10]!, { kind: "flood", retryAfterMs: 7000 });
    const sender = makeSender(database.db, clock, transport);
    const id = await newBroadcast(database.db, home, clock.now());
    expect(await sender.runSlice(id)).toBe("done");
    expect(transport.deliveredTo().sort()).toEqual(ids);
    const refusedAt = transport.attempts[10]!.at;
    const next = transport.attempts[11]!;
    expect(next.chatId).toBe(ids[10]);
    expect(next.at - refusedAt).toBeGreaterThanOrEqual(7000);
    expect(transport.attempts.filter((a) => a.at > refusedAt && a.at < refusedAt + 7000)).toEqual([]);
    expect(sender.stats.flood).toBe(1);
  });

  it("403: marks the user unreachable, goes on, skips them later until they write again", async () => {
    const clock = new FakeClock();
    const ids = await seedResidents(database.db, home, 100_000, 10);
    const transport = new FakeTransport(() => clock.now().getTime());
    transport.fail(ids[3]!, { kind: "unreachable", reason: "blocked" });
    transport.fail(ids[4]!, { kind: "unreachable", reason: "deactivated" });
    transport.fail(ids[5]!, { kind: "rejected", reason: "chat-not-found" });
    const sender = makeSender(database.db, clock, transport);
    const first = await newBroadcast(database.db, home, clock.now());
    expect(await sender.runSlice(first)).toBe("done");
    expect(transport.deliveries).toHaveLength(7);
    const rows = await rowsOf(first);
    expect(rows.find((r) => r.userId === ids[3])).toMatchObject({ state: "failed", reason: "blocked" });
    expect(rows.find((r) => r.userId === ids[5])).toMatchObject({ state: "failed", reason: "chat-not-found" });
    const blocked = await database.db.select({ id: users.id }).from(users).where(sql`blocked_at is not null`);
    expect(blocked.map((b) => b.id).sort()).toEqual([ids[3], ids[4]]);
    expect(transport.edits.at(-1)!.text).toBe(
      `✅ Broadcast #${first} finished: sent 7, failed 3, skipped 0 (of 10).\n• blocked the bot: 1\n• chat not found: 1\n• account deleted: 1`,
    );

    // Later broadcast: the two are skipped without a call.
    transport.deliveries.length = 0;
    transport.attempts.length = 0;
    const second = await newBroadcast(database.db, home, clock.now());
    await sender.runSlice(second);
    expect(transport.attempts.map((a) => a.chatId)).not.toContain(ids[3]);
    expect((await rowsOf(second)).filter((r) => r.state === "skipped").map((r) => [r.userId, r.reason])).toEqual([
      [ids[3], "unreachable"],
      [ids[4], "unreachable"],
    ]);
    // One writes again: included next time.
    await recordUser(database.db, { id: ids[3]!, firstName: "Back" }, clock.now());
    transport.attempts.length = 0;
    await sender.runSlice(await newBroadcast(database.db, home, clock.now()));
    expect(transport.attempts.map((a) => a.chatId)).toContain(ids[3]);
    expect(transport.attempts.map((a) => a.chatId)).not.toContain(ids[4]);
  });

  it("retries network errors and 5xx with backoff; gives up after five tries", async () => {
    const clock = new FakeClock();
    const ids = await seedResidents(database.db, home, 100_000, 3);
    const transport = new FakeTransport(() => clock.now().getTime());
    transport.fail(ids[0]!, { kind: "transient", reason: "network" }, { kind: "transient", reason: "server-error" });
    const always = Array.from({ length: 5 }, () => ({ kind: "transient", reason: "server-error" }) as const);
    transport.fail(ids[1]!, ...always);
    const sender = makeSender(database.db, clock, transport);
    const id = await newBroadcast(database.db, home, clock.now());
    await sender.runSlice(id);
    const tries = transport.attempts.filter((a) => a.chatId === ids[0]).map((a) => a.at);
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(1000);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(2000);
    expect(transport.attempts.filter((a) => a.chatId === ids[1])).toHaveLength(5);
    const rows = await rowsOf(id);
    expect(rows.find((r) => r.userId === ids[0])).toMatchObject({ state: "sent", attempts: 3 });
    expect(rows.find((r) => r.userId === ids[1])).toMatchObject({ state: "failed", reason: "server-error" });
    expect(rows.find((r) => r.userId === ids[2])).toMatchObject({ state: "sent" });
  });
});

describe("cancel", () => {
  it("stops sending within a second of Cancel and writes the summary", async () => {
    const clock = new FakeClock();
    await seedResidents(database.db, home, 100_000, 100);
    const transport = new FakeTransport(() => clock.now().getTime());
    const sender = makeSender(database.db, clock, transport);
    const id = await newBroadcast(database.db, home, clock.now());
    let cancelledAt = 0;
    transport.onDeliver = async (_chat, count) => {
      if (count === 30) {
        cancelledAt = clock.now().getTime();
        expect(await cancelBroadcast(database.db, { id, communityId: home, by: STAFF, at: clock.now() })).toEqual({ ok: true, live: true });
      }
    };
    expect(await sender.runSlice(id)).toBe("cancelled");
    const after = transport.deliveries.filter((d) => d.at > cancelledAt);
    expect(after.every((d) => d.at <= cancelledAt + 1000)).toBe(true);
    const figures = await figuresOf(database.db, id);
    expect(figures.sent).toBe(transport.deliveries.length);
    expect(figures.left).toBe(0);
    expect(figures.reasons.cancelled).toBe(100 - figures.sent);
    expect(transport.edits.at(-1)!.text).toContain(`⛔ Broadcast #${id} stopped: sent ${figures.sent}`);
    const [row] = await database.db.select().from(broadcasts).where(eq(broadcasts.id, id));
    expect(row).toMatchObject({ status: "cancelled", lockedBy: null });
  });

  it("a scheduled broadcast cancelled before it starts sends nothing", async () => {
    const clock = new FakeClock();
    await seedResidents(database.db, home, 100_000, 5);
    const transport = new FakeTransport(() => clock.now().getTime());
    const sender = makeSender(database.db, clock, transport);
    const id = await newBroadcast(database.db, home, new Date(clock.now().getTime() + 3600_000));
    expect(await cancelBroadcast(database.db, { id, communityId: home, by: STAFF, at: clock.now() })).toEqual({ ok: true, live: false });
    clock.advance(3600_000);
    expect(await sender.runSlice(id)).toBe("busy");
    expect(transport.deliveries).toEqual([]);
    expect(await cancelBroadcast(database.db, { id, communityId: home, by: STAFF, at: clock.now() })).toEqual({ ok: false, reason: "finished" });
  });
});

describe("audience", () => {
  it("an audience that is empty at start sends nothing and says so", async () => {
    const clock = new FakeClock();
    const transport = new FakeTransport(() => clock.now().getTime());
    const sender = makeSender(database.db, clock, transport);
    const id = await newBroadcast(database.db, home, clock.now(), { audience: "volunteers" });
    expect(await sender.runSlice(id)).toBe("done");
    expect(transport.deliveries).toEqual([]);
    expect(transport.notices.at(-1)!.text).toBe(`Broadcast #${id}: nobody in the audience could receive it when it started; nothing was sent.`);
  });

  it("fixes the recipient list when the broadcast starts", async () => {
    const clock = new FakeClock();
    await seedResidents(database.db, home, 100_000, 5);
    const transport = new FakeTransport(() => clock.now().getTime());
    const sender = makeSender(database.db, clock, transport, { sliceMs: 1, config: { paid: false, ratePerSecond: 1, quietHours: null } });
    const id = await newBroadcast(database.db, home, clock.now());
    await seedResidents(database.db, home, 200_000, 1); // joined before the start: included
    expect(await sender.runSlice(id)).toBe("continued");
    await seedResidents(database.db, home, 300_000, 1); // joined after the start: not included
    while ((await sender.runSlice(id)) === "continued");
    expect(transport.deliveredTo().sort()).toEqual([100_000, 100_001, 100_002, 100_003, 100_004, 200_000]);
  });
});

describe("leases", () => {
  it("a sender that lost its lease stops; the new holder sends each recipient once", async () => {
    const clock = new FakeClock();
    const ids = await seedResidents(database.db, home, 100_000, 60);
    const transport = new FakeTransport(() => clock.now().getTime());
    const a = makeSender(database.db, clock, transport, { leaseMs: 5000 });
    const b = makeSender(database.db, clock, transport, { leaseMs: 5000 });
    const id = await newBroadcast(database.db, home, clock.now());
    let outcomeB: Promise<string> | undefined;
    transport.onDeliver = async (_chat, count) => {
      if (count !== 20) return;
      // A stalls: its lease runs out and B takes over while A is between two messages.
      await database.db
        .update(broadcasts)
        .set({ lockedUntil: new Date(clock.now().getTime() - 1) })
        .where(eq(broadcasts.id, id));
      outcomeB = b.runSlice(id);
      await outcomeB;
    };
    expect(await a.runSlice(id)).toBe("lost");
    expect(await outcomeB).toBe("done");
    // A stalled in the documented window (Telegram had accepted the 20th, its row still
    // "sending"): B sends that one again, and nobody else twice.
    const delivered = transport.deliveredTo();
    expect([...new Set(delivered)].sort()).toEqual(ids);
    expect(delivered.filter((c, i) => delivered.indexOf(c) !== i)).toEqual([ids[19]]);
  });
});

it("keeps nothing but a page of recipients in memory (reads pages of pageSize)", async () => {
  const clock = new FakeClock();
  const ids = await seedResidents(database.db, home, 100_000, 25);
  const transport = new FakeTransport(() => clock.now().getTime());
  const sender = makeSender(database.db, clock, transport, { pageSize: 4, config: { paid: false, ratePerSecond: 25, quietHours: null } });
  expect(await sender.runSlice(await newBroadcast(database.db, home, clock.now()))).toBe("done");
  expect(transport.deliveredTo()).toEqual(ids);
});
