import { Api } from "grammy";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { processedUpdates, reportCategories, reports } from "../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../src/features/accounts/service.js";
import { applyReportAction } from "../../src/features/reports/actions.js";
import { createReport } from "../../src/features/reports/service.js";
import { createI18n } from "../../src/i18n.js";
import { appJobs } from "../../src/jobs/app-jobs.js";
import { jobs } from "../../src/jobs/job-table.js";
import { createJobRunner } from "../../src/jobs/runner.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeTelegram, TEST_TOKEN } from "../helpers/fake-telegram.js";
import { createTestOutbox, FakeClock, seedDefaultCommunity } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it("closes reports left unanswered for REPORT_AUTO_CLOSE_DAYS and tells the reporter, once per hour at most", async () => {
  const clock = new FakeClock(new Date("2026-05-01T02:00:00Z"));
  const community = await seedDefaultCommunity(database.db);
  const [category] = await database.db.select().from(reportCategories).limit(1);
  await recordUser(database.db, { id: 70, firstName: "Resident", languageCode: "en" }, clock.now());
  await recordUser(database.db, { id: 71, firstName: "Staff" }, clock.now());
  await grantRole(database.db, { userId: 71, communityId: community.id, role: "staff", grantedBy: null, at: clock.now() });
  const created = await createReport(
    database.db,
    {
      clientKey: "k1",
      communityId: community.id,
      reporterId: 70,
      categoryId: category!.id,
      description: "x",
      voiceFileId: null,
      photos: [],
      location: null,
      address: "gate",
      areaId: null,
      anonymous: false,
    },
    { dailyLimit: 10, duplicateRadiusMeters: 50, duplicateWindowDays: 14 },
    clock.now(),
  );
  if (!created.ok) throw new Error("setup");
  for (const action of ["accept", "resolve"] as const) {
    await applyReportAction(database.db, { reportId: created.reportId, action, actor: { userId: 71 }, note: "done" }, clock.now());
  }

  const telegram = new FakeTelegram();
  const i18n = createI18n();
  const setup = appJobs({
    db: database.db,
    clock,
    logger: silentLogger,
    api: new Api(TEST_TOKEN, { fetch: telegram.fetch }),
    i18n,
    config: { REPORT_AUTO_CLOSE_DAYS: 3 },
  });
  const runner = createJobRunner({ db: database.db, clock, logger: silentLogger, ...setup });

  clock.advance(2 * 86_400_000);
  await runner.tick();
  expect((await database.db.select().from(reports).where(eq(reports.id, created.reportId)))[0]?.status).toBe("resolved");
  await runner.tick(); // same hour: no second auto-close job
  expect(await database.db.select().from(jobs).where(eq(jobs.name, "reports.auto-close"))).toHaveLength(1);

  clock.advance(86_400_000 + 60_000);
  await runner.tick();
  expect((await database.db.select().from(reports).where(eq(reports.id, created.reportId)))[0]?.status).toBe("closed");
  // The notice went to the outbox with the closing; the outbox sender sends it.
  await createTestOutbox(database.db, telegram, clock).drain();
  expect(telegram.lastText(70)).toMatch(/^Your report R-000001,? is closed\./);
});

it("prunes the update ledger older than a week", async () => {
  const clock = new FakeClock(new Date("2026-06-01T00:00:00Z"));
  await database.db.insert(processedUpdates).values([
    { botId: 1, updateId: 1, status: "done", claimedAt: new Date("2026-05-20T00:00:00Z") },
    { botId: 1, updateId: 2, status: "done", claimedAt: new Date("2026-05-30T00:00:00Z") },
  ]);
  const setup = appJobs({
    db: database.db,
    clock,
    logger: silentLogger,
    api: new Api(TEST_TOKEN, { fetch: new FakeTelegram().fetch }),
    i18n: createI18n(),
    config: { REPORT_AUTO_CLOSE_DAYS: 3 },
  });
  await createJobRunner({ db: database.db, clock, logger: silentLogger, ...setup }).tick();
  expect((await database.db.select().from(processedUpdates)).map((r) => r.updateId)).toEqual([2]);
});
