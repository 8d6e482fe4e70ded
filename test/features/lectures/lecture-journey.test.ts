import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventSlots, lectureFeedback, lectures } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { signUp } from "../../../src/features/events/signups.js";
import { lectureFigures } from "../../../src/features/lectures/feedback.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";
import { telegramWithUploads } from "../../helpers/uploads.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // 10:00 in Shanghai
const STAFF = 53_001; // English
const WANG = 53_002; // Chinese
const ANN = 53_003; // English
const HELPER = 53_004; // volunteer on lecture duty, Chinese
const LATE = 53_005;
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, lang, name] of [
    [STAFF, "en", "Chen"],
    [WANG, "zh-hans", "王阿姨"],
    [ANN, "en", "Ann"],
    [HELPER, "zh-hans", "李叔叔"],
    [LATE, "en", "Late"],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: lang }, T0);
  }
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: T0 });
  await grantRole(database.db, { userId: HELPER, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
});
afterAll(() => database.close());

it("staff create a lecture; residents register with codes (one waits), one steps back and the next is offered the seat; a helper checks codes at the door; attendees rate it; staff see the figures and the CSV", async () => {
  const clock = new FakeClock(T0);
  const { telegram, uploads } = telegramWithUploads();
  const h = createHarness({ db: database.db, clock, telegram });
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Chen" });
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" });
  const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
  const helper = u.user(HELPER, { languageCode: "zh-hans", firstName: "李叔叔" });
  const late = u.user(LATE, { languageCode: "en", firstName: "Late" });
  const press = async (user: typeof staff, label: string) => {
    const button = h.telegram.lastButtons(user.id).find((b) => b.text === label);
    if (!button) throw new Error(`no button ${label} in ${JSON.stringify(h.telegram.lastButtons(user.id))}`);
    await h.send(u.callback(user, button.data!));
  };

  // The organiser's conversation, in English; a refused seat count keeps the question.
  await h.send(u.command(staff, "newlecture"));
  expect(h.telegram.lastText(STAFF)).toBe("🆕 A new lecture. What is it called? For example: 防诈骗知识讲座");
  await h.send(u.text(staff, "Know the law"));
  await press(staff, "Law");
  await h.send(u.text(staff, "Lawyer Wang"));
  await h.send(u.text(staff, "2026-05-03 14:00"));
  await press(staff, "2 h");
  await h.send(u.text(staff, "No. 2 Middle School"));
  await press(staff, "Skip"); // no poster
  await h.send(u.text(staff, "Your rights as a tenant."));
  await h.send(u.text(staff, "zero"));
  expect(h.telegram.lastText(STAFF)).toBe('Please type a whole number of seats (1 or more), or tap "No limit".');
  await h.send(u.text(staff, "1"));
  await press(staff, "Yes, with codes at the door");
  await h.send(u.text(staff, "签到 1"));
  expect(h.telegram.lastText(STAFF)).toBe(
    "🎓 Know the law\n🏷 Law · 🎤 Lawyer Wang\n🕒 2026-05-03 14:00–16:00\n📍 No. 2 Middle School\nRegistration: 1 seats\nLecture duty: 签到 1",
  );
  await press(staff, "✅ Create");
  const [lecture] = await database.db.select().from(lectures);
  expect(h.telegram.lastText(STAFF)).toBe(`✅ Lecture created: Know the law (no. ${lecture!.id}). /lectures shows it.`);
  expect(lecture).toMatchObject({ speaker: "Lawyer Wang", registrationRequired: true, posterFileId: null });
  // With it, the door's QR code as an image and the printable A4 poster as a PDF.
  const toStaff = uploads.filter((up) => up.fields.chat_id === String(STAFF));
  expect(toStaff.map((up) => [up.method, up.files[0]!.filename])).toEqual([
    ["sendPhoto", expect.stringMatching(/^checkin-[A-Z2-9]{6}\.png$/)],
    ["sendDocument", `lecture-${lecture!.id}-poster.pdf`],
  ]);
  expect(toStaff[1]!.files[0]!.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(toStaff[1]!.fields.caption).toBe(
    '🖨 The door poster for "Know the law" (A4, ready to print): registered people scan it to check in, and are asked for their rating after the lecture.',
  );

  // Wang registers (Chinese): a seat, a 4-character code, the .ics file.
  await h.send(u.command(wang, "lectures"));
  expect(h.telegram.lastText(WANG)).toBe(
    "🎓 Know the law\n🏷 法律 · 🎤 Lawyer Wang\n🕒 2026-05-03 14:00–16:00\n📍 No. 2 Middle School\n剩余 1 个座位\nYour rights as a tenant.",
  );
  await press(wang, "📝 报名");
  const registered = h.telegram.lastText(WANG)!;
  const wangCode = /签到码：([A-Z2-9]{4})/.exec(registered)![1]!;
  expect(registered).toBe(`✅ 报名成功。您的签到码：${wangCode}。到场时出示即可。讲座前一天和开始前一小时会提醒您。`);
  expect(uploads.some((up) => up.method === "sendDocument" && up.fields.chat_id === String(WANG) && up.files[0]!.filename.endsWith(".ics"))).toBe(true);
  // Twice: refused, nothing changes.
  await h.send(u.callback(wang, `lrg:${lecture!.id}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "您已经报名了这个讲座（见 /mylectures）。" });

  // Ann (English): full, so the waiting list, with her code.
  await h.send(u.callback(ann, `lrg:${lecture!.id}`));
  expect(h.telegram.lastText(ANN)).toMatch(/^The seats are taken: you are number 1 on the waiting list \(your code: [A-Z2-9]{4}\)/);
  // Forged: no such lecture, not a number.
  await h.send(u.callback(ann, "lrg:99999999"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "This lecture no longer exists." });
  await h.send(u.callback(ann, "lrg:x"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });

  // Wang cancels from /mylectures: Ann is offered the seat and takes it.
  await h.send(u.command(wang, "mylectures"));
  expect(h.telegram.lastText(WANG)).toBe(`🎓 我的讲座：\n1. Know the law：2026-05-03 14:00，No. 2 Middle School。已报名。签到码：${wangCode}`);
  await press(wang, "❌ 取消报名 1");
  expect(h.telegram.lastText(ANN)).toContain("A seat has freed up for Know the law");
  await h.send(u.callback(ann, h.telegram.lastButtons(ANN)[0]!.data!));
  await h.send(u.command(ann, "mylectures"));
  const annCode = /Code: ([A-Z2-9]{4})/.exec(h.telegram.lastText(ANN)!)![1]!;
  expect(h.telegram.lastText(ANN)).toContain("Registered.");
  // Wang registers again: the seat is Ann's now, so she waits.
  await h.send(u.callback(wang, `lrg:${lecture!.id}`));
  expect(h.telegram.lastText(WANG)).toMatch(/^座位已满：您是候补第 1 位/);
  const wangCode2 = /签到码：([A-Z2-9]{4})/.exec(h.telegram.lastText(WANG)!)![1]!;

  // The helper signs up for the lecture's duty; a resident cannot run the door.
  const [dutySlot] = await database.db.select().from(eventSlots).where(eq(eventSlots.eventId, lecture!.dutyEventId!));
  expect((await signUp(database.db, { slotId: dutySlot!.id, userId: HELPER, at: clock.now() })).ok).toBe(true);
  await h.send(u.callback(late, `ldr:${lecture!.id}:open`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "Only the lecture's duty helpers and staff run the check-in." });

  // At the door (10 minutes before the start): every answer at once, in the helper's language.
  clock.advance(2 * 24 * 3600_000 + 4 * 3600_000 - 10 * 60_000);
  await h.send(u.command(helper, "lectures"));
  await press(helper, "🚪 现场签到");
  expect(h.telegram.lastText(HELPER)).toBe("🚪「Know the law」现场签到。请逐个输入居民出示的签到码，每个都会立即答复。");
  await h.send(u.text(helper, annCode.toLowerCase()));
  expect(h.telegram.lastText(HELPER)).toBe("✅ Ann：签到成功。");
  await h.send(u.text(helper, annCode));
  expect(h.telegram.lastText(HELPER)).toBe("⚠️ Ann 已经签到过了。");
  await h.send(u.text(helper, wangCode2));
  expect(h.telegram.lastText(HELPER)).toBe("⚠️ 王阿姨 在候补名单上，没有座位。");
  const unused = ["2222", "3333", "4444"].find((c) => c !== annCode && c !== wangCode && c !== wangCode2)!;
  await h.send(u.text(helper, unused));
  expect(h.telegram.lastText(HELPER)).toBe("❌ 本讲座没有这个签到码的报名。");
  await h.send(u.sticker(helper));
  expect(h.telegram.lastText(HELPER)).toBe("请输入签到码（4 位字母和数字），或点按钮。");
  await press(helper, "➕ 未报名直接来的（计数）");
  expect(h.telegram.lastText(HELPER)).toBe("现场直接来的人数：1");
  await h.send(u.text(helper, wangCode)); // her cancelled registration's code: not registered any more
  expect(h.telegram.lastText(HELPER)).toBe("❌ 本讲座没有这个签到码的报名。");
  await press(helper, "✅ 结束签到");
  expect(h.telegram.lastText(HELPER)).toBe("🚪 签到已结束。");

  // After the end: Ann is asked to rate it; Wang (not checked in) cannot; a forged 6 is refused.
  clock.advance(2 * 3600_000 + 10 * 60_000);
  await h.flush();
  expect(h.telegram.lastText(ANN)).toBe('🎓 Thank you for coming to "Know the law". How was it? Tap 1 to 5 stars.');
  await h.send(u.callback(wang, `lrt:${lecture!.id}:5`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "只有到场参加的人才能评价这个讲座。" });
  await h.send(u.callback(ann, `lrt:${lecture!.id}:6`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await press(ann, "4⭐");
  expect(h.telegram.lastText(ANN)).toBe("Thank you for your 4 stars! Add a comment if you like: type it now (or /cancel).");
  await h.send(u.text(ann, "Clear and useful."));
  expect(h.telegram.lastText(ANN)).toBe("Thank you, your comment is saved.");
  expect(await database.db.select().from(lectureFeedback)).toMatchObject([{ userId: ANN, rating: 4, comment: "Clear and useful." }]);

  // Staff: the figures (by hand: 1 registered and came, 1 walk-in, Wang waiting is not a no-show).
  expect(await lectureFigures(database.db, { communityId: home, from: T0, to: new Date(T0.getTime() + 7 * 86400_000), at: clock.now() })).toMatchObject([
    { registered: 1, attended: 1, walkIns: 1, noShows: 0, ratings: 1, averageRating: 4 },
  ]);
  await h.send(u.command(staff, "lectures"));
  await press(staff, "📊 Figures · Know the law");
  expect(h.telegram.lastText(STAFF)).toBe(
    "📊 Know the law (2026-05-03 14:00)\nRegistered: 1 · attended: 1 · walk-ins: 1 · no-shows: 0\nAverage rating: 4.0 (1 ratings)\n★★★★ Clear and useful.",
  );
  await h.send(u.command(staff, "lectures_csv", "2026-Q2"));
  const csv = uploads.find((up) => up.files[0]?.filename === "lectures-2026-Q2.csv")!;
  expect(csv.files[0]!.bytes.toString("utf8")).toBe(
    `\uFEFFlecture,title,starts,registered,attended,walk_ins,no_shows,ratings,average_rating\r\n${lecture!.id},Know the law,2026-05-03 14:00,1,1,1,0,1,4\r\n`,
  );
  await h.send(u.command(staff, "lectures_csv", "spring"));
  expect(h.telegram.lastText(STAFF)).toBe("Which quarter? For example: /lectures_csv 2026-Q2");
});

it("cancelling a lecture tells everyone registered in their language", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const staff = u.user(STAFF, { languageCode: "en" });
  const wang = u.user(WANG, { languageCode: "zh-hans" });
  const { createLecture } = await import("../../../src/features/lectures/service.js");
  const created = await createLecture(
    database.db,
    {
      communityId: home,
      title: "垃圾分类讲座",
      topicId: null,
      speaker: "李老师",
      startsAt: new Date(T0.getTime() + 3 * 86400_000),
      endsAt: new Date(T0.getTime() + 3 * 86400_000 + 3600_000),
      place: "文化广场",
      seats: null,
      registrationRequired: true,
      duty: [],
      createdBy: STAFF,
    },
    T0,
  );
  if (!created.ok) throw new Error(created.reason);
  await h.send(u.callback(wang, `lrg:${created.lectureId}`));
  expect(h.telegram.lastText(WANG)).toContain("报名成功");
  // The lecture's roster is the core's: who registered, change the time or the seats, the QR code.
  await h.send(u.command(staff, "lectures"));
  const roster = h.telegram.lastButtons(STAFF).find((b) => b.text === "🗂 Roster, change time or seats, QR code")!;
  await h.send(u.callback(staff, roster.data!));
  expect(h.telegram.lastText(STAFF)).toContain("垃圾分类讲座");
  expect(h.telegram.lastButtons(STAFF).some((b) => b.data?.startsWith("eot:"))).toBe(true);
  await h.send(u.callback(wang, `ldr:${created.lectureId}:confirm`)); // not staff
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.callback(staff, `ldr:${created.lectureId}:cancel`));
  expect(h.telegram.lastText(STAFF)).toBe('Cancel "垃圾分类讲座"? Everyone registered will be told.');
  await h.send(u.callback(staff, `ldr:${created.lectureId}:confirm`));
  expect(h.telegram.lastText(STAFF)).toBe("The lecture is cancelled; 1 registered people are told.");
  expect(h.telegram.lastText(WANG)).toContain("垃圾分类讲座");
  expect(h.telegram.lastText(WANG)).toContain("取消");
  await h.send(u.callback(wang, `lrg:${created.lectureId}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "这个讲座已取消。" });
});
