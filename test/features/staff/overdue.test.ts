import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communities, reportCategories, reports } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { appJobs } from "../../../src/jobs/app-jobs.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const STAFF = 5001;
const INSPECTOR = 5002;
const group = updates().group(-100_555);
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.update(communities).set({ staffGroupChatId: group.id }).where(eq(communities.id, home));
  for (const [id, role] of [
    [STAFF, "staff"],
    [INSPECTOR, "inspector"],
  ] as const) {
    await recordUser(database.db, { id, firstName: role, languageCode: "en" }, new Date());
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: new Date() });
  }
});
afterAll(() => database.close());

it("reminds the assignee and tells the staff group once when a report passes its deadline", async () => {
  const h = createHarness({ db: database.db });
  const u = updates();
  const resident = u.user(5100, { languageCode: "en" });
  const [toilet] = await database.db.select().from(reportCategories).where(eq(reportCategories.code, "public-toilet"));
  await h.send(u.command(resident, "report"));
  await h.send(u.callback(resident, `rcat:${toilet!.id}`));
  await h.send(u.text(resident, "Toilet blocked"));
  await h.send(u.callback(resident, "rdone"));
  await h.send(u.text(resident, "Public toilet at the market"));
  await h.send(u.callback(resident, "rsum:confirm"));
  const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, 5100));
  await h.send(u.callback(u.user(STAFF, { languageCode: "en" }), `sc:${report!.id}:assign`, 1, group));
  await h.send(u.callback(u.user(STAFF, { languageCode: "en" }), `sa:${report!.id}:${INSPECTOR}`, 1, group));
  h.telegram.clear();

  const jobs = () =>
    createJobRunner({
      db: database.db,
      clock: h.clock,
      logger: silentLogger,
      ...appJobs({ db: database.db, clock: h.clock, logger: silentLogger, api: h.bot.api, i18n: h.i18n, config: { REPORT_AUTO_CLOSE_DAYS: 3 } }),
    });
  h.clock.advance(11 * 3600_000);
  await jobs().tick();
  const overdueNotices = () => h.telegram.texts().filter((t) => t.includes("Overdue") || t.includes("督办"));
  expect(overdueNotices()).toEqual([]);

  h.clock.advance(3600_000 + 5 * 60_000);
  await Promise.all([jobs().tick(), jobs().tick()]);
  await h.flush();
  expect(h.telegram.texts(INSPECTOR)).toEqual([expect.stringMatching(/^⏰ Overdue: R-000001 passed its deadline \(2026-05-01 22:\d\d\)/)]);
  expect(h.telegram.lastButtons(INSPECTOR)[0]).toMatchObject({ data: `tk:${report!.id}` });
  const notice = h.telegram.callsOf("sendMessage").find((c) => c.payload.chat_id === group.id && String(c.payload.text).includes("督办"))!;
  expect(notice.payload.text).toMatch(/^⏰ 督办：R-000001 已超过处理期限/);
  expect(notice.payload.reply_parameters.message_id).toBeGreaterThan(0);

  h.clock.advance(10 * 60_000);
  await jobs().tick();
  await h.flush();
  expect(h.telegram.texts(INSPECTOR)).toHaveLength(1);
  expect(overdueNotices()).toHaveLength(2);
});
