import { Api } from "grammy";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communities, dailyRecords } from "../../../src/db/schema/index.js";
import { ensureCommunity } from "../../../src/features/accounts/service.js";
import { DAILY_REPORT_HOUR, DAILY_REPORT_JOB, evaluationJobs } from "../../../src/features/evaluation/feature.js";
import { dailyReportHandler } from "../../../src/features/evaluation/jobs.js";
import { createI18n } from "../../../src/i18n.js";
import { jobs } from "../../../src/jobs/job-table.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeTelegram, TEST_TOKEN } from "../../helpers/fake-telegram.js";
import { createTestOutbox, FakeClock, seedDefaultCommunity } from "../../helpers/harness.js";
import { PNG_MAGIC, pngSize } from "../../helpers/png.js";
import { telegramWithUploads } from "../../helpers/uploads.js";
import { addReport, categoryId } from "./fixture.js";

const GROUP = -100_555;
let database: TestDatabase;
let home: number;
let quiet: number;

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.update(communities).set({ staffGroupChatId: GROUP }).where(eq(communities.id, home));
  // A second community with no staff group, in UTC: its day is recorded at its own 18:00.
  quiet = (await ensureCommunity(database.db, { slug: "quiet", name: "Quiet", timezone: "UTC" })).id;
  const dirty = await categoryId(database.db, home, "dirty-spot");
  // 10 May, 09:00 local: one report.
  await addReport(database.db, { communityId: home, categoryId: dirty, createdAt: "2026-05-10T01:00:00Z", deadlineAt: "2026-05-11T01:00:00Z" });
});
afterAll(() => database.close());

it("posts the daily report to the staff group at 18:00 local, once however many instances tick", async () => {
  expect(DAILY_REPORT_HOUR).toBe(18);
  const clock = new FakeClock(new Date("2026-05-10T09:59:00Z")); // 17:59 in Shanghai
  const telegram = new FakeTelegram();
  const deps = { db: database.db, clock, logger: silentLogger, api: new Api(TEST_TOKEN, { fetch: telegram.fetch }), i18n: createI18n() };
  const a = createJobRunner({ db: database.db, clock, logger: silentLogger, ...evaluationJobs(deps) });
  const b = createJobRunner({ db: database.db, clock, logger: silentLogger, ...evaluationJobs(deps) });
  // What the jobs write into the outbox, sent as the running sender would.
  const send = () => createTestOutbox(database.db, telegram, clock).drain();

  await Promise.all([a.tick(), b.tick()]);
  await send();
  expect(telegram.sent(GROUP)).toHaveLength(0);
  expect(await database.db.select().from(jobs)).toHaveLength(0);

  clock.advance(60_000); // 18:00
  await Promise.all([a.tick(), b.tick()]);
  await send();
  await Promise.all([a.tick(), b.tick()]);
  await send();
  clock.advance(3 * 3600_000); // 21:00, same day
  await Promise.all([a.tick(), b.tick()]);
  await send();
  const posted = telegram.sent(GROUP);
  expect(posted).toHaveLength(1);
  expect(String(posted[0]!.payload.text).split("\n").slice(0, 4)).toEqual([
    "📋 幸福社区 日汇报 · 2026-05-10",
    "（截至 18:00）",
    "",
    "上报：新增 1 · 已处理 0 · 已结案 0 · 重新打开 0 · 超期未办 0",
  ]);
  const [record] = await database.db.select().from(dailyRecords).where(eq(dailyRecords.communityId, home));
  expect(record).toMatchObject({ day: "2026-05-10", createdAt: new Date("2026-05-10T10:00:00Z") });
  expect((record!.figures as { asOf: string }).asOf).toBe("2026-05-10T10:00:00.000Z");
  const queued = await database.db.select().from(jobs).where(eq(jobs.name, DAILY_REPORT_JOB));
  expect(queued.map((j) => [j.singletonKey, j.state])).toEqual([[`${DAILY_REPORT_JOB}:${home}:2026-05-10`, "completed"]]);
  // The UTC community's 18:00 has not come yet (13:00 there).
  expect(await database.db.select().from(dailyRecords).where(eq(dailyRecords.communityId, quiet))).toHaveLength(0);

  clock.advance(5 * 3600_000); // 2026-05-10T18:00Z: 02:00 on 11 May in Shanghai, 18:00 in UTC
  await Promise.all([a.tick(), b.tick()]);
  await send();
  expect(telegram.sent(GROUP)).toHaveLength(1);
  expect(await database.db.select().from(dailyRecords).where(eq(dailyRecords.communityId, quiet))).toMatchObject([{ day: "2026-05-10" }]);

  clock.advance(16 * 3600_000); // 11 May 18:00 in Shanghai
  await Promise.all([a.tick(), b.tick()]);
  await send();
  expect(telegram.sent(GROUP)).toHaveLength(2);
  expect(telegram.lastText(GROUP)).toMatch(/^📋 幸福社区 日汇报 · 2026-05-11\n/);
});

it("a day's report that Telegram fails to take is sent again by the outbox, and the day is recorded once", async () => {
  const clock = new FakeClock(new Date("2026-05-12T10:00:00Z")); // 18:00 on 12 May in Shanghai
  const telegram = new FakeTelegram();
  telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
  const deps = { db: database.db, clock, logger: silentLogger, api: new Api(TEST_TOKEN, { fetch: telegram.fetch }), i18n: createI18n() };
  const runner = createJobRunner({ db: database.db, clock, logger: silentLogger, ...evaluationJobs(deps) });
  const outbox = createTestOutbox(database.db, telegram, clock);
  await runner.tick();
  await outbox.drain();
  expect(telegram.sent(GROUP)).toHaveLength(1); // the failed attempt
  const [job] = await database.db
    .select()
    .from(jobs)
    .where(eq(jobs.singletonKey, `${DAILY_REPORT_JOB}:${home}:2026-05-12`));
  expect(job).toMatchObject({ state: "completed" }); // recorded and handed to the outbox
  clock.advance(2_000);
  await runner.tick();
  await outbox.drain();
  expect(telegram.sent(GROUP)).toHaveLength(2);
  expect(telegram.lastText(GROUP)).toMatch(/^📋 幸福社区 日汇报 · 2026-05-12\n/);
  await outbox.drain();
  expect(telegram.sent(GROUP)).toHaveLength(2);
  expect(await database.db.select().from(dailyRecords).where(eq(dailyRecords.day, "2026-05-12"))).toHaveLength(1);
});

it("attaches the chart of the last 14 days once, after the text, even when the job is delivered twice", async () => {
  const clock = new FakeClock(new Date("2026-05-13T10:00:00Z")); // 18:00 on 13 May in Shanghai
  const { telegram, uploads } = telegramWithUploads();
  const deps = { db: database.db, clock, logger: silentLogger, api: new Api(TEST_TOKEN, { fetch: telegram.fetch }), i18n: createI18n() };
  const handle = dailyReportHandler(deps);
  const outbox = createTestOutbox(database.db, telegram, clock);
  // The first upload fails: the chart is tried again on its own, the text is not sent twice.
  telegram.failNext("sendPhoto", { error_code: 502, description: "Bad Gateway" });
  await handle({ communityId: home, day: "2026-05-13" }, { id: "j1", attempts: 1 });
  await handle({ communityId: home, day: "2026-05-13" }, { id: "j1", attempts: 2 }); // redelivered (a crash before the job was marked done)
  await outbox.drain();
  clock.advance(2_000);
  await outbox.drain();
  await handle({ communityId: home, day: "2026-05-13" }, { id: "j1", attempts: 3 });
  clock.advance(60_000);
  await outbox.drain();

  expect(telegram.calls.map((c) => c.method)).toEqual(["sendMessage", "sendPhoto", "sendPhoto"]);
  expect(telegram.lastText(GROUP)).toMatch(/^📋 幸福社区 日汇报 · 2026-05-13\n/);
  const sent = uploads.at(-1)!;
  expect(sent).toMatchObject({ method: "sendPhoto", fields: { chat_id: String(GROUP), caption: "最近 14 天每天的上报（按类型）" } });
  expect(sent.files.map((f) => f.filename)).toEqual(["daily-2026-05-13.png"]);
  const png = sent.files[0]!.bytes;
  expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
  expect(pngSize(png).width).toBe(1664);
  expect(png.length).toBeGreaterThan(10_000);
});

it("sends no chart for a community with no report in the last 14 days", async () => {
  const clock = new FakeClock(new Date("2026-07-01T10:00:00Z"));
  const { telegram } = telegramWithUploads();
  const deps = { db: database.db, clock, logger: silentLogger, api: new Api(TEST_TOKEN, { fetch: telegram.fetch }), i18n: createI18n() };
  await dailyReportHandler(deps)({ communityId: home, day: "2026-07-01" }, { id: "j2", attempts: 1 });
  await createTestOutbox(database.db, telegram, clock).drain();
  expect(telegram.calls.map((c) => c.method)).toEqual(["sendMessage"]);
});

it("takes the hour as an option, and refuses one that is not an hour", () => {
  const deps = { db: database.db, clock: new FakeClock(), logger: silentLogger, api: new Api(TEST_TOKEN), i18n: createI18n() };
  expect(Object.keys(evaluationJobs(deps, { dailyReportHour: 7 }).handlers)).toEqual([DAILY_REPORT_JOB]);
  expect(() => evaluationJobs(deps, { dailyReportHour: 24 })).toThrow(RangeError);
});
