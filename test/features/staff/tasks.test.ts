import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communities, reportPhotos, reports } from "../../../src/db/schema/index.js";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const STAFF = 4001;
const INSPECTOR = 4002;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, role] of [
    [STAFF, "staff"],
    [INSPECTOR, "inspector"],
  ] as const) {
    await recordUser(database.db, { id, firstName: role, languageCode: "en" }, new Date());
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: new Date() });
  }
});
afterAll(() => database.close());

async function assignedReport(h: Harness, reporter: number, categoryIndex: number, latitude: number): Promise<number> {
  const user = u.user(reporter, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, h.telegram.lastButtons(reporter)[categoryIndex]!.data!));
  await h.send(u.text(user, "Problem"));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, latitude, 121));
  await h.send(u.callback(user, "rsum:confirm"));
  const [row] = await database.db.select().from(reports).where(eq(reports.reporterId, reporter)).orderBy(desc(reports.id)).limit(1);
  const { workflow } = createReportServices({ db: database.db, clock: h.clock, logger: silentLogger });
  await workflow.assign(row!.id, { userId: STAFF }, INSPECTOR);
  await h.flush();
  return row!.id;
}

it("lists an inspector's tasks overdue first, and takes one from start to resolved with a note and after-photo", async () => {
  const h = createHarness({ db: database.db });
  const slow = await assignedReport(h, 4100, 5, 30.1); // "other": 72 h
  const urgent = await assignedReport(h, 4101, 1, 30.2); // public toilet: 12 h
  h.clock.advance(13 * 3600_000);
  const inspector = u.user(INSPECTOR, { languageCode: "en" });
  await h.send(u.command(inspector, "tasks"));
  const list = h.telegram.lastText(INSPECTOR)!;
  expect(list.split("\n")[0]).toBe("Your tasks (2, overdue first):");
  expect(list.split("\n")[1]).toMatch(/^⏰ R-000002 🚻 Public toilet · Assigned · due/);
  expect(list.split("\n")[2]).toMatch(/^• R-000001 📝 Other problem · Assigned · due/);
  expect(h.telegram.lastButtons(INSPECTOR).map((b) => b.data)).toEqual([`tk:${urgent}`, `tk:${slow}`]);

  await h.send(u.callback(inspector, `tk:${urgent}`));
  expect(h.telegram.lastButtons(INSPECTOR).map((b) => b.data)).toEqual([
    `ti:${urgent}:start`,
    `ti:${urgent}:resolve`,
    `ti:${urgent}:extend`,
    `ti:${urgent}:handback`,
  ]);
  await h.send(u.callback(inspector, `ti:${urgent}:start`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.text).toBe("R-000002 is in progress; the reporter has been told.");
  // The task's message now says "in progress" and offers what comes next, in place.
  const started = h.telegram.callsOf("editMessageText").at(-1)!.payload;
  expect(started.text).toContain("Status: In progress");
  expect(started.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data)).toEqual([
    `ti:${urgent}:resolve`,
    `ti:${urgent}:extend`,
    `ti:${urgent}:handback`,
  ]);
  expect(h.telegram.lastText(4101)).toBe("Your report R-000002 is being worked on.");

  await h.send(u.callback(inspector, `ti:${urgent}:resolve`));
  expect(h.telegram.lastText(INSPECTOR)).toBe("Briefly, how was R-000002 dealt with (at most 500 characters)?\nOr tap a standard reply below:");
  expect(h.telegram.lastButtons(INSPECTOR).map((b) => b.text)).toEqual([
    "Cleaned up.",
    "Removed according to the rules.",
    "Repaired and back in use.",
    "Cancel",
  ]);
  await h.send(u.text(inspector, "x".repeat(501)));
  expect(h.telegram.lastText(INSPECTOR)).toBe("That is too long. Please shorten it to at most 500 characters.");
  await h.send(u.text(inspector, "Unblocked and cleaned"));
  await h.send(u.photo(inspector, { fileUniqueId: "after-urgent" }));
  await h.send(u.callback(inspector, "rdone"));
  expect(h.telegram.lastText(INSPECTOR)).toBe("✅ R-000002 is marked as dealt with; the reporter has been asked to confirm.");
  expect((await database.db.select().from(reports).where(eq(reports.id, urgent)))[0]).toMatchObject({
    status: "resolved",
    resolutionNote: "Unblocked and cleaned",
  });
  expect(await database.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, urgent))).toMatchObject([
    { kind: "resolution", fileUniqueId: "after-urgent" },
  ]);
  expect(h.telegram.callsOf("sendPhoto").at(-1)?.payload).toMatchObject({ chat_id: 4101, photo: "large-after-urgent" });
});

it("lets the assignee hand a task back, and refuses tasks to residents", async () => {
  const h = createHarness({ db: database.db });
  const id = await assignedReport(h, 4102, 0, 30.3);
  await h.send(u.callback(u.user(INSPECTOR, { languageCode: "en" }), `ti:${id}:handback`));
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]).toMatchObject({ status: "accepted", assigneeId: null });
  expect(h.telegram.callbackAnswers().at(-1)?.payload.text).toBe("R-000003 has been handed back to community staff.");
  // No longer theirs: the message shows it back with staff, without buttons.
  const handedBack = h.telegram.callsOf("editMessageText").at(-1)!.payload;
  expect(handedBack.text).toContain("Status: Accepted");
  expect(handedBack.reply_markup.inline_keyboard.flat()).toEqual([]);
  await h.send(u.command(u.user(4103, { languageCode: "en" }), "tasks"));
  expect(h.telegram.lastText(4103)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
  await h.send(u.callback(u.user(4103, { languageCode: "en" }), `ti:${id}:start`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
});

it("lets the assignee ask for more time; staff approve in the group and the new deadline holds", async () => {
  const group = u.group(-100_4444);
  await database.db.update(communities).set({ staffGroupChatId: group.id }).where(eq(communities.id, home));
  const h = createHarness({ db: database.db });
  const id = await assignedReport(h, 4104, 1, 30.4); // public toilet: 12 h
  const before = (await database.db.select().from(reports).where(eq(reports.id, id)))[0]!.deadlineAt!;
  const inspector = u.user(INSPECTOR, { languageCode: "en", firstName: "Li" });
  await h.send(u.callback(inspector, `ti:${id}:extend`));
  expect(h.telegram.lastText(INSPECTOR)).toBe("Why does R-000004 need more time? Briefly:");
  await h.send(u.text(inspector, "Waiting for the contractor"));
  await h.send(u.callback(inspector, "exth:48"));
  expect(h.telegram.lastText(INSPECTOR)).toBe("Your request for more time on R-000004 has gone to staff; you will hear their answer.");
  const request = h.telegram
    .callsOf("sendMessage")
    .filter((c) => c.payload.chat_id === group.id)
    .at(-1)!.payload;
  expect(request.text).toMatch(/^⏳ Li 申请将 R-000004 延期 48 小时（至 2026-05-0\d \d\d:\d\d）。理由：Waiting for the contractor$/);
  const approve = request.reply_markup.inline_keyboard.flat()[0].callback_data as string;

  // A resident cannot decide; staff can, once.
  await h.send(u.callback(u.user(4105, { languageCode: "en" }), approve, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.callback(u.user(STAFF, { languageCode: "en", firstName: "Wang" }), approve, 1, group));
  const after = (await database.db.select().from(reports).where(eq(reports.id, id)))[0]!.deadlineAt!;
  expect(after.getTime() - before.getTime()).toBe(48 * 3600_000);
  expect(h.telegram.lastText(INSPECTOR)).toMatch(/^✅ More time on R-000004 was approved: the new deadline is/);
  await h.send(u.callback(u.user(STAFF, { languageCode: "en" }), approve, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("no longer valid") });
});
