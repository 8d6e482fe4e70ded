import { afterAll, beforeAll, expect, it } from "vitest";
import { teamMembers, teams, volunteerProfiles } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { UTF8_BOM } from "../../../src/features/evaluation/csv.js";
import { checkInByCode } from "../../../src/features/events/attendance.js";
import { adjustHours } from "../../../src/features/events/hours-adjust.js";
import { findEvent, markAttendance } from "../../../src/features/events/roster-service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { hoursByMonth, volunteerOverview } from "../../../src/features/volunteers/overview.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";
import { telegramWithUploads } from "../../helpers/uploads.js";

/*
 * /volunteers and the two CSV exports against figures worked out by hand (Shanghai time, UTC+8):
 *
 *   E1 Sat 9 May 09:00–11:00, 鼓手 3 seats: 王芳 checks in 09:15 → 105 min; Bob marked present
 *      → 120 min (from the start); 赵敏 marked absent; 钱 waits (no. 1).
 *   E2 Mon 1 June 07:00–09:00 (still 31 May in UTC: it counts for June, the community's month):
 *      王芳 checks in 07:00 → 120 min, adjusted by staff to 90; 赵敏 checks in 07:30 → 90 min.
 *   E3 Sat 6 June 14:00–16:00: 王芳 checks in 13:40 → 120 min (from the start); Bob absent.
 *   E4 Sat 20 June, after "now" (10 June, 12:00): 王芳 signed up, not counted.
 *
 *   王芳 (shows as 芳姐, leads 腰鼓队): May 105, June 90 + 120 = 210, in all 315; 3 attended, 0 absent.
 *   赵敏: June 90, in all 90; 1 attended, 1 absent (50%).   Bob (腰鼓队): June 0, in all 120; 1 and 1 (50%).
 *   钱: nothing.   This month in all: 300 min = 5.0 h.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const NOW = new Date("2026-06-10T04:00:00Z");
const ANN = 47_001; // staff, English
const LIU = 47_002; // staff, Chinese
const WANG = 47_003;
const BOB = 47_004;
const ZHAO = 47_005;
const QIAN = 47_006;
const u = updates();
const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
const liu = u.user(LIU, { languageCode: "zh-hans", firstName: "刘" });
let e1: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  home = (await seedDefaultCommunity(db)).id;
  const people = [
    [ANN, "Ann", "en", "staff"],
    [LIU, "刘", "zh-hans", "staff"],
    [WANG, "王芳", "zh-hans", "volunteer"],
    [BOB, "Bob", "en", "volunteer"],
    [ZHAO, "赵敏", "zh-hans", "volunteer"],
    [QIAN, "钱", "zh-hans", "volunteer"],
  ] as const;
  for (const [id, firstName, languageCode, role] of people) {
    await recordUser(db, { id, firstName, languageCode }, T0);
    await grantRole(db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
  await db.insert(volunteerProfiles).values({ userId: WANG, communityId: home, displayName: "芳姐", phone: "+8613800000000", updatedAt: T0 });
  const [team] = await db.insert(teams).values({ communityId: home, name: "腰鼓队", leaderId: WANG, createdAt: T0 }).returning();
  await db.insert(teamMembers).values({ teamId: team!.id, userId: BOB, status: "approved", requestedAt: T0 });

  const event = async (startsAt: string, seats: number) => createRehearsal(db, { communityId: home, startsAt: new Date(startsAt), at: T0 }, seats);
  const join = async (slotId: number, userId: number) => {
    const signed = await signUp(db, { slotId, userId, at: T0 });
    if (!signed.ok) throw new Error(signed.reason);
    return signed.signupId;
  };
  const code = async (eventId: number) => (await findEvent(db, eventId, home))!.checkInCode;
  const mark = (signupId: number, present: boolean, at: string) => markAttendance(db, { signupId, communityId: home, present, at: new Date(at) });

  const one = await event("2026-05-09T01:00:00Z", 3);
  e1 = one.eventId;
  await join(one.slotId, WANG);
  const bob1 = await join(one.slotId, BOB);
  const zhao1 = await join(one.slotId, ZHAO);
  await join(one.slotId, QIAN);
  await checkInByCode(db, { code: await code(one.eventId), userId: WANG, at: new Date("2026-05-09T01:15:00Z") });
  await mark(bob1, true, "2026-05-09T01:30:00Z");
  await mark(zhao1, false, "2026-05-09T01:30:00Z");

  const two = await event("2026-05-31T23:00:00Z", 5);
  const wang2 = await join(two.slotId, WANG);
  await join(two.slotId, ZHAO);
  await checkInByCode(db, { code: await code(two.eventId), userId: WANG, at: new Date("2026-05-31T23:00:00Z") });
  await checkInByCode(db, { code: await code(two.eventId), userId: ZHAO, at: new Date("2026-05-31T23:30:00Z") });
  const adjusted = await adjustHours(db, {
    signupId: wang2,
    communityId: home,
    minutes: 90,
    reason: "left early",
    actorId: ANN,
    at: new Date("2026-06-01T02:00:00Z"),
  });
  expect(adjusted).toMatchObject({ ok: true, before: 120, after: 90 });

  const three = await event("2026-06-06T06:00:00Z", 5);
  await join(three.slotId, WANG);
  const bob3 = await join(three.slotId, BOB);
  await checkInByCode(db, { code: await code(three.eventId), userId: WANG, at: new Date("2026-06-06T05:40:00Z") });
  await mark(bob3, false, "2026-06-06T07:00:00Z");

  const four = await event("2026-06-20T06:00:00Z", 5);
  await join(four.slotId, WANG);
});
afterAll(() => database.close());

it("the service's figures are the ones worked out by hand", async () => {
  const lines = await volunteerOverview(database.db, { communityId: home, at: NOW, timezone: "Asia/Shanghai" });
  expect(lines.map((l) => [l.name, l.teams, l.monthMinutes, l.allMinutes, l.attended, l.noShows, l.noShowRate])).toEqual([
    ["芳姐", ["腰鼓队"], 210, 315, 3, 0, 0],
    ["赵敏", [], 90, 90, 1, 1, 0.5],
    ["Bob", ["腰鼓队"], 0, 120, 1, 1, 0.5],
    ["钱", [], 0, 0, 0, 0, null],
  ]);
  expect(
    (await hoursByMonth(database.db, { communityId: home, at: NOW, timezone: "Asia/Shanghai" })).map((r) => [r.name, r.month, r.minutes, r.events]),
  ).toEqual([
    ["芳姐", "2026-05", 105, 1],
    ["Bob", "2026-05", 120, 1],
    ["芳姐", "2026-06", 210, 2],
    ["赵敏", "2026-06", 90, 1],
  ]);
});

const csvOf = (upload: { files: Array<{ bytes: Buffer }> } | undefined) => upload?.files[0]?.bytes.toString("utf8");

it("/volunteers in English: who, teams, hours this month and in all, no-show rate; the hours per month as a CSV with BOM", async () => {
  const { telegram, uploads } = telegramWithUploads();
  const h = createHarness({ db: database.db, clock: new FakeClock(NOW), telegram });
  await h.send(u.command(ann, "volunteers"));
  expect(h.telegram.texts(ANN).at(-1)).toBe(
    [
      "👥 Volunteers: 4. This month (2026-06): 5.0 h in all.",
      "1. 芳姐 (王芳) · 腰鼓队 · 3.5 h this month, 5.3 h in all, 3 events · no-show 0/3 (0%)",
      "2. 赵敏 (-) · no team · 1.5 h this month, 1.5 h in all, 1 event · no-show 1/2 (50%)",
      "3. Bob (-) · 腰鼓队 · 0.0 h this month, 2.0 h in all, 1 event · no-show 1/2 (50%)",
      "4. 钱 (-) · no team · 0.0 h this month, 0.0 h in all, 0 events · no-show —",
      "",
      "📄 Hours per volunteer per month come as a CSV file (opens in Excel).",
    ].join("\n"),
  );
  expect(uploads.at(-1)).toMatchObject({ method: "sendDocument", fields: { chat_id: String(ANN) } });
  expect(uploads.at(-1)!.files[0]!.filename).toContain("volunteer-hours-2026-06.csv");
  expect(csvOf(uploads.at(-1))).toBe(
    `${UTF8_BOM}Name,Telegram name,Month,Hours,Events\r\n芳姐,王芳,2026-05,1.8,1\r\nBob,Bob,2026-05,2,1\r\n芳姐,王芳,2026-06,3.5,2\r\n赵敏,赵敏,2026-06,1.5,1\r\n`,
  );
  // Volunteers themselves are refused, and nothing is sent to them.
  await h.send(u.command(u.user(BOB, { languageCode: "en", firstName: "Bob" }), "volunteers"));
  expect(h.telegram.lastText(BOB)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
  expect(uploads.filter((x) => x.fields.chat_id === String(BOB))).toEqual([]);
});

it("in Chinese: /volunteers, and a roster's 📄 CSV is its roster and attendance sheet", async () => {
  const { telegram, uploads } = telegramWithUploads();
  const h = createHarness({ db: database.db, clock: new FakeClock(NOW), telegram });
  await h.send(u.command(liu, "volunteers"));
  const text = h.telegram.texts(LIU).at(-1)!;
  expect(text.split("\n").slice(0, 2)).toEqual([
    "👥 志愿者共 4 人。本月（2026-06）合计 5.0 小时。",
    "1. 芳姐（王芳）· 腰鼓队 · 本月 3.5 小时，累计 5.3 小时，3 次活动 · 缺席 0/3 (0%)",
  ]);
  expect(csvOf(uploads.at(-1))!.split("\r\n")[0]).toBe(`${UTF8_BOM}姓名,Telegram 名字,月份,小时,活动次数`);

  await h.send(u.callback(liu, `eoe:${e1}`));
  expect(uploads.at(-1)).toMatchObject({
    method: "sendDocument",
    fields: { chat_id: String(LIU), caption: "📄 报名及签到表：腰鼓队排练（2026-05-09 09:00）" },
  });
  // The phone's leading "+" would make Excel read a formula: csv-stringify's formula escaping quotes it with an apostrophe.
  expect(csvOf(uploads.at(-1))).toBe(
    [
      `${UTF8_BOM}岗位,姓名,电话,状态,报名时间,签到时间,小时,工作人员调整`,
      "鼓手,王芳,'+8613800000000,到场,2026-05-01 10:00,2026-05-09 09:15,1.8,",
      "鼓手,Bob,,到场,2026-05-01 10:00,,2,",
      "鼓手,赵敏,,缺席,2026-05-01 10:00,,,",
      "鼓手,钱,,候补第 1 位,2026-05-01 10:00,,,",
      "",
    ].join("\r\n"),
  );
  // A forged or unknown event: a polite answer, no file.
  const before = uploads.length;
  await h.send(u.callback(liu, "eoe:99999999"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ text: "这个活动已不存在，或不属于您的社区。", show_alert: true });
  await h.send(u.callback(liu, "eoe:x"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.show_alert).toBe(true);
  expect(uploads.length).toBe(before);
});
