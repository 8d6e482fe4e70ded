import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog, eventSignups } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { checkInByCode, hoursOf } from "../../../src/features/events/attendance.js";
import { adjustHours, parseCreditHours } from "../../../src/features/events/hours-adjust.js";
import { findEvent } from "../../../src/features/events/roster-service.js";
import { createEvent } from "../../../src/features/events/service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

/*
 * Staff adjust a volunteer's hours from the roster, with a reason: the hours asked, then the
 * reason, both checked; the change and its audit entry together; /hours and /audit show it, in
 * English and in Chinese. Organisers' own actions (create, mark, cancel) are audited too.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const ANN = 46_001; // staff and admin, English
const LIU = 46_002; // staff and admin, Chinese
const WANG = 46_003; // volunteer, Chinese
const BOB = 46_004; // volunteer, English
const ZHAO = 46_005; // volunteer, Chinese
const u = updates();
const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
const liu = u.user(LIU, { languageCode: "zh-hans", firstName: "刘" });
let eventId: number;
const signupOf: Record<number, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  const people = [
    [ANN, "Ann", "en", ["staff", "admin"]],
    [LIU, "刘", "zh-hans", ["staff", "admin"]],
    [WANG, "王芳", "zh-hans", ["volunteer"]],
    [BOB, "Bob", "en", ["volunteer"]],
    [ZHAO, "赵敏", "zh-hans", ["volunteer"]],
  ] as const;
  for (const [id, firstName, languageCode, roles] of people) {
    await recordUser(database.db, { id, firstName, languageCode }, T0);
    for (const role of roles) await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
  // Saturday 2 May, 19:00–21:00 in Shanghai, made by Ann.
  const created = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "performance",
      title: "May Day show",
      place: "Square",
      startsAt: new Date("2026-05-02T11:00:00Z"),
      endsAt: new Date("2026-05-02T13:00:00Z"),
      createdBy: ANN,
      slots: [{ name: "Drummers", capacity: 5 }],
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  eventId = created.eventId;
  for (const userId of [WANG, BOB, ZHAO]) {
    const signed = await signUp(database.db, { slotId: created.slotIds[0]!, userId, at: T0 });
    if (!signed.ok) throw new Error(signed.reason);
    signupOf[userId] = signed.signupId;
  }
});
afterAll(() => database.close());

const DURING = new Date("2026-05-02T11:30:00Z"); // 19:30 on the day
const bot = () => createHarness({ db: database.db, clock: new FakeClock(DURING) });
const credited = async (userId: number) =>
  (await database.db.select({ m: eventSignups.creditedMinutes }).from(eventSignups).where(eq(eventSignups.id, signupOf[userId]!)))[0]?.m;

it("reads hours as staff type them, and nothing out of range", () => {
  expect(["2", "1.5", "2,5", "0", "24", "3h", "3小时", " 1.25 "].map(parseCreditHours)).toEqual([120, 90, 150, 0, 1440, 180, 180, 75]);
  expect(["", "-1", "24.5", "25", "abc", "1.234", "1e2"].map(parseCreditHours)).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});

it("in English: mark present, then ⏱ Hours asks the hours and a reason (both checked), saves with an audit entry; /hours reflects it", async () => {
  const h = bot();
  await h.send(u.command(ann, "roster"));
  await h.send(u.callback(ann, `eor:${eventId}`));
  await h.send(u.callback(ann, `eom:${signupOf[WANG]}:p`));
  await h.send(u.callback(ann, `eom:${signupOf[BOB]}:a`));
  expect(
    h.telegram
      .lastButtons(ANN)
      .map((b) => b.text)
      .slice(0, 7),
  ).toEqual(["✅ 王芳", "❌ 王芳", "⏱ Hours", "✅ 赵敏", "❌ 赵敏", "✅ Bob", "❌ Bob"]);
  expect(h.telegram.lastButtons(ANN)[2]!.data).toBe(`eoh:${signupOf[WANG]}`);

  await h.send(u.callback(ann, `eoh:${signupOf[WANG]}`));
  expect(h.telegram.lastText(ANN)).toBe(
    "⏱ 王芳 at May Day show counts 2.0 h now (from check-in or the start to the end). How many hours should count? Type a number from 0 to 24, for example 2.5.",
  );
  for (const typed of ["30", "two", "-1"]) {
    await h.send(u.text(ann, typed));
    expect(h.telegram.lastText(ANN)).toBe("Please type the hours as a number from 0 to 24, for example 2 or 1.5.");
  }
  await h.send(u.text(ann, "2.5"));
  expect(h.telegram.lastText(ANN)).toBe("Why? Please type the reason; it is kept in the audit log.");
  await h.send(u.text(ann, "x"));
  expect(h.telegram.lastText(ANN)).toBe("Please give a reason of at least 2 characters.");
  await h.send(u.text(ann, "y".repeat(201)));
  expect(h.telegram.lastText(ANN)).toBe("The reason can be at most 200 characters. Please shorten it.");
  expect(await credited(WANG)).toBeNull();
  await h.send(u.text(ann, "Stayed to pack the drums"));
  expect(h.telegram.lastText(ANN)).toBe("✅ 王芳: May Day show now counts 2.5 h (was 2.0 h). Recorded in the audit log.");
  expect(await credited(WANG)).toBe(150);
  expect((await hoursOf(database.db, WANG, new Date("2026-05-03T00:00:00Z"), "Asia/Shanghai")).all).toBe(150);

  // Someone marked absent has no hours to adjust; forged and unknown sign-ups change nothing.
  await h.send(u.callback(ann, `eoh:${signupOf[BOB]}`));
  expect(h.telegram.lastText(ANN)).toBe("Only people marked present count hours. Please mark them present first.");
  await h.send(u.callback(ann, "eoh:99999999"));
  expect(h.telegram.lastText(ANN)).toBe("This event no longer exists, or it is not in your community.");
  await h.send(u.callback(ann, "eoh:abc"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ text: "This button is no longer valid. Send /start to begin again.", show_alert: true });
  expect(await credited(BOB)).toBeNull();

  // A volunteer cannot press it.
  await h.send(u.callback(u.user(BOB, { languageCode: "en", firstName: "Bob" }), `eoh:${signupOf[WANG]}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  expect(h.telegram.texts(BOB).some((t) => t.includes("How many hours"))).toBe(false);

  const h2 = createHarness({ db: database.db, clock: new FakeClock(new Date("2026-05-03T00:00:00Z")) });
  await h2.send(u.command(u.user(WANG, { languageCode: "zh-hans", firstName: "王芳" }), "hours"));
  expect(h2.telegram.lastText(WANG)).toBe("⏱ 您的志愿时长：本月 2.5 小时，今年 2.5 小时，累计 2.5 小时（共 1 次活动）。");
});

it("in Chinese: a checked-in volunteer's hours set again, /cancel midway saves nothing; /audit reads each action as a sentence in both languages", async () => {
  const event = await findEvent(database.db, eventId, home);
  await checkInByCode(database.db, { code: event!.checkInCode, userId: ZHAO, at: new Date("2026-05-02T11:20:00Z") });
  const h = bot();
  await h.send(u.callback(liu, `eoh:${signupOf[ZHAO]}`));
  expect(h.telegram.lastText(LIU)).toBe(
    "⏱ 赵敏 在「May Day show」现计 1.7 小时（按签到或开始时间到结束计算）。应计多少小时？请输入 0 到 24 之间的数字，例如 2.5。",
  );
  await h.send(u.text(liu, "1"));
  await h.send(u.command(liu, "cancel"));
  expect(await credited(ZHAO)).toBeNull();

  await h.send(u.callback(liu, `eoh:${signupOf[ZHAO]}`));
  await h.send(u.text(liu, "一百"));
  expect(h.telegram.lastText(LIU)).toBe("请输入 0 到 24 之间的小时数，例如 2 或 1.5。");
  await h.send(u.text(liu, "1"));
  expect(h.telegram.lastText(LIU)).toBe("调整原因是什么？请输入原因，它会记入操作记录。");
  await h.send(u.text(liu, "早"));
  expect(h.telegram.lastText(LIU)).toBe("原因至少要 2 个字。");
  await h.send(u.text(liu, "提前离开"));
  expect(h.telegram.lastText(LIU)).toBe("✅ 赵敏：「May Day show」现计 1.0 小时（原为 1.7 小时）。已记入操作记录。");
  expect(await credited(ZHAO)).toBe(60);

  await h.send(u.command(ann, "audit"));
  const en = h.telegram.lastText(ANN)!;
  expect(en).toContain("刘 set 赵敏's hours for May Day show from 1.7 h to 1.0 h. Reason: 提前离开");
  expect(en).toContain("Ann set 王芳's hours for May Day show from 2.0 h to 2.5 h. Reason: Stayed to pack the drums");
  expect(en).toContain("Ann marked 王芳 present at May Day show.");
  expect(en).toContain("Ann marked Bob absent at May Day show.");
  expect(en).toContain("Ann created the event May Day show (2026-05-02 19:00).");
  await h.send(u.command(liu, "audit"));
  const zh = h.telegram.lastText(LIU)!;
  expect(zh).toContain("刘 把 赵敏 在「May Day show」的服务时长从 1.7 小时改为 1.0 小时。原因：提前离开");
  expect(zh).toContain("Ann 在「May Day show」把 Bob 记为缺席。");
  expect(zh).toContain("Ann 创建了活动「May Day show」（2026-05-02 19:00）。");
  expect(await database.db.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.id))).toEqual([
    { action: "event.create" },
    { action: "event.mark" },
    { action: "event.mark" },
    { action: "hours.adjust" },
    { action: "hours.adjust" },
  ]);
});

it("the service refuses an adjustment without a reason, out of range, or for someone not present, and changes nothing", async () => {
  const at = new Date("2026-05-03T00:00:00Z");
  const base = { communityId: home, actorId: ANN, at };
  expect(await adjustHours(database.db, { ...base, signupId: signupOf[WANG]!, minutes: 60, reason: "  " })).toEqual({ ok: false, reason: "no-reason" });
  expect(await adjustHours(database.db, { ...base, signupId: signupOf[WANG]!, minutes: 24 * 60 + 1, reason: "typo" })).toEqual({
    ok: false,
    reason: "out-of-range",
  });
  expect(await adjustHours(database.db, { ...base, signupId: signupOf[WANG]!, minutes: -5, reason: "typo" })).toEqual({ ok: false, reason: "out-of-range" });
  expect(await adjustHours(database.db, { ...base, signupId: signupOf[BOB]!, minutes: 60, reason: "came late" })).toEqual({
    ok: false,
    reason: "not-attended",
  });
  expect(await adjustHours(database.db, { ...base, communityId: home + 999, signupId: signupOf[WANG]!, minutes: 60, reason: "other community" })).toEqual({
    ok: false,
    reason: "not-found",
  });
  expect(await credited(WANG)).toBe(150);
  expect(await database.db.$count(auditLog)).toBe(5);
});
