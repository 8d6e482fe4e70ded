import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog, events } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { organiserMessages } from "../../../src/features/events/organiser-messages.js";
import { rescheduleEvent } from "../../../src/features/events/organiser-service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { signupMessages } from "../../../src/features/events/messages.js";
import { pruneOutbox } from "../../../src/outbox/settle.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * A weekly series moved at once from a roster (this one and every later one that has not
 * started, each to the same local time on its own day), or only the one event; and a reminder
 * already sent is not sent again after its event moves, even once its outbox row is pruned.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // Friday 1 May, 10:00 in Shanghai
const ANN = 49_001; // staff, English
const LIU = 49_002; // staff, Chinese
const WANG = 49_003; // volunteer, English
const BOB = 49_004; // volunteer, Chinese
const u = updates();
const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
const liu = u.user(LIU, { languageCode: "zh-hans", firstName: "刘" });
let series: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, firstName, languageCode, role] of [
    [ANN, "Ann", "en", "staff"],
    [LIU, "刘", "zh-hans", "staff"],
    [WANG, "Wang", "en", "volunteer"],
    [BOB, "鲍", "zh-hans", "volunteer"],
  ] as const) {
    await recordUser(database.db, { id, firstName, languageCode }, T0);
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
  // Fridays 8, 15 and 22 May, 19:00–21:00 in Shanghai.
  const first = await createRehearsal(database.db, { communityId: home, startsAt: new Date("2026-05-08T11:00:00Z"), at: T0 }, 10, {
    series: { weeks: 3, timezone: "Asia/Shanghai" },
    place: "文化广场",
  });
  series = (await database.db.select({ id: events.id }).from(events).where(eq(events.seriesId, first.eventId)).orderBy(asc(events.startsAt))).map((e) => e.id);
  const slotOf = async (eventId: number) => (await database.db.query.eventSlots.findFirst({ where: (s, { eq: is }) => is(s.eventId, eventId) }))!.id;
  await signUp(database.db, { slotId: await slotOf(series[0]!), userId: WANG, at: T0 });
  await signUp(database.db, { slotId: await slotOf(series[1]!), userId: BOB, at: T0 });
  await signUp(database.db, { slotId: await slotOf(series[2]!), userId: WANG, at: T0 });
});
afterAll(() => database.close());

const startsOf = async () =>
  (await database.db.select({ s: events.startsAt, e: events.endsAt }).from(events).where(inArray(events.id, series)).orderBy(asc(events.id))).map(
    (r) => `${r.s.toISOString()}–${r.e.toISOString().slice(11, 16)}`,
  );

it("in English: the whole series moves at once after the organiser says so; everyone signed up is told in their language; audited once", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.callback(ann, `eot:${series[0]}`));
  expect(h.telegram.lastText(ANN)).toContain("Type the new start like this");
  await h.send(u.text(ann, "2026-05-08 19:00"));
  expect(h.telegram.lastText(ANN)).toBe("That is the time it already has; nothing changed. Please type another time, or /cancel.");
  await h.send(u.text(ann, "2026-05-08 19:30"));
  expect(h.telegram.lastText(ANN)).toBe(
    "This is a weekly series with 2 events after this one. Move only this one, or the later ones too, each to the same time on its own day?",
  );
  expect(h.telegram.lastButtons(ANN).map((b) => b.text)).toEqual(["Only this one", "This and the later ones (3 events)", "Cancel"]);
  await h.send(u.callback(ann, "ene:scope:everything"));
  expect(h.telegram.lastText(ANN)).toBe("Please tap one of the buttons above.");
  expect(await startsOf()).toEqual(["2026-05-08T11:00:00.000Z–13:00", "2026-05-15T11:00:00.000Z–13:00", "2026-05-22T11:00:00.000Z–13:00"]);

  await h.send(u.callback(ann, "ene:scope:series"));
  expect(h.telegram.lastText(ANN)).toBe(
    "✅ Moved: 腰鼓队排练 now starts 2026-05-08 19:30 and ends 21:30. The 2 people signed up are being told; their reminders move with it.\n🔁 3 events of the series moved, each to the same time on its own day.",
  );
  expect(await startsOf()).toEqual(["2026-05-08T11:30:00.000Z–13:30", "2026-05-15T11:30:00.000Z–13:30", "2026-05-22T11:30:00.000Z–13:30"]);
  expect(h.telegram.texts(WANG).filter((t) => t.startsWith("🕒"))).toEqual([
    "🕒 腰鼓队排练 has moved: it now starts 2026-05-08 19:30 and ends 21:30, at 文化广场 (it was 2026-05-08 19:00). If you can no longer come, please step back in /myevents.",
    "🕒 腰鼓队排练 has moved: it now starts 2026-05-22 19:30 and ends 21:30, at 文化广场 (it was 2026-05-22 19:00). If you can no longer come, please step back in /myevents.",
  ]);
  expect(h.telegram.texts(BOB).filter((t) => t.startsWith("🕒"))).toHaveLength(1);
  expect(h.telegram.texts(BOB).at(-1)).toContain("2026-05-15 19:30");
  const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "event.reschedule"));
  expect(audits.map((a) => a.after)).toEqual([{ title: "腰鼓队排练", startsAt: "2026-05-08T11:30:00.000Z", events: 3 }]);
});

it("in Chinese: only this one moves when the organiser says so", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(T0) });
  await h.send(u.callback(liu, `eot:${series[1]}`));
  await h.send(u.text(liu, "2026-05-15 20:00"));
  expect(h.telegram.lastText(LIU)).toBe("这是每周一次的系列活动，之后还有 1 场。只改这一场，还是之后的各场也改到当天的同一时间？");
  await h.send(u.callback(liu, "ene:scope:one"));
  expect(h.telegram.lastText(LIU)).toContain("✅");
  expect(h.telegram.lastText(LIU)).not.toContain("🔁");
  expect(await startsOf()).toEqual(["2026-05-08T11:30:00.000Z–13:30", "2026-05-15T12:00:00.000Z–14:00", "2026-05-22T11:30:00.000Z–13:30"]);
  expect(h.telegram.texts(BOB).at(-1)).toContain("2026-05-15 20:00");
});

it("a reminder already sent is not sent again after its event moves, even once its outbox row is pruned; the one still to come follows the new time", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  // Saturday 2 May 16:00 in Shanghai: the 24-hour reminder is due on 1 May at 16:00, the 2-hour one on 2 May at 14:00.
  const event = await createRehearsal(database.db, { communityId: home, startsAt: new Date("2026-05-02T08:00:00Z"), at: T0 }, 5, {
    title: "Clean-up",
    place: "文化广场",
  });
  await signUp(
    database.db,
    { slotId: event.slotId, userId: WANG, at: T0 },
    signupMessages(() => clock.now()),
  );
  const reminders = () => h.telegram.texts(WANG).filter((t) => t.startsWith("⏰ Reminder: Clean-up"));

  clock.advance(6 * 3600_000 + 60_000); // 1 May 16:01
  await h.flush();
  expect(reminders()).toEqual(["⏰ Reminder: Clean-up starts in 24 hours: 2026-05-02 16:00, 文化广场."]);
  await pruneOutbox(database.db, new Date("2030-01-01T00:00:00Z"));

  // Moved two days later: the new 24-hour time is still ahead, but that reminder was sent.
  const moved = await rescheduleEvent(
    database.db,
    { eventId: event.eventId, communityId: home, startsAt: new Date("2026-05-04T08:00:00Z"), at: clock.now() },
    organiserMessages(() => clock.now()),
  );
  expect(moved).toMatchObject({ ok: true, events: 1 });
  clock.advance(2 * 24 * 3600_000); // 3 May 16:01: the new 24-hour time
  await h.flush();
  expect(reminders()).toHaveLength(1);
  clock.advance(22 * 3600_000); // 4 May 14:01: the 2-hour reminder, at the new time
  await h.flush();
  expect(reminders()).toEqual([
    "⏰ Reminder: Clean-up starts in 24 hours: 2026-05-02 16:00, 文化广场.",
    "⏰ Reminder: Clean-up starts in 2 hours: 2026-05-04 16:00, 文化广场.",
  ]);
});
