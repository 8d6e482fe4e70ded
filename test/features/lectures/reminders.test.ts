import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { events, eventSignups, lectureFeedback, outboxMessages } from "../../../src/db/schema/index.js";
import { loadConfig } from "../../../src/config.js";
import { recordUser } from "../../../src/features/accounts/service.js";
import { createLecture, type NewLecture } from "../../../src/features/lectures/service.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { appJobs } from "../../../src/jobs/app-jobs.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z"); // 10:00 in Shanghai
const START = new Date("2026-05-04T06:00:00Z"); // 14:00 in Shanghai, three days on
const WANG = 57_001; // Chinese
const ANN = 57_002; // English
const u = updates();

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: WANG, firstName: "王阿姨", languageCode: "zh-hans" }, T0);
  await recordUser(database.db, { id: ANN, firstName: "Ann", languageCode: "en" }, T0);
});
afterAll(() => database.close());

const lecture = (title: string, extra: Partial<NewLecture> = {}): NewLecture => ({
  communityId: home,
  title,
  topicId: null,
  speaker: "王律师",
  startsAt: START,
  endsAt: new Date(START.getTime() + 2 * 3600_000),
  place: "二中",
  seats: 50,
  registrationRequired: true,
  duty: [],
  createdBy: null,
  ...extra,
});

const reminderRows = (signupId: number) =>
  database.db
    .select({ key: outboxMessages.dedupeKey, runAt: outboxMessages.runAt, status: outboxMessages.status })
    .from(outboxMessages)
    .where(like(outboxMessages.dedupeKey, `reminder/${signupId}/%`))
    .orderBy(outboxMessages.runAt);

it("a registered resident is reminded the day before and one hour before, each time with their code and I can't come, in their language", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const created = await createLecture(database.db, lecture("法律讲座"), T0);
  if (!created.ok) throw new Error(created.reason);
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" });
  const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
  await h.send(u.callback(wang, `lrg:${created.lectureId}`));
  const wangCode = /签到码：([A-Z2-9]{4})/.exec(h.telegram.lastText(WANG)!)![1]!;
  expect(h.telegram.lastText(WANG)).toContain("讲座前一天和开始前一小时会提醒您");
  await h.send(u.callback(ann, `lrg:${created.lectureId}`));
  const annCode = /Your code: ([A-Z2-9]{4})/.exec(h.telegram.lastText(ANN)!)![1]!;

  const [wangSignup] = await database.db
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, created.eventId), eq(eventSignups.userId, WANG)));
  expect(await reminderRows(wangSignup!.id)).toEqual([
    { key: `reminder/${wangSignup!.id}/24`, runAt: new Date(START.getTime() - 24 * 3600_000), status: "pending" },
    { key: `reminder/${wangSignup!.id}/1`, runAt: new Date(START.getTime() - 3600_000), status: "pending" },
  ]);

  // The day before: both hear it, each in their language, with their own code.
  clock.advance(START.getTime() - 24 * 3600_000 - T0.getTime());
  await h.flush();
  expect(h.telegram.lastText(WANG)).toBe(
    `⏰ 提醒：讲座「法律讲座」明天举行：2026-05-04 14:00，二中。您的签到码：${wangCode}，到场时出示。来不了请点下方按钮，座位会让给候补的居民。`,
  );
  expect(h.telegram.lastButtons(WANG).map((b) => b.text)).toEqual(["我来不了"]);
  expect(h.telegram.lastText(ANN)).toBe(
    `⏰ Reminder: 法律讲座 is tomorrow: 2026-05-04 14:00, 二中. Your code at the door: ${annCode}. If you can't come, tap below and your seat goes to someone waiting.`,
  );

  // One hour before: Ann again, with her code.
  clock.advance(23 * 3600_000);
  await h.flush();
  expect(h.telegram.lastText(ANN)).toBe(
    `⏰ Reminder: 法律讲座 starts in 1 hour: 2026-05-04 14:00, 二中. Your code at the door: ${annCode}. If you can't come, tap below and your seat goes to someone waiting.`,
  );
  expect(h.telegram.lastText(WANG)).toContain(`签到码：${wangCode}`);
  expect(h.telegram.lastText(WANG)).toContain("还有 1 小时开始");
});

it('"I can\'t come" under the day-before reminder frees the seat and drops the one-hour reminder', async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const created = await createLecture(database.db, lecture("交通安全讲座"), T0);
  if (!created.ok) throw new Error(created.reason);
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" });
  await h.send(u.callback(wang, `lrg:${created.lectureId}`));
  clock.advance(START.getTime() - 24 * 3600_000 - T0.getTime());
  await h.flush();
  expect(h.telegram.lastText(WANG)).toContain("交通安全讲座」明天举行");
  await h.send(u.callback(wang, h.telegram.lastButtons(WANG)[0]!.data!));
  const [signup] = await database.db
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, created.eventId), eq(eventSignups.userId, WANG)));
  expect(signup!.status).toBe("cancelled");
  expect((await reminderRows(signup!.id)).map((r) => r.status)).toEqual(["sent", "cancelled"]);
});

it("LECTURE_REMINDERS sets the leads (minutes allowed) for lectures only; a bad value stops start-up with its name", async () => {
  expect(loadConfig({}).LECTURE_REMINDERS).toEqual([24, 1]);
  expect(loadConfig({ LECTURE_REMINDERS: "1h, 24h, 30m" }).LECTURE_REMINDERS).toEqual([24, 1, 0.5]);
  expect(() => loadConfig({ LECTURE_REMINDERS: "tomorrow" })).toThrow(/LECTURE_REMINDERS "tomorrow" is not a lead time/);
  expect(() => loadConfig({ LECTURE_REMINDERS: "200h" })).toThrow(/LECTURE_REMINDERS/);

  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock, config: { LECTURE_REMINDERS: [24, 0.5] } });
  const created = await createLecture(database.db, lecture("健康讲座"), T0);
  if (!created.ok) throw new Error(created.reason);
  await h.send(u.callback(u.user(ANN, { languageCode: "en", firstName: "Ann" }), `lrg:${created.lectureId}`));
  const [signup] = await database.db
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, created.eventId), eq(eventSignups.userId, ANN)));
  expect((await reminderRows(signup!.id)).map((r) => r.key)).toEqual([`reminder/${signup!.id}/24`, `reminder/${signup!.id}/30m`]);
  clock.advance(START.getTime() - 30 * 60_000 - T0.getTime());
  await h.flush();
  expect(h.telegram.lastText(ANN)).toMatch(/^⏰ Reminder: 健康讲座 starts in 30 minutes: 2026-05-04 14:00, 二中\. Your code at the door: [A-Z2-9]{4}\./);
});

it("checked in through the QR poster's link (the core's chk_ deep link), an attendee is asked for a rating after the lecture, as at the door", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const created = await createLecture(database.db, lecture("防诈骗讲座"), T0);
  if (!created.ok) throw new Error(created.reason);
  const ann = u.user(ANN, { languageCode: "en", firstName: "Ann" });
  const wang = u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" });
  await h.send(u.callback(ann, `lrg:${created.lectureId}`));
  await h.send(u.callback(wang, `lrg:${created.lectureId}`));
  const [event] = await database.db.select().from(events).where(eq(events.id, created.eventId));

  // Ten minutes into the lecture Ann scans the poster; Wang never comes.
  clock.advance(START.getTime() + 10 * 60_000 - T0.getTime());
  await h.send(u.command(ann, "start", `chk_${event!.checkInCode}`));
  expect(h.telegram.lastText(ANN)).toContain("防诈骗讲座");
  const runner = () =>
    createJobRunner({
      db: database.db,
      clock,
      logger: silentLogger,
      ...appJobs({ db: database.db, clock, logger: silentLogger, api: h.bot.api, i18n: h.i18n, config: { REPORT_AUTO_CLOSE_DAYS: 3 } }),
    });
  // Not before the end.
  await runner().tick();
  await h.flush();
  expect(h.telegram.texts(ANN).filter((t) => t.includes("How was it?"))).toEqual([]);

  clock.advance(2 * 3600_000);
  await Promise.all([runner().tick(), runner().tick()]);
  await h.flush();
  expect(h.telegram.texts(ANN).filter((t) => t.includes("How was it?"))).toEqual(['🎓 Thank you for coming to "防诈骗讲座". How was it? Tap 1 to 5 stars.']);
  expect(h.telegram.texts(WANG).filter((t) => t.includes("评价") || t.includes("星"))).toEqual([]);
  await h.send(u.callback(ann, h.telegram.lastButtons(ANN).find((b) => b.text === "5⭐")!.data!));
  expect(h.telegram.lastText(ANN)).toBe("Thank you for your 5 stars! Add a comment if you like: type it now (or /cancel).");
  expect(await database.db.select().from(lectureFeedback).where(eq(lectureFeedback.lectureId, created.lectureId))).toMatchObject([{ userId: ANN, rating: 5 }]);

  // The next minute's round asks nobody again.
  clock.advance(60_000);
  await runner().tick();
  await h.flush();
  expect(h.telegram.texts(ANN).filter((t) => t.includes("How was it?"))).toHaveLength(1);
});

it("registering minutes before the start, when every reminder's time has passed, promises none", async () => {
  const clock = new FakeClock(new Date(START.getTime() - 10 * 60_000));
  const h = createHarness({ db: database.db, clock });
  const created = await createLecture(database.db, lecture("文明公约讲座"), T0);
  if (!created.ok) throw new Error(created.reason);
  await h.send(u.callback(u.user(WANG, { languageCode: "zh-hans", firstName: "王阿姨" }), `lrg:${created.lectureId}`));
  expect(h.telegram.lastText(WANG)).toMatch(/^✅ 报名成功。您的签到码：[A-Z2-9]{4}。讲座马上开始，到场时出示即可。$/);
  const [signup] = await database.db
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, created.eventId), eq(eventSignups.userId, WANG)));
  expect(await reminderRows(signup!.id)).toEqual([]);
});
