import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversationStates, events, eventSignups, eventSlots, outboxMessages, teamMembers, teams } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { hoursOf } from "../../../src/features/events/attendance.js";
import { reminderKey, signupMessages } from "../../../src/features/events/messages.js";
import { createEvent } from "../../../src/features/events/service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";
import { telegramWithUploads } from "../../helpers/uploads.js";

/*
 * The organiser's side through the real bot and the fake Bot API: /newevent (a weekly series in
 * English, a one-off in Chinese), /roster with present and absent, seats, a new time, a
 * cancellation, each told to the people signed up in their language.
 */
let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // Friday 1 May, 10:00 in Shanghai
const ANN = 41_001; // staff, English
const LIU = 41_002; // staff, Chinese
const WANG = 41_003; // volunteer, Chinese
const BOB = 41_004; // volunteer, English
const ZHAO = 41_005; // volunteer, Chinese
const u = updates();
const ann = u.user(ANN, { languageCode: "en" });
const liu = u.user(LIU, { languageCode: "zh-hans" });

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  const people = [
    [ANN, "Ann", "en", "staff"],
    [LIU, "刘", "zh-hans", "staff"],
    [WANG, "王芳", "zh-hans", "volunteer"],
    [BOB, "Bob", "en", "volunteer"],
    [ZHAO, "赵敏", "zh-hans", "volunteer"],
  ] as const;
  for (const [id, firstName, languageCode, role] of people) {
    await recordUser(database.db, { id, firstName, languageCode }, T0);
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: T0 });
  }
});
afterAll(() => database.close());

const bot = () => {
  const { telegram, uploads } = telegramWithUploads();
  const clock = new FakeClock(T0);
  return { ...createHarness({ db: database.db, clock, telegram }), uploads };
};
/** Ann types each text and gets each answer. */
async function expectAnswers(h: ReturnType<typeof bot>, exchanges: Array<[string, string]>): Promise<void> {
  for (const [typed, answer] of exchanges) {
    await h.send(u.text(ann, typed));
    expect(h.telegram.lastText(ANN)).toBe(answer);
  }
}
const press = (user: typeof ann, step: string, value: string | number) => u.callback(user, `ene:${step}:${value}`);

it("staff create a weekly rehearsal series in English: polite re-asks change nothing; the code and its QR image come after Create", async () => {
  const h = bot();
  await h.send(u.command(ann, "newevent"));
  expect(h.telegram.lastText(ANN)).toBe("🆕 A new event. What is it called? For example: 腰鼓队排练");
  await h.send(u.text(ann, "Drum rehearsal"));
  expect(h.telegram.lastText(ANN)).toBe("What kind of event is it?");
  expect(h.telegram.lastButtons(ANN).map((b) => b.text)).toEqual(["Rehearsal", "Performance", "Lecture duty", "Clean-up day", "Other", "Cancel"]);
  await h.send(u.text(ann, "rehearsal"));
  expect(h.telegram.lastText(ANN)).toBe("Please tap one of the buttons above.");
  await h.send(press(ann, "kind", "rehearsal"));
  expect(h.telegram.texts(ANN).at(-2)).toBe("What kind of event is it?\n✅ Rehearsal");
  expect(h.telegram.lastText(ANN)).toBe("When does it start? Please write the date and time like this: 2026-05-08 19:00 (time in Asia/Shanghai).");

  await expectAnswers(h, [
    ["tomorrow at 7", "I could not read that as a date and time. Please write it like this: 2026-05-08 19:00"],
    ["2026-02-30 19:00", "I could not read that as a date and time. Please write it like this: 2026-05-08 19:00"],
    ["2026-04-30 19:00", "That time has already passed. Please give a time in the future."],
  ]);
  await h.send(u.text(ann, "2026-05-08 19:00"));
  expect(h.telegram.lastText(ANN)).toBe("How long does it last? Tap a button, or type a length (90 min, 2h) or the end time (21:00).");
  expect(h.telegram.lastButtons(ANN).map((b) => b.text)).toEqual(["1 h", "1.5 h", "2 h", "3 h", "Cancel"]);
  await h.send(u.text(ann, "18:00"));
  expect(h.telegram.lastText(ANN)).toBe("The end must come after the start (2026-05-08 19:00). Please type a length or a later end time.");
  await h.send(u.text(ann, "21:00"));
  expect(h.telegram.lastText(ANN)).toBe("Where is it? Type the place (for example: 文化广场), or share a location with 📎 → Location.");
  await h.send(u.location(ann, 31.2304, 121.4737));
  expect(h.telegram.lastText(ANN)).toBe("📍 Location noted. Now please type the place's name, so people also read where to go.");
  await h.send(u.text(ann, "Culture Square"));
  expect(h.telegram.lastText(ANN)).toContain("Which roles, and how many people for each?");
  await expectAnswers(h, [
    ["Drummers 0", 'The number of people for "Drummers" must be from 1 to 10000.'],
    ["Drummers 2, drummers 3", '"drummers" is there twice. Please name each role once.'],
    ["12", 'I could not read "12". Please write each role with its number of people, like this: 鼓手 12, 引导 3.'],
  ]);
  await h.send(u.text(ann, "Drummers 2, Guides 1"));
  expect(h.telegram.lastText(ANN)).toBe("Who may sign up?");
  await h.send(press(ann, "audience", "volunteers"));
  expect(h.telegram.lastText(ANN)).toBe("Is it a weekly rehearsal? Choose for how many weeks, or type a number of weeks up to 52.");
  await h.send(u.text(ann, "60"));
  expect(h.telegram.lastText(ANN)).toBe("Please tap a button, or type a number of weeks from 1 to 52.");
  await h.send(press(ann, "weeks", 4));
  expect(h.telegram.lastText(ANN)).toBe(
    [
      "Please check the new event:",
      "📌 Drum rehearsal (Rehearsal)",
      "🕒 2026-05-08 19:00–21:00",
      "📍 Culture Square (location shared)",
      "🙋 Who may sign up: Volunteers",
      "🔁 Every week, 4 times",
      "👥 Roles:",
      "• Drummers: 2 people",
      "• Guides: 1 person",
    ].join("\n"),
  );
  expect(h.telegram.lastButtons(ANN).map((b) => b.text)).toEqual(["✅ Create", "Cancel"]);
  expect(await database.db.$count(events)).toBe(0);

  await h.send(press(ann, "summary", "create"));
  // The summary becomes its answer: the button's own ✅ is not doubled.
  expect(
    h.telegram
      .texts(ANN)
      .filter((t) => t.startsWith("Please check the new event:"))
      .at(-1),
  ).toMatch(/\n• Guides: 1 person\n✅ Create$/);
  const saved = await database.db.select().from(events).orderBy(asc(events.startsAt));
  expect(saved.map((e) => e.startsAt.toISOString())).toEqual([
    "2026-05-08T11:00:00.000Z",
    "2026-05-15T11:00:00.000Z",
    "2026-05-22T11:00:00.000Z",
    "2026-05-29T11:00:00.000Z",
  ]);
  expect(saved.every((e) => e.seriesId === saved[0]!.id && e.kind === "rehearsal" && e.audience === "volunteers" && e.createdBy === ANN)).toBe(true);
  expect(saved.every((e) => e.place === "Culture Square" && e.latitude === 31.2304 && e.endsAt.getTime() - e.startsAt.getTime() === 2 * 3600_000)).toBe(true);
  expect(new Set(saved.map((e) => e.checkInCode)).size).toBe(4);
  const slots = await database.db.select().from(eventSlots).where(eq(eventSlots.eventId, saved[0]!.id)).orderBy(asc(eventSlots.position));
  expect(slots.map((s) => [s.name, s.capacity])).toEqual([
    ["Drummers", 2],
    ["Guides", 1],
  ]);

  const codes = saved.map((e) => e.checkInCode);
  expect(h.telegram.lastText(ANN)).toBe(
    [
      "✅ Created: Drum rehearsal. 4 weekly events, each with its own check-in code:",
      `1. 2026-05-08 19:00 · code ${codes[0]}`,
      `2. 2026-05-15 19:00 · code ${codes[1]}`,
      `3. 2026-05-22 19:00 · code ${codes[2]}`,
      `4. 2026-05-29 19:00 · code ${codes[3]}`,
    ].join("\n"),
  );
  // The QR image: a PNG of the check-in link, with the code and the link under it.
  const [qr] = h.uploads;
  expect(qr).toMatchObject({ method: "sendPhoto", fields: { chat_id: String(ANN) } });
  expect(qr!.fields.caption).toBe(
    `Check-in for Drum rehearsal (2026-05-08 19:00). Show this at the door: people scan it and tap Start, or send /checkin ${codes[0]}. Link: https://t.me/community_test_bot?start=chk_${codes[0]}`,
  );
  expect([...qr!.files[0]!.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

it("a one-off in Chinese by buttons all the way; /cancel at any step leaves and saves nothing", async () => {
  const h = bot();
  const before = await database.db.$count(events);
  await h.send(u.command(liu, "newevent"));
  await h.send(u.text(liu, "环境整治日"));
  expect(h.telegram.lastButtons(LIU).map((b) => b.text)).toEqual(["排练", "演出", "讲座值班", "环境整治", "其他", "取消"]);
  await h.send(press(liu, "kind", "cleanup"));
  expect(h.telegram.lastText(LIU)).toBe("什么时候开始？请按这个格式写日期和时间：2026-05-08 19:00（Asia/Shanghai 时间）。");
  await h.send(u.text(liu, "2026-05-09 08:00"));
  await h.send(press(liu, "length", 180));
  expect(h.telegram.texts(LIU).at(-2)).toBe("活动持续多久？点按钮，或输入时长（如 90分钟、2小时），或结束时间（如 21:00）。\n✅ 3 小时");
  await h.send(u.sticker(liu));
  expect(h.telegram.lastText(LIU)).toBe("请输入地点，或发送一个位置。");
  await h.send(u.text(liu, "小区南门"));
  expect(h.telegram.lastText(LIU)).toContain("需要哪些岗位，各几人？");
  await h.send(press(liu, "slots", "open"));
  await h.send(press(liu, "audience", "everyone"));
  expect(h.telegram.lastText(LIU)).toBe(
    ["请核对新活动：", "📌 环境整治日（环境整治）", "🕒 2026-05-09 08:00–11:00", "📍 小区南门", "🙋 可报名：所有人", "👥 岗位：", "• 所有人：不限人数"].join(
      "\n",
    ),
  );
  expect(h.telegram.lastButtons(LIU).map((b) => b.text)).toEqual(["✅ 创建", "取消"]);
  await h.send(press(liu, "summary", "create"));
  const [saved] = await database.db.select().from(events).where(eq(events.title, "环境整治日"));
  expect(saved).toMatchObject({
    kind: "cleanup",
    audience: "everyone",
    seriesId: null,
    place: "小区南门",
    latitude: null,
    startsAt: new Date("2026-05-09T00:00:00Z"),
    endsAt: new Date("2026-05-09T03:00:00Z"),
  });
  expect(await database.db.select({ name: eventSlots.name, capacity: eventSlots.capacity }).from(eventSlots).where(eq(eventSlots.eventId, saved!.id))).toEqual([
    { name: "", capacity: null },
  ]);
  expect(h.telegram.lastText(LIU)).toBe(`✅ 已创建：环境整治日。签到码：${saved!.checkInCode}`);
  expect(h.uploads.at(-1)!.fields.caption).toBe(
    `环境整治日（2026-05-09 08:00）签到二维码。请在现场出示：扫码后点“开始”即可签到，也可以发送 /checkin ${saved!.checkInCode}。链接：https://t.me/community_test_bot?start=chk_${saved!.checkInCode}`,
  );
  await h.send(u.callback(liu, `eor:${saved!.id}`));
  expect(h.telegram.lastText(LIU)).toBe(
    ["📋 环境整治日", "🕒 2026-05-09 08:00–11:00 · 📍 小区南门", `签到码：${saved!.checkInCode}`, "", "所有人（0，不限人数）：", "（还没有人报名）"].join("\n"),
  );
  // A second press of Create (a double tap) creates nothing more.
  await h.send(press(liu, "summary", "create"));
  expect(await database.db.$count(events)).toBe(before + 1);

  await h.send(u.command(liu, "newevent"));
  await h.send(u.text(liu, "不办了"));
  await h.send(u.command(liu, "cancel"));
  expect(h.telegram.lastText(LIU)).toContain("已取消，没有保存任何内容。");
  await h.send(press(liu, "kind", "rehearsal"));
  expect(await database.db.$count(events)).toBe(before + 1);
});

it("a rehearsal for the 腰鼓队's members only, chosen by its button: its members and leader find it in /events and join, another volunteer neither sees it nor joins", async () => {
  const db = database.db;
  const [team] = await db
    .insert(teams)
    .values({ communityId: home, name: "腰鼓队", leaderId: ZHAO, createdBy: LIU, createdAt: T0 })
    .returning({ id: teams.id });
  await db.insert(teamMembers).values({ teamId: team!.id, userId: WANG, status: "approved", decidedBy: ZHAO, decidedAt: T0, requestedAt: T0 });
  const h = bot();
  await h.send(u.command(liu, "newevent"));
  await h.send(u.text(liu, "腰鼓队排练"));
  await h.send(press(liu, "kind", "rehearsal"));
  await h.send(u.text(liu, "2026-05-10 19:00"));
  await h.send(press(liu, "length", 60));
  await h.send(u.text(liu, "文化广场"));
  await h.send(u.text(liu, "鼓手 12"));
  expect(h.telegram.lastText(LIU)).toBe("谁可以报名？");
  expect(h.telegram.lastButtons(LIU).map((b) => [b.text, b.data])).toEqual([
    ["志愿者", "ene:audience:volunteers"],
    ["所有人", "ene:audience:everyone"],
    ["仅腰鼓队成员", `ene:audience:t${team!.id}`],
    ["取消", expect.any(String)],
  ]);
  // A forged team id is not among the buttons: asked again, nothing chosen.
  await h.send(press(liu, "audience", `t${team!.id + 1000}`));
  expect(h.telegram.lastText(LIU)).toBe("请点击上面的按钮进行选择。");
  await h.send(press(liu, "audience", `t${team!.id}`));
  await h.send(press(liu, "weeks", 1));
  expect(h.telegram.lastText(LIU)).toContain("🙋 可报名：仅腰鼓队成员");
  await h.send(press(liu, "summary", "create"));
  const [saved] = await db.select().from(events).where(eq(events.title, "腰鼓队排练"));
  expect(saved).toMatchObject({ audience: "team", teamId: team!.id, kind: "rehearsal" });
  const [slot] = await db.select().from(eventSlots).where(eq(eventSlots.eventId, saved!.id));

  for (const [id, firstName] of [
    [WANG, "王芳"],
    [ZHAO, "赵敏"],
  ] as const) {
    const person = u.user(id, { languageCode: "zh-hans", firstName });
    await h.send(u.command(person, "events"));
    expect(h.telegram.texts(id).some((t) => t.startsWith("📅 腰鼓队排练"))).toBe(true);
    await h.send(u.callback(person, `evj:${slot!.id}`));
    expect(h.telegram.lastText(id)).toMatch(/^✅ 报名成功/);
  }
  const bob = u.user(BOB, { languageCode: "en", firstName: "Bob" });
  await h.send(u.command(bob, "events"));
  expect(h.telegram.texts(BOB).some((t) => t.startsWith("📅 腰鼓队排练"))).toBe(false);
  await h.send(u.callback(bob, `evj:${slot!.id}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  expect((await db.select().from(eventSignups).where(eq(eventSignups.eventId, saved!.id))).map((r) => r.userId).sort()).toEqual([WANG, ZHAO]);
});

it("the roster in English: people per slot by state with their names, present and absent by button; hours from the scheduled start", async () => {
  const h = bot();
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
      slots: [
        { name: "Drummers", capacity: 2 },
        { name: "Guides", capacity: null },
      ],
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  const signupIds: number[] = [];
  for (const userId of [WANG, BOB, ZHAO]) {
    const signed = await signUp(database.db, { slotId: created.slotIds[0]!, userId, at: T0 });
    signupIds.push(signed.ok ? signed.signupId : 0);
  }
  const [event] = await database.db.select().from(events).where(eq(events.id, created.eventId));

  await h.send(u.command(ann, "roster"));
  expect(h.telegram.lastText(ANN)).toBe("📋 Today's and coming events. Whose roster do you want to see?");
  expect(h.telegram.lastButtons(ANN).slice(0, 2)).toEqual([
    { text: "05-02 19:00 May Day show", data: `eor:${created.eventId}`, url: undefined },
    { text: "05-08 19:00 Drum rehearsal", data: expect.stringMatching(/^eor:\d+$/), url: undefined },
  ]);
  await h.send(u.callback(ann, `eor:${created.eventId}`));
  const roster = (lines: string[]) =>
    [
      "📋 May Day show",
      "🕒 2026-05-02 19:00–21:00 · 📍 Square",
      `Check-in code: ${event!.checkInCode}`,
      "",
      "Drummers (2/2):",
      ...lines,
      "",
      "Guides (0, no limit):",
      "(nobody yet)",
    ].join("\n");
  expect(h.telegram.lastText(ANN)).toBe(roster(["▫️ 王芳: signed up", "▫️ Bob: signed up", "⏳ 赵敏: waitlist no. 1"]));
  expect(h.telegram.callsOf("editMessageText").length).toBe(1);
  expect(h.telegram.lastButtons(ANN).map((b) => b.text)).toEqual([
    "✅ 王芳",
    "❌ 王芳",
    "✅ Bob",
    "❌ Bob",
    "🕒 Change time",
    "👥 Change seats",
    "🔳 Check-in QR code",
    "🚫 Cancel event",
    "📣 Announce to those who may sign up",
    "📄 CSV",
    "⬅️ All events",
  ]);
  const alert = () => h.telegram.callbackAnswers().at(-1)?.payload;
  await h.send(u.callback(ann, `eom:${signupIds[0]}:p`));
  expect(alert()).toMatchObject({ text: "People can be marked from 30 minutes before the start.", show_alert: true });

  h.clock.advance(33 * 3600_000 + 10 * 60_000); // 19:10 on the day
  await h.send(u.callback(ann, `eom:${signupIds[0]}:p`));
  expect(alert()?.text).toBe("Marked present.");
  await h.send(u.callback(ann, `eom:${signupIds[1]}:a`));
  expect(alert()?.text).toBe("Marked absent.");
  await h.send(u.callback(ann, `eom:${signupIds[1]}:a`));
  expect(alert()?.text).toBe("Already marked absent.");
  expect(h.telegram.lastText(ANN)).toBe(roster(["✅ 王芳: present", "❌ Bob: absent", "⏳ 赵敏: waitlist no. 1"]));
  // Forged presses: a waitlisted person, an unknown sign-up, a bad id.
  await h.send(u.callback(ann, `eom:${signupIds[2]}:p`));
  expect(alert()).toMatchObject({ text: "Only people holding a seat can be marked present or absent.", show_alert: true });
  await h.send(u.callback(ann, "eom:99999999:p"));
  expect(alert()).toMatchObject({ text: "This event no longer exists, or it is not in your community.", show_alert: true });
  await h.send(u.callback(ann, "eom:abc:p"));
  expect(alert()).toMatchObject({ text: "This button is no longer valid. Send /start to begin again.", show_alert: true });
  expect(
    (await database.db.select().from(eventSignups).where(eq(eventSignups.eventId, created.eventId)).orderBy(asc(eventSignups.id))).map((s) => s.status),
  ).toEqual(["attended", "no_show", "waitlisted"]);
  // Marked present by the organiser: the hours run from the scheduled start to the end.
  expect((await hoursOf(database.db, WANG, new Date("2026-05-02T14:00:00Z"), "Asia/Shanghai")).all).toBe(120);

  await h.send(u.callback(ann, `eoq:${created.eventId}`));
  expect(h.uploads.at(-1)).toMatchObject({ method: "sendPhoto", fields: { chat_id: String(ANN) } });
  expect(h.uploads.at(-1)!.fields.caption).toContain(`?start=chk_${event!.checkInCode}`);
  await h.send(u.callback(ann, "eol"));
  expect(h.telegram.lastText(ANN)).toBe("📋 Today's and coming events. Whose roster do you want to see?");
});

it("in Chinese: seats up (offered to the waitlist) and refused below the people holding one, a new time and a cancellation, each told in the reader's language", async () => {
  const h = bot();
  const created = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "cleanup",
      title: "清洁日",
      place: "河边",
      startsAt: new Date("2026-05-05T01:00:00Z"),
      endsAt: new Date("2026-05-05T03:00:00Z"),
      createdBy: LIU,
      slots: [
        { name: "引导", capacity: 1 },
        { name: "清扫", capacity: null },
      ],
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  const [guideSlot, sweepSlot] = created.slotIds as [number, number];
  // Wang's seat was taken without its reminders being written: the move writes them. (The outbox
  // sends a chat's messages in id order, and a pending reminder due later holds back what comes
  // after it, so Zhao, whose reminders wait, hears of the move only once they are dropped.)
  const wang = await signUp(database.db, { slotId: guideSlot, userId: WANG, at: T0 });
  await signUp(database.db, { slotId: guideSlot, userId: BOB, at: T0 });
  await signUp(
    database.db,
    { slotId: sweepSlot, userId: ZHAO, at: T0 },
    signupMessages(() => T0),
  );
  const id = created.eventId;

  await h.send(u.callback(liu, `eoc:${id}`));
  expect(h.telegram.lastText(LIU)).toBe("要修改哪个岗位的名额？");
  expect(h.telegram.lastButtons(LIU).map((b) => b.text)).toEqual(["引导", "清扫", "取消"]);
  await h.send(press(liu, "slot", guideSlot));
  expect(h.telegram.lastText(LIU)).toBe("引导 要几个名额？目前：1 个，已占 1 个。请输入新的人数，或点“不限人数”。");
  await h.send(u.text(liu, "0"));
  expect(h.telegram.lastText(LIU)).toBe("请输入 1 到 10000 之间的整数，或点“不限人数”。");
  await h.send(u.text(liu, "2"));
  expect(h.telegram.lastText(LIU)).toBe("✅ 引导 现在有 2 个名额。已通知候补的前 1 位确认名额。");
  expect(h.telegram.lastText(BOB)).toBe("🎉 A seat has freed up for 清洁日 (2026-05-05 09:00, 河边). Do you want it? Please answer by 2026-05-01 22:00.");

  await h.send(u.callback(liu, `eoc:${id}`));
  await h.send(press(liu, "slot", guideSlot));
  await h.send(u.text(liu, "1"));
  expect(h.telegram.lastText(LIU)).toBe("引导 已有 2 人占了名额，名额不能少于 2 个。请输入 2 或更多。");
  await h.send(u.command(liu, "cancel"));
  expect((await database.db.select({ capacity: eventSlots.capacity }).from(eventSlots).where(eq(eventSlots.id, guideSlot)))[0]?.capacity).toBe(2);

  await h.send(u.callback(liu, `eot:${id}`));
  expect(h.telegram.lastText(LIU)).toBe(
    "清洁日 目前 2026-05-05 09:00 开始，11:00 结束。请输入新的开始时间，例如：2026-05-12 09:00（Asia/Shanghai 时间）。结束时间会随之顺延。",
  );
  await h.send(u.text(liu, "2026-05-05 09:00"));
  expect(h.telegram.lastText(LIU)).toBe("这就是现在的时间，没有变化。请输入另一个时间，或发送 /cancel。");
  await h.send(u.text(liu, "2026-04-05 09:00"));
  expect(h.telegram.lastText(LIU)).toBe("这个时间已经过去了，请填写将来的时间。");
  await h.send(u.text(liu, "2026-05-06 08:30"));
  expect(h.telegram.lastText(LIU)).toBe("✅ 已改期：清洁日 改为 2026-05-06 08:30 开始，10:30 结束。正在通知已报名的 3 人，他们的提醒也随之调整。");
  expect(h.telegram.lastText(WANG)).toBe(
    "🕒 清洁日 时间有变：改为 2026-05-06 08:30 开始，10:30 结束，地点 河边（原定 2026-05-05 09:00）。如果来不了，请在 /myevents 里取消报名。",
  );
  expect(h.telegram.lastText(BOB)).toBe(
    "🕒 清洁日 has moved: it now starts 2026-05-06 08:30 and ends 10:30, at 河边 (it was 2026-05-05 09:00). If you can no longer come, please step back in /myevents.",
  );
  const wangReminders = await database.db
    .select({ runAt: outboxMessages.runAt, status: outboxMessages.status })
    .from(outboxMessages)
    .where(inArray(outboxMessages.dedupeKey, [reminderKey(wang.ok ? wang.signupId : 0, 24), reminderKey(wang.ok ? wang.signupId : 0, 2)]))
    .orderBy(asc(outboxMessages.runAt));
  expect(wangReminders).toEqual([
    { runAt: new Date("2026-05-05T00:30:00Z"), status: "pending" },
    { runAt: new Date("2026-05-05T22:30:00Z"), status: "pending" },
  ]);

  await h.send(u.callback(liu, `eox:${id}:ask`));
  expect(h.telegram.lastText(LIU)).toBe("确定取消 清洁日（2026-05-06 08:30，河边）吗？已报名的 3 人会收到通知。");
  await h.send(u.callback(liu, `eox:${id}:no`));
  expect(h.telegram.lastText(LIU)).toBe("活动保持不变。");
  await h.send(u.callback(liu, `eox:${id}:yes`));
  expect(h.telegram.lastText(LIU)).toBe("🚫 清洁日 已取消。正在通知已报名的 3 人。");
  expect(h.telegram.lastText(WANG)).toBe("🚫 清洁日（2026-05-06 08:30，河边）已取消。给您带来不便，敬请谅解，感谢您的报名。");
  expect(h.telegram.lastText(BOB)).toBe("🚫 清洁日 (2026-05-06 08:30, 河边) has been cancelled. Sorry for the change, and thank you for signing up.");
  expect(h.telegram.lastText(ZHAO)).toBe("🚫 清洁日（2026-05-06 08:30，河边）已取消。给您带来不便，敬请谅解，感谢您的报名。");
  expect((await database.db.select().from(eventSignups).where(eq(eventSignups.eventId, id))).map((s) => s.status)).toEqual([
    "cancelled",
    "cancelled",
    "cancelled",
  ]);
  expect(wangReminders.length).toBe(2);
  const dropped = await database.db
    .select({ status: outboxMessages.status })
    .from(outboxMessages)
    .where(eq(outboxMessages.dedupeKey, reminderKey(wang.ok ? wang.signupId : 0, 24)));
  expect(dropped).toEqual([{ status: "cancelled" }]);
  await h.send(u.callback(liu, `eox:${id}:yes`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ text: "这个活动已取消。", show_alert: true });
  await h.send(u.command(liu, "roster"));
  expect(h.telegram.lastButtons(LIU).some((b) => b.data === `eor:${id}`)).toBe(false);
});

it("refused answers leave the stored conversation as it was, also where the answer was checked against the clock or the database", async () => {
  const h = bot();
  const stateBytes = async (userId: number) =>
    Number(
      (
        await database.db
          .select({ bytes: sql<number>`octet_length(${conversationStates.value}::text)` })
          .from(conversationStates)
          .where(eq(conversationStates.key, `${userId}:${userId}`))
      )[0]?.bytes ?? 0,
    );
  await h.send(u.command(ann, "newevent"));
  await h.send(u.text(ann, "Flag practice"));
  await h.send(press(ann, "kind", "other"));
  const sizes = [];
  for (let i = 0; i < 30; i++) {
    await h.send(u.text(ann, i % 2 ? "2020-01-01 10:00" : "soon"));
    sizes.push(await stateBytes(ANN));
  }
  expect(new Set(sizes).size).toBe(1);
  await h.send(u.command(ann, "cancel"));

  const created = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "other",
      title: "Seats",
      startsAt: new Date("2026-05-20T01:00:00Z"),
      endsAt: new Date("2026-05-20T02:00:00Z"),
      createdBy: ANN,
      slots: [{ name: "A", capacity: 3 }],
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  await signUp(database.db, { slotId: created.slotIds[0]!, userId: BOB, at: T0 });
  await signUp(database.db, { slotId: created.slotIds[0]!, userId: ZHAO, at: T0 });
  await h.send(u.callback(ann, `eoc:${created.eventId}`));
  sizes.length = 0;
  for (let i = 0; i < 20; i++) {
    await h.send(u.text(ann, "1"));
    sizes.push(await stateBytes(ANN));
  }
  expect(h.telegram.lastText(ANN)).toBe("2 people already hold a seat in A, so it cannot have fewer than 2. Please type 2 or more.");
  expect(new Set(sizes).size).toBe(1);
  await h.send(u.text(ann, "2"));
  expect(h.telegram.lastText(ANN)).toBe("✅ A now has 2 seats.");
});
