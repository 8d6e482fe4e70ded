import { afterAll, beforeAll, expect, it } from "vitest";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { checkInByCode, hoursOf } from "../../../src/features/events/attendance.js";
import { cancelEvent } from "../../../src/features/events/organiser-service.js";
import { findEvent, markAttendance } from "../../../src/features/events/roster-service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { volunteerFigures } from "../../../src/features/evaluation/volunteer-figures.js";
import { hoursByMonth, volunteerOverview } from "../../../src/features/volunteers/overview.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * Sign-ups, attendance and hours in the daily report and /stats, worked out by hand for Saturday
 * 9 May in Shanghai (01:00–03:00 UTC is 09:00–11:00 there):
 *   the rehearsal that day: 王芳 checks in 09:15 (105 min), Bob marked present (120 min), 赵敏 absent;
 *   a clean-up that day was cancelled (not an event that happened);
 *   one sign-up made that day (Bob, at 08:00, for the week after); the others were made on 1 May;
 *   a lecture that day on the same events core (its audience: residents registered that day, one
 *   checked in at the door, one marked absent): not volunteering, so none of it counts.
 *   → 1 sign-up; 1 event, 2 came, 1 did not; 225 min = 3.8 h.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const STAFF = 50_001;
const WANG = 50_002;
const BOB = 50_003;
const ZHAO = 50_004;
const QIAN = 50_005; // a resident in the lecture's audience
const SUN = 50_006; // another, registered and absent
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  home = (await seedDefaultCommunity(db)).id;
  for (const [id, firstName, role] of [
    [STAFF, "Chen", "staff"],
    [WANG, "王芳", "volunteer"],
    [BOB, "Bob", "volunteer"],
    [ZHAO, "赵敏", "volunteer"],
  ] as const) {
    await recordUser(db, { id, firstName, languageCode: "en" }, T0);
    await grantRole(db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
  const day = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-09T01:00:00Z"), at: T0 }, 5);
  const ids: Record<number, number> = {};
  for (const userId of [WANG, BOB, ZHAO]) {
    const signed = await signUp(db, { slotId: day.slotId, userId, at: T0 });
    if (signed.ok) ids[userId] = signed.signupId;
  }
  const cancelled = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-09T05:00:00Z"), at: T0 }, 5, { title: "Clean-up" });
  await cancelEvent(db, { eventId: cancelled.eventId, communityId: home, at: T0 });
  const next = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-16T01:00:00Z"), at: T0 }, 5);
  await signUp(db, { slotId: next.slotId, userId: BOB, at: new Date("2026-05-09T00:00:00Z") });
  const code = (await findEvent(db, day.eventId, home))!.checkInCode;
  await checkInByCode(db, { code, userId: WANG, at: new Date("2026-05-09T01:15:00Z") });
  await markAttendance(db, { signupId: ids[BOB]!, communityId: home, present: true, at: new Date("2026-05-09T01:30:00Z") });
  await markAttendance(db, { signupId: ids[ZHAO]!, communityId: home, present: false, at: new Date("2026-05-09T01:30:00Z") });

  // The lecture's audience: registered that day, one at the door, one absent; Bob listens too.
  for (const id of [QIAN, SUN]) await recordUser(db, { id, firstName: `R${id}`, languageCode: "zh-hans" }, T0);
  const lecture = await createRehearsal(db, { communityId: home, startsAt: new Date("2026-05-09T06:00:00Z"), at: T0 }, 500, {
    kind: "lecture",
    title: "法律讲座",
    audience: "everyone",
  });
  const registeredAt = new Date("2026-05-09T02:00:00Z");
  const audience: Record<number, number> = {};
  for (const userId of [QIAN, SUN, BOB]) {
    const signed = await signUp(db, { slotId: lecture.slotId, userId, at: registeredAt });
    if (signed.ok) audience[userId] = signed.signupId;
  }
  const door = (await findEvent(db, lecture.eventId, home))!.checkInCode;
  await checkInByCode(db, { code: door, userId: QIAN, at: new Date("2026-05-09T05:50:00Z") });
  await checkInByCode(db, { code: door, userId: BOB, at: new Date("2026-05-09T05:55:00Z") });
  await markAttendance(db, { signupId: audience[SUN]!, communityId: home, present: false, at: new Date("2026-05-09T06:30:00Z") });
});
afterAll(() => database.close());

it("counts the day's sign-ups, the events that started that day, who came and the hours", async () => {
  expect(await volunteerFigures(database.db, home, "2026-05-08T16:00:00.000Z", "2026-05-09T16:00:00.000Z")).toEqual({
    signups: 1,
    events: 1,
    attended: 2,
    noShows: 1,
    minutes: 225,
  });
  // The day before: nothing happened.
  expect(await volunteerFigures(database.db, home, "2026-05-07T16:00:00.000Z", "2026-05-08T16:00:00.000Z")).toEqual({
    signups: 0,
    events: 0,
    attended: 0,
    noShows: 0,
    minutes: 0,
  });
});

it("a lecture they sat in adds nothing to a volunteer's /hours, /volunteers or the hours CSV; its audience are not volunteers", async () => {
  const at = new Date("2026-05-10T04:00:00Z");
  // Bob: the rehearsal's 120 minutes, not the lecture's.
  expect(await hoursOf(database.db, BOB, at, "Asia/Shanghai")).toEqual({ month: 120, year: 120, all: 120, events: 1 });
  const people = await volunteerOverview(database.db, { communityId: home, at, timezone: "Asia/Shanghai" });
  expect(people.map((p) => p.userId).sort()).toEqual([WANG, BOB, ZHAO]);
  expect(people.find((p) => p.userId === BOB)).toMatchObject({ allMinutes: 120, attended: 1, noShows: 0 });
  const months = await hoursByMonth(database.db, { communityId: home, at, timezone: "Asia/Shanghai" });
  expect(months.map((m) => [m.userId, m.minutes, m.events])).toEqual([
    [WANG, 105, 1],
    [BOB, 120, 1],
  ]);
});

it("the daily report (in English) and /stats (in Chinese) carry them", async () => {
  const h = createHarness({ db: database.db, clock: new FakeClock(new Date("2026-05-10T04:00:00Z")) });
  await h.send(u.command(u.user(STAFF, { languageCode: "en", firstName: "Chen" }), "daily", "2026-05-09"));
  expect(h.telegram.texts(STAFF).join("\n")).toContain("🙋 Volunteering: 1 sign-up; 1 event, 2 came, 1 did not; 3.8 h served.");
  await h.send(u.command(u.user(STAFF, { languageCode: "zh-hans", firstName: "Chen" }), "language"));
  await h.send(u.callback(u.user(STAFF, { languageCode: "zh-hans", firstName: "Chen" }), "lang:zh-CN"));
  await h.send(u.command(u.user(STAFF, { languageCode: "zh-hans", firstName: "Chen" }), "stats", "2026-05-09 2026-05-09"));
  expect(h.telegram.texts(STAFF).at(-1)).toContain("🙋 志愿服务：报名 1 人次；活动 1 场，到场 2 人次，缺席 1 人次；服务 3.8 小时。");
  // A day with nothing to count says nothing about it.
  await h.send(u.command(u.user(STAFF, { languageCode: "zh-hans", firstName: "Chen" }), "daily", "2026-05-08"));
  expect(h.telegram.texts(STAFF).at(-1)).not.toContain("志愿服务");
});
