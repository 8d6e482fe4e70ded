import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportRatings, reports, users } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

let database: TestDatabase;
let communityId: number;
const STAFF = 900;
const INSPECTOR = 901;
beforeAll(async () => {
  database = await createTestDatabase();
  communityId = (await seedDefaultCommunity(database.db)).id;
  const at = new Date();
  for (const [id, role] of [
    [STAFF, "staff"],
    [INSPECTOR, "inspector"],
  ] as const) {
    await recordUser(database.db, { id, firstName: role }, at);
    await grantRole(database.db, { userId: id, communityId, role, grantedBy: null, at });
  }
});
afterAll(() => database.close());
const u = updates();

/** Staff accept and resolve in one go, as the tests here only care about the resident's side. */
async function resolve(workflow: ReturnType<typeof workflowOf>, id: number, note: string) {
  await workflow.accept(id, { userId: STAFF });
  await workflow.resolve(id, { userId: STAFF }, note);
}

/** The report workflow as the bot has it, its outbox sent after each action as the sender would. */
function workflowOf(h: Harness) {
  const { workflow } = createReportServices({ db: database.db, clock: h.clock, logger: silentLogger });
  const flushed =
    <A extends unknown[], R>(action: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await action(...args);
      await h.flush();
      return result;
    };
  return {
    ...workflow,
    ...Object.fromEntries(Object.entries(workflow).map(([name, action]) => [name, flushed(action as (...args: unknown[]) => Promise<unknown>)])),
  } as typeof workflow;
}

/** A resident files a report through the conversation; returns its id. */
async function fileReport(h: Harness, userId: number, languageCode: string, latitude: number): Promise<number> {
  const user = u.user(userId, { languageCode });
  await h.send(u.command(user, "report"));
  const category = h.telegram.lastButtons(userId)[0]!.data!;
  await h.send(u.callback(user, category));
  await h.send(u.text(user, "Garbage"));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, latitude, 121.3));
  await h.send(u.callback(user, "rsum:confirm"));
  const [row] = await database.db.select().from(reports).where(eq(reports.reporterId, userId)).orderBy(desc(reports.id)).limit(1);
  return row!.id;
}

it("tells the reporter in their language at every step, then asks whether it is fixed", async () => {
  const h = createHarness({ db: database.db });
  const workflow = workflowOf(h);
  const id = await fileReport(h, 950, "en", 31.1);
  const zhId = await fileReport(h, 951, "zh-hans", 31.11);
  h.telegram.clear();

  await workflow.accept(id, { userId: STAFF });
  expect(h.telegram.lastText(950)).toBe("Your report R-000001 has been accepted by community staff.");
  await workflow.assign(id, { userId: STAFF }, INSPECTOR);
  expect(h.telegram.lastText(950)).toBe("Your report R-000001 has been given to an inspector.");
  await workflow.start(id, { userId: INSPECTOR });
  expect(h.telegram.lastText(950)).toBe("Your report R-000001 is being worked on.");
  await workflow.resolve(id, { userId: INSPECTOR }, "Cleared and disinfected", [{ fileId: "after-1", fileUniqueId: "uafter-1" }]);
  const resolved = h.telegram.callsOf("sendPhoto").at(-1)!.payload;
  expect(resolved).toMatchObject({
    chat_id: 950,
    photo: "after-1",
    caption: "Your report R-000001 has been dealt with: Cleared and disinfected\nIs it fixed?",
  });
  expect(resolved.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data)).toEqual([`rfix:${id}:yes`, `rfix:${id}:no`]);

  await workflow.reject(zhId, { userId: STAFF }, "不在本社区范围");
  expect(h.telegram.lastText(951)).toBe("您上报的问题 R-000002 未被受理，原因：不在本社区范围");
  await workflow.reopen(zhId, { userId: STAFF });
  expect(h.telegram.lastText(951)).toBe("您上报的问题 R-000002 已重新打开，工作人员会继续处理。");
  await workflow.markDuplicate(zhId, { userId: STAFF }, id);
  expect(h.telegram.lastText(951)).toBe("您上报的问题 R-000002 与 R-000001 是同一个问题，我们会在 R-000001 中一并处理。");
});

it("closes on 'fixed' and takes a rating; reopens on 'not fixed' with the resident's words and photo", async () => {
  const h = createHarness({ db: database.db });
  const workflow = workflowOf(h);
  const resident = u.user(952, { languageCode: "en" });
  const id = await fileReport(h, 952, "en", 31.12);
  await resolve(workflow, id, "Done");
  await h.send(u.callback(resident, `rfix:${id}:yes`));
  expect(h.telegram.lastText(952)).toBe("Great! R-000003 is closed. How well was it handled?");
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("closed");
  await h.send(u.callback(resident, `rrate:${id}:4`));
  expect(h.telegram.lastText(952)).toBe("Thank you for your rating: ⭐⭐⭐⭐");
  expect((await database.db.select().from(reportRatings).where(eq(reportRatings.reportId, id)))[0]?.stars).toBe(4);
  // The old Fixed button now only says it is stale.
  await h.send(u.callback(resident, `rfix:${id}:no`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: "This report has moved on; the button is no longer valid." });

  const second = await fileReport(h, 952, "en", 31.13);
  await resolve(workflow, second, "Done");
  await h.send(u.callback(resident, `rfix:${second}:no`));
  expect(h.telegram.texts(952).slice(-2)).toEqual([
    "Sorry that R-000004 is not fixed yet. Please tell us what is still wrong.",
    "What is still wrong? Type it or send a voice message.",
  ]);
  await h.send(u.text(resident, "Still smells"));
  await h.send(u.photo(resident, { fileUniqueId: "still-dirty" }));
  await h.send(u.callback(resident, "rdone"));
  expect(h.telegram.lastText(952)).toBe("R-000004 is back with staff. I will keep you posted.");
  const [row] = await database.db.select().from(reports).where(eq(reports.id, second));
  expect(row?.status).toBe("reopened");
});

it("does not let another resident answer or rate someone else's report", async () => {
  const h = createHarness({ db: database.db });
  const workflow = workflowOf(h);
  const id = await fileReport(h, 953, "en", 31.14);
  await resolve(workflow, id, "Done");
  const stranger = u.user(954, { languageCode: "en" });
  await h.send(u.callback(stranger, `rfix:${id}:yes`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.callback(stranger, `rrate:${id}:1`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("resolved");
});

it("tells supporters too, and closes by itself when the reporter does not answer in 3 days", async () => {
  const h = createHarness({ db: database.db });
  const workflow = workflowOf(h);
  const id = await fileReport(h, 955, "en", 31.15);
  // A neighbour reports the same spot and adds their voice instead.
  const neighbour = u.user(956, { languageCode: "en" });
  await h.send(u.command(neighbour, "report"));
  await h.send(u.callback(neighbour, h.telegram.lastButtons(956)[0]!.data!));
  await h.send(u.text(neighbour, "Same garbage"));
  await h.send(u.callback(neighbour, "rdone"));
  await h.send(u.location(neighbour, 31.15, 121.3));
  await h.send(u.callback(neighbour, `rdup:${id}`));

  await resolve(workflow, id, "Cleared");
  expect(h.telegram.lastText(956)).toBe("The report you support, R-000006, has been dealt with: Cleared\nThank you for caring!");
  expect(h.telegram.lastKeyboard(956)?.payload.text).not.toContain("Is it fixed?");

  h.clock.advance(2 * 86_400_000);
  expect(await workflow.autoCloseUnanswered(3)).toHaveLength(0);
  h.clock.advance(86_400_000 + 1000);
  const closed = await workflow.autoCloseUnanswered(3);
  expect(closed.map((c) => c.reportId)).toContain(id);
  expect(h.telegram.lastText(955)).toBe("Your report R-000006 is closed. Thank you!");
});

it("/my lists reports newest first in pages, and shows a report's history", async () => {
  const h = createHarness({ db: database.db });
  const workflow = workflowOf(h);
  const resident = u.user(957, { languageCode: "en" });
  const ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    ids.push(await fileReport(h, 957, "en", 31.2 + i * 0.01));
    h.clock.advance(60_000);
  }
  await workflow.accept(ids[5]!, { userId: STAFF });
  await h.send(u.command(resident, "my"));
  const first = h.telegram.lastText(957)!;
  expect(first.split("\n")[0]).toBe("Your reports (1–5 of 6):");
  expect(first.split("\n")[2]).toMatch(/^R-\d{6} 🗑️ Dirty spot or garbage pile · Accepted · 2026-05-01 1\d:\d\d$/);
  const buttons = h.telegram.lastButtons(957);
  expect(buttons.at(-1)).toMatchObject({ text: "Older ▶", data: "rmy:5" });
  await h.send(u.callback(resident, "rmy:5"));
  const edit = h.telegram.callsOf("editMessageText").at(-1)!.payload;
  expect(edit.text.split("\n")[0]).toBe("Your reports (6–6 of 6):");

  await h.send(u.callback(resident, `rview:${ids[5]}`));
  const detail = h.telegram.lastText(957)!;
  expect(detail).toContain("Status: Accepted");
  expect(detail).toContain("History:");
  expect(detail).toMatch(/• 2026-05-01 \d\d:\d\d Submitted\n• 2026-05-01 \d\d:\d\d Accepted$/);
  // Someone else's report cannot be opened with a forged button.
  await h.send(u.callback(u.user(958, { languageCode: "en" }), `rview:${ids[5]}`));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
});

it("/forget deletes the account data and keeps the reports anonymised", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 959, "en", 31.3);
  const resident = u.user(959, { languageCode: "en" });
  await h.send(u.command(resident, "forget"));
  await h.send(u.callback(resident, "forget:no"));
  expect(h.telegram.lastText(959)).toBe("All right, nothing was deleted.");
  await h.send(u.command(resident, "forget"));
  await h.send(u.callback(resident, "forget:yes"));
  expect(h.telegram.lastText(959)).toBe(
    "Your personal data has been deleted; one report is kept anonymously. If you write to me again, you start as a new user.",
  );
  expect(await database.db.select().from(users).where(eq(users.id, 959))).toHaveLength(0);
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]).toMatchObject({ reporterId: null, anonymous: true });
});
