import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createReportServices } from "../../../src/features/staff/report-services.js";
import { areas, auditLog, communities, reportCategories, reportEvents, reports, users } from "../../../src/db/schema/index.js";
import { silentLogger } from "../../../src/logger.js";
import { bindStaffGroup } from "../../../src/features/staff/staff-group.js";
import { ensureCommunity, grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";
import { fileReport as fileReportAs } from "../../helpers/reports.js";

let database: TestDatabase;
let home: number;
const ADMIN = 2001;
const STAFF = 2002;
const INSPECTOR = 2003;
const LEAD = 2004;
const u = updates();
const group = u.group(-100_777);

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  const at = new Date();
  for (const [id, role, name] of [
    [ADMIN, "admin", "Admin"],
    [STAFF, "staff", "Wang"],
    [INSPECTOR, "inspector", "Li"],
    [LEAD, "inspector", "Zhao"],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: "en" }, at);
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at });
  }
  await database.db
    .insert(areas)
    .values({ communityId: home, name: "North", centerLatitude: 31.5, centerLongitude: 121.5, radiusMeters: 2000, responsibleUserId: LEAD });
});
afterAll(() => database.close());

const fileReport = (h: Harness, userId: number, latitude: number, photo = true) => fileReportAs(h, database.db, u, userId, latitude, { photo });

const cardCalls = (h: Harness) => h.telegram.calls.filter((c) => c.payload.chat_id === group.id);

it("lets staff bind the staff group (residents are refused politely), audits it, and says where in private", async () => {
  const h = createHarness({ db: database.db });
  const resident = u.user(2190, { languageCode: "en" });
  const refusal = "Sorry, you are not allowed to do this. Please contact the community staff if you need it.";
  await h.send(u.text(resident, "/bindgroup", group));
  expect(h.telegram.lastText(group.id)).toBe(refusal);
  // In private too, the same refusal as any staff command, not "I do not know that command".
  await h.send(u.command(resident, "bindgroup"));
  expect(h.telegram.lastText(2190)).toBe(refusal);
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Wang" });
  await h.send(u.command(staff, "bindgroup"));
  expect(h.telegram.lastText(STAFF)).toBe("Send /bindgroup in the staff group itself (add me to the group first); new reports will then appear there.");
  expect((await database.db.select().from(communities).where(eq(communities.id, home)))[0]?.staffGroupChatId).toBeNull();

  await h.send(u.text(staff, "/bindgroup", group));
  expect(h.telegram.lastText(group.id)).toBe("✅ This group is now the community's staff group; new reports will appear here.");
  expect((await database.db.select().from(communities).where(eq(communities.id, home)))[0]?.staffGroupChatId).toBe(group.id);
  expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "staff-group.bind"))).toMatchObject([
    { actorId: STAFF, after: { chatId: group.id } },
  ]);
});

it("posts each new report to the staff group as a card with photo, location and buttons", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 2100, 31.5);
  const [card, location] = cardCalls(h);
  expect(card?.method).toBe("sendPhoto");
  expect(card?.payload.caption).toContain("状态：已提交");
  expect(card?.payload.caption).toContain("描述：Garbage by the gate");
  expect(card?.payload.caption).toContain("网格：North");
  expect(card?.payload.caption).toContain("上报人：User2100");
  expect(card?.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data)).toEqual([
    `sc:${id}:accept`,
    `sc:${id}:assign`,
    `sc:${id}:reject`,
    `sc:${id}:dup`,
  ]);
  expect(location).toMatchObject({ method: "sendLocation", payload: { latitude: 31.5, longitude: 121.5 } });
});

it("keeps an anonymous reporter's name off the card", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(2101, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, h.telegram.lastButtons(2101)[0]!.data!));
  await h.send(u.text(user, "Noise at night"));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, 31.501, 121.5));
  await h.send(u.callback(user, "rsum:anonymous"));
  await h.send(u.callback(user, "rsum:confirm"));
  const card = cardCalls(h).find((c) => c.method === "sendMessage");
  expect(card?.payload.text).toContain("上报人：匿名");
  expect(card?.payload.text).not.toContain("User2101");
});

it("lets staff accept, assign (area lead first), and edits the card in place each time", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 2102, 31.502);
  const staff = u.user(STAFF, { languageCode: "en" });
  h.telegram.clear();

  await h.send(u.callback(staff, `sc:${id}:accept`, 1, group));
  const edit = h.telegram.callsOf("editMessageCaption").at(-1)!.payload;
  expect(edit.caption).toContain("状态：已受理");
  expect(edit.caption).toContain("最近：Wang · 已受理");
  expect(h.telegram.lastText(2102)).toContain("has been accepted");

  await h.send(u.callback(staff, `sc:${id}:assign`, 1, group));
  const choices = h.telegram.callsOf("editMessageReplyMarkup").at(-1)!.payload.reply_markup.inline_keyboard.flat();
  expect(choices.map((b: { text: string }) => b.text)).toEqual(["⭐ Zhao（网格负责人）", "Li", "Wang", "◀ 返回"]);
  await h.send(u.callback(staff, `sa:${id}:${LEAD}`, 1, group));
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]).toMatchObject({ status: "assigned", assigneeId: LEAD });
  expect(h.telegram.callsOf("editMessageCaption").at(-1)!.payload.caption).toContain("处理人：Zhao");
  expect(h.telegram.lastText(LEAD)).toBe("📌 New task: R-000003 is now yours.");
  expect(h.telegram.lastText(2102)).toContain("has been given to an inspector");
});

it("asks for the reason before rejecting, and for the number before marking a duplicate", async () => {
  const h = createHarness({ db: database.db });
  const first = await fileReport(h, 2103, 31.503, false);
  const second = await fileReport(h, 2104, 31.504, false);
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Wang" });
  const [firstRow] = await database.db.select().from(reports).where(eq(reports.id, first));

  await h.send(u.callback(staff, `sc:${second}:dup`, 1, group));
  expect(h.telegram.lastText(group.id)).toBe("Wang, which report is R-000005 a duplicate of? Reply with its number, e.g. R-000123:");
  await h.send(u.text(staff, "not a number", group));
  expect(h.telegram.lastText(group.id)).toBe("Please reply with a report number, e.g. R-000123.");
  await h.send(u.text(staff, `R-${String(firstRow!.number).padStart(6, "0")}`, group));
  expect((await database.db.select().from(reports).where(eq(reports.id, second)))[0]).toMatchObject({ status: "duplicate", duplicateOfId: first });
  expect(h.telegram.lastText(2104)).toBe(`Your report R-000005 is the same problem as R-000004; it will be handled there.`);

  await h.send(u.callback(staff, `sc:${first}:reject`, 1, group));
  // Standard replies are offered in the presser's language; a typed reason works too.
  expect(
    h.telegram
      .lastKeyboard(group.id)
      ?.payload.reply_markup.inline_keyboard.flat()
      .map((b: { text: string }) => b.text),
  ).toEqual([
    "Not within this community's remit; passed on to the department responsible.",
    "Not enough information to verify; please report again with a photo and the place.",
    "A matter inside private property; please contact the property management.",
    "Cancel",
  ]);
  await h.send(u.text(staff, "Not in our community", group));
  expect((await database.db.select().from(reports).where(eq(reports.id, first)))[0]).toMatchObject({
    status: "rejected",
    rejectionReason: "Not in our community",
  });
  expect(h.telegram.lastText(2103)).toBe("Your report R-000004 was not accepted. Reason: Not in our community");
  expect(h.telegram.callsOf("editMessageText").at(-1)!.payload.text).toContain("状态：未受理");
});

it("sends a standard reply to the resident in the resident's own language", async () => {
  const h = createHarness({ db: database.db });
  const resident = u.user(2110, { languageCode: "zh-hans" });
  await h.send(u.command(resident, "report"));
  await h.send(u.callback(resident, h.telegram.lastButtons(2110)[0]!.data!));
  await h.send(u.text(resident, "门口垃圾"));
  await h.send(u.callback(resident, "rdone"));
  await h.send(u.location(resident, 31.509, 121.5));
  await h.send(u.callback(resident, "rsum:confirm"));
  const [row] = await database.db.select().from(reports).where(eq(reports.reporterId, 2110));
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Wang" });
  await h.send(u.callback(staff, `sc:${row!.id}:reject`, 1, group));
  const outside = h.telegram.lastButtons(group.id)[0]!;
  await h.send(u.callback(staff, outside.data!, 1, group));
  expect(h.telegram.lastText(2110)).toMatch(/未被受理，原因：不属于本社区管辖范围，已转交相关部门。$/);
  expect((await database.db.select().from(reports).where(eq(reports.id, row!.id)))[0]?.rejectionReason).toBe("不属于本社区管辖范围，已转交相关部门。");
});

it("refuses card buttons to residents, inspectors and staff of another community", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 2105, 31.505, false);
  await h.send(u.callback(u.user(2105, { languageCode: "en" }), `sc:${id}:accept`, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });
  await h.send(u.callback(u.user(INSPECTOR, { languageCode: "en" }), `sc:${id}:accept`, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("not allowed") });
  await h.send(u.callback(u.user(STAFF, { languageCode: "en" }), `sa:${id}:999999`, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload.text).toContain("has changed in the meantime");
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("new");
  expect(await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id))).toHaveLength(1);
});

it("assigns a new report in an area to its lead automatically when the community turns that on", async () => {
  await database.db.update(communities).set({ autoAssign: true }).where(eq(communities.id, home));
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 2106, 31.507, false);
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]).toMatchObject({ status: "assigned", assigneeId: LEAD });
  expect(await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id))).toMatchObject([
    { toStatus: "new" },
    { toStatus: "assigned", actorId: null },
  ]);
  await database.db.update(communities).set({ autoAssign: false }).where(eq(communities.id, home));
});

it("closes a resolved report when a second staff member verifies it, never the one who resolved it", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 2108, 31.508, false);
  const [row] = await database.db.select().from(reports).where(eq(reports.id, id));
  // This category is verified by staff only, and needs an after-photo.
  await database.db.update(reportCategories).set({ verification: "staff", afterPhotoRequired: true }).where(eq(reportCategories.id, row!.categoryId));
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Wang" });
  const admin = u.user(ADMIN, { languageCode: "en", firstName: "Admin" });
  await h.send(u.callback(staff, `sc:${id}:accept`, 1, group));
  const { workflow } = createReportServices({ db: database.db, clock: h.clock, logger: silentLogger });
  await expect(workflow.resolve(id, { userId: STAFF }, "Removed")).rejects.toMatchObject({ code: "photo-required" });
  await workflow.resolve(id, { userId: STAFF }, "Removed", [{ fileId: "after", fileUniqueId: "uafter-2108" }]);
  await h.flush();
  // Staff verify: the resident is not asked "is it fixed?".
  expect(h.telegram.callsOf("sendPhoto").at(-1)?.payload.reply_markup).toBeUndefined();
  expect(
    h.telegram
      .callsOf("editMessageText")
      .at(-1)
      ?.payload.reply_markup.inline_keyboard.flat()
      .map((b: { callback_data: string }) => b.callback_data),
  ).toEqual([`sc:${id}:verify`, `sc:${id}:reopen`]);
  await h.send(u.callback(staff, `sc:${id}:verify`, 1, group));
  const label = `R-${String(row!.number).padStart(6, "0")}`;
  expect(h.telegram.lastText(group.id)).toBe(`${label} must be verified by another staff member, not the one who resolved it.`);
  await h.send(u.callback(u.user(2108, { languageCode: "en" }), `rfix:${id}:yes`));
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("resolved");
  await h.send(u.callback(admin, `sc:${id}:verify`, 1, group));
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("closed");
  expect(h.telegram.lastText(2108)).toBe(`Your report ${label} is closed. Thank you!`);
  await database.db.update(reportCategories).set({ verification: "either", afterPhotoRequired: false }).where(eq(reportCategories.id, row!.categoryId));
});

// Last: a second community changes how new residents join, so it comes after the others.
it("keeps communities apart: one group per community, no card buttons for another community's staff", async () => {
  const h = createHarness({ db: database.db });
  const id = await fileReport(h, 2107, 31.506, false);
  const other = await ensureCommunity(database.db, { slug: "other", name: "Other", timezone: "Asia/Shanghai" });
  expect(await bindStaffGroup(database.db, { communityId: other.id, chatId: group.id, actorId: ADMIN, at: new Date() })).toEqual({
    ok: false,
    reason: "bound-elsewhere",
  });
  await recordUser(database.db, { id: 2200, firstName: "Outsider" }, new Date());
  await database.db.update(users).set({ communityId: other.id }).where(eq(users.id, 2200));
  await grantRole(database.db, { userId: 2200, communityId: other.id, role: "staff", grantedBy: null, at: new Date() });
  await h.send(u.callback(u.user(2200, { languageCode: "en" }), `sc:${id}:accept`, 1, group));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("not allowed") });
  expect((await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status).toBe("new");
});
