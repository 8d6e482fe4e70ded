import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { events, eventSignups, outboxMessages } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createEvent } from "../../../src/features/events/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";
import { telegramWithUploads } from "../../helpers/uploads.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // 10:00 in Shanghai
const ANN = 31_001; // English
const WANG = 31_002; // Chinese
const LATE = 31_003;
const RESIDENT = 31_004;
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, lang] of [
    [ANN, "en"],
    [WANG, "zh-hans"],
    [LATE, "en"],
    [RESIDENT, "en"],
  ] as const) {
    await recordUser(database.db, { id, firstName: `P${id}`, languageCode: lang }, T0);
  }
  for (const id of [ANN, WANG, LATE]) await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

it("a volunteer signs up, steps back; the next in line is offered the seat in Chinese, reminded, checks in by code and sees the hours", async () => {
  const clock = new FakeClock(T0);
  const { telegram, uploads } = telegramWithUploads();
  const h = createHarness({ db: database.db, clock, telegram });
  const startsAt = new Date(T0.getTime() + 48 * 3600_000);
  const created = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "rehearsal",
      title: "Drum rehearsal",
      place: "Square",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      createdBy: null,
      slots: [{ name: "Drummer", capacity: 1 }],
    },
    T0,
  );
  if (!created.ok) throw new Error("setup");
  const [event] = await database.db.select().from(events).where(eq(events.id, created.eventId));
  const ann = u.user(ANN, { languageCode: "en" });
  const wang = u.user(WANG, { languageCode: "zh-hans" });

  // Ann sees the rehearsal with its one seat and takes it.
  await h.send(u.command(ann, "events"));
  expect(h.telegram.lastText(ANN)).toBe("📅 Drum rehearsal\n🕒 2026-05-03 10:00–12:00\n📍 Square\n• Drummer: 1 seat left");
  expect(h.telegram.lastButtons(ANN)).toMatchObject([{ text: "✋ Drummer (1 left)", data: `evj:${created.slotIds[0]}` }]);
  await h.send(u.callback(ann, `evj:${created.slotIds[0]}`));
  expect(h.telegram.lastText(ANN)).toBe("✅ You are signed up. I will remind you 24 hours and 2 hours before it starts.");
  // With the seat, the event for her calendar: an .ics file, times in UTC, one UID per event.
  const calendar = uploads.find((up) => up.method === "sendDocument" && up.fields.chat_id === String(ANN))!;
  expect(calendar.fields.caption).toBe("📅 Add it to your calendar: open this file.");
  expect(calendar.files[0]!.filename).toBe(`event-${created.eventId}.ics`);
  const ics = calendar.files[0]!.bytes.toString("utf8");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain("SUMMARY:Drum rehearsal");
  expect(ics).toContain("DTSTART:20260503T020000Z");
  expect(ics).toContain("DTEND:20260503T040000Z");
  expect(ics).toContain(`UID:event-${created.eventId}@community-bot`);
  const reminders = () =>
    database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, "notice"), eq(outboxMessages.status, "pending")));
  expect((await reminders()).map((m) => [m.chatId, m.runAt.toISOString()])).toEqual([
    [ANN, new Date(startsAt.getTime() - 24 * 3600_000).toISOString()],
    [ANN, new Date(startsAt.getTime() - 2 * 3600_000).toISOString()],
  ]);

  // Full: Wang goes on the waitlist; pressing twice is refused and changes nothing.
  await h.send(u.command(wang, "events"));
  expect(h.telegram.lastButtons(WANG)).toMatchObject([{ text: "✋ Drummer（已满，排候补）" }]);
  await h.send(u.callback(wang, `evj:${created.slotIds[0]}`));
  expect(h.telegram.lastText(WANG)).toBe("这个岗位已满，您是候补第 1 位。有人退出时会优先通知您。");
  await h.send(u.callback(wang, `evj:${created.slotIds[0]}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "您已经报名了这个活动（见 /myevents）。" });
  // A resident without a role cannot take a volunteers' duty.
  await h.send(u.callback(u.user(RESIDENT, { languageCode: "en" }), `evj:${created.slotIds[0]}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("for volunteers") });

  // Ann steps back from /myevents: her reminders are dropped, Wang is offered the seat.
  clock.advance(3600_000);
  await h.send(u.command(ann, "myevents"));
  expect(h.telegram.lastText(ANN)).toBe("📋 Your sign-ups:\n1. Drum rehearsal: 2026-05-03 10:00, Square (Drummer): signed up");
  const leave = h.telegram.lastButtons(ANN).find((b) => b.text.startsWith("Step back"))!;
  await h.send(u.callback(ann, leave.data!));
  expect(h.telegram.lastText(ANN)).toContain("You have stepped back.");
  expect((await reminders()).filter((m) => m.chatId === ANN)).toEqual([]);
  expect(h.telegram.lastText(WANG)).toBe("🎉 Drum rehearsal（2026-05-03 10:00，Square）空出了一个名额，您要吗？请在 2026-05-01 23:00 前答复。");
  const take = h.telegram.lastButtons(WANG).find((b) => b.text === "✅ 我要这个名额")!;
  await h.send(u.callback(ann, take.data!)); // not Ann's to take
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.callback(wang, take.data!));
  expect(h.telegram.lastText(WANG)).toBe("✅ 名额是您的了。活动前会提醒您。");

  // The day before, the reminder comes in Wang's language with "I can't come".
  clock.advance(23 * 3600_000);
  await h.flush();
  expect(h.telegram.lastText(WANG)).toBe("⏰ 提醒：Drum rehearsal 还有 24 小时开始：2026-05-03 10:00，Square。");
  expect(h.telegram.lastButtons(WANG)).toMatchObject([{ text: "我来不了" }]);

  clock.advance(22 * 3600_000);
  await h.flush();
  expect(h.telegram.lastText(WANG)).toBe("⏰ 提醒：Drum rehearsal 还有 2 小时开始：2026-05-03 10:00，Square。");

  // Check-in: too early, then by the code (typed in any case), twice, and a wrong code.
  const code = event!.checkInCode;
  await h.send(u.command(wang, "checkin", code));
  expect(h.telegram.lastText(WANG)).toBe("活动开始前 30 分钟开放签到，请到时再试。");
  clock.advance(2 * 3600_000 + 10 * 60_000); // 10 minutes after the start
  await h.send(u.command(wang, "checkin", code.toLowerCase()));
  expect(h.telegram.lastText(WANG)).toBe("✅ 已在「Drum rehearsal」签到。谢谢您来参加！");
  await h.send(u.command(wang, "start", `chk_${code}`));
  expect(h.telegram.lastText(WANG)).toBe("您已经在「Drum rehearsal」签到过了。");
  await h.send(u.command(wang, "checkin", "ZZZZZZ"));
  expect(h.telegram.lastText(WANG)).toBe("这个签到码不对应任何活动，请核对后再试。");
  await h.send(u.command(u.user(LATE, { languageCode: "en" }), "start", `chk_${code}`));
  expect(h.telegram.lastText(LATE)).toBe("You are not signed up for this event, so there is nothing to check in. Ask the organiser.");

  // Hours: from check-in (10 past) to the end (12:00): 1 h 50 min.
  clock.advance(3 * 3600_000);
  await h.send(u.command(wang, "hours"));
  expect(h.telegram.lastText(WANG)).toBe("⏱ 您的志愿时长：本月 1.8 小时，今年 1.8 小时，累计 1.8 小时（共 1 次活动）。");
  await h.send(u.command(u.user(RESIDENT, { languageCode: "en" }), "hours"));
  expect(h.telegram.lastText(RESIDENT)).not.toContain("volunteer hours");
});

it("EVENT_REMINDERS sets when reminders go: a deployment's 30 minutes before comes in minutes; the sign-up names the reminders still to come", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock, config: { EVENT_REMINDERS: [24, 0.5] } as never });
  const startsAt = new Date(T0.getTime() + 3 * 3600_000);
  const created = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "rehearsal",
      title: "腰鼓队排练",
      place: "社区广场",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      createdBy: null,
      slots: [{ name: "鼓手", capacity: 5 }],
    },
    T0,
  );
  if (!created.ok) throw new Error("setup");
  const wang = u.user(WANG, { languageCode: "zh-hans" });
  const ann = u.user(ANN, { languageCode: "en" });
  await h.send(u.callback(wang, `evj:${created.slotIds[0]}`));
  // Three hours ahead, the day-before reminder cannot come: only the one 30 minutes before is promised.
  expect(h.telegram.lastText(WANG)).toBe("✅ 报名成功。活动开始前30分钟会提醒您。");
  await h.send(u.callback(ann, `evj:${created.slotIds[0]}`));
  expect(h.telegram.lastText(ANN)).toBe("✅ You are signed up. I will remind you 30 minutes before it starts.");
  // The day-before reminder's time has passed already: only the one 30 minutes before is written.
  const pending = await database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, "notice"), eq(outboxMessages.status, "pending")));
  expect(pending.filter((m) => m.chatId === WANG || m.chatId === ANN).map((m) => [m.chatId, m.dedupeKey, m.runAt.toISOString()])).toEqual([
    [WANG, expect.stringMatching(/^reminder\/\d+\/30m$/), new Date(startsAt.getTime() - 30 * 60_000).toISOString()],
    [ANN, expect.stringMatching(/^reminder\/\d+\/30m$/), new Date(startsAt.getTime() - 30 * 60_000).toISOString()],
  ]);
  clock.advance(2.5 * 3600_000);
  await h.flush();
  expect(h.telegram.lastText(WANG)).toBe("⏰ 提醒：腰鼓队排练 还有 30 分钟开始：2026-05-01 13:00，社区广场。");
  expect(h.telegram.lastText(ANN)).toBe("⏰ Reminder: 腰鼓队排练 starts in 30 minutes: 2026-05-01 13:00, 社区广场.");
  expect(h.telegram.lastButtons(ANN)).toMatchObject([{ text: "I can't come" }]);

  // Half an hour before the start no reminder is left to come, and none is promised.
  await h.send(u.callback(u.user(LATE, { languageCode: "en" }), `evj:${created.slotIds[0]}`));
  expect(h.telegram.lastText(LATE)).toBe("✅ You are signed up.");

  // Once it has begun, the reminder's "I can't come" and /myevents' "Step back" no longer cancel:
  // the seat stays hers, for the organiser to mark present or absent.
  const cantCome = h.telegram.lastButtons(ANN)[0]!.data!;
  clock.advance(40 * 60_000);
  await h.send(u.callback(ann, cantCome));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({
    show_alert: true,
    text: "The event has already started, so the sign-up can no longer be cancelled. If you cannot come, please tell the organiser.",
  });
  await h.send(u.callback(wang, cantCome.replace(/\d+$/, String(Number(/\d+$/.exec(cantCome)![0]) - 1))));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "活动已经开始，不能再取消报名了。如果来不了，请告诉组织者。" });
  const held = await database.db.select().from(eventSignups).where(eq(eventSignups.eventId, created.eventId));
  expect(held.map((r) => r.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
  await h.send(u.command(ann, "myevents"));
  expect(h.telegram.lastText(ANN)).toBe("📋 Your sign-ups:\n1. 腰鼓队排练: 2026-05-01 13:00, 社区广场 (鼓手): signed up");
  expect(h.telegram.lastButtons(ANN)).toEqual([]);
});

it("someone on the waiting list who types the code is told they hold no seat yet, and nothing changes", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const startsAt = new Date(T0.getTime() + 3600_000);
  const created = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "cleanup",
      title: "环境整治",
      place: "3号楼",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      createdBy: null,
      slots: [{ name: "", capacity: 1 }],
    },
    T0,
  );
  if (!created.ok) throw new Error("setup");
  await h.send(u.callback(u.user(ANN, { languageCode: "en" }), `evj:${created.slotIds[0]}`));
  const wang = u.user(WANG, { languageCode: "zh-hans" });
  await h.send(u.callback(wang, `evj:${created.slotIds[0]}`));
  expect(h.telegram.lastText(WANG)).toBe("这个岗位已满，您是候补第 1 位。有人退出时会优先通知您。");
  const [event] = await database.db.select().from(events).where(eq(events.id, created.eventId));
  clock.advance(50 * 60_000);
  await h.send(u.command(wang, "checkin", event!.checkInCode));
  expect(h.telegram.lastText(WANG)).toBe("您在这个活动的候补名单上，还没有名额，所以无法签到。如果已经到场，请联系组织者。");
  const rows = await database.db.select().from(eventSignups).where(eq(eventSignups.eventId, created.eventId));
  expect(rows.map((r) => [r.userId, r.status])).toEqual([
    [ANN, "confirmed"],
    [WANG, "waitlisted"],
  ]);
});
