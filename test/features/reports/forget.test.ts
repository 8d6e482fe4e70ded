import { and, asc, eq, getTableName, inArray, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as schema from "../../../src/db/schema/index.js";
import {
  areas,
  auditLog,
  broadcasts,
  communities,
  conversationStates,
  dailyRecords,
  invites,
  patrolPoints,
  patrols,
  processedUpdates,
  outboxMessages,
  reportCards,
  reportRatings,
  reports,
  reportSupporters,
  userRoles,
  users,
} from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { recordDay, type DailyFigures } from "../../../src/features/evaluation/daily.js";
import { silentReportNotifier } from "../../../src/features/reports/notifier.js";
import { createReportWorkflow } from "../../../src/features/reports/workflow.js";
import { setAreaResponsible } from "../../../src/features/staff/areas.js";
import { createInvite, redeemInvite } from "../../../src/features/staff/invites.js";
import { silentLogger } from "../../../src/logger.js";
import { figuresOf } from "../../../src/features/broadcasts/figures.js";
import { broadcastRunner, newBroadcast } from "../broadcasts/helpers.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
let areaId: number;
const ADMIN = 4001;
const STAFF = 4002;
const NEIGHBOUR = 4400;
const VOLUNTEER = 4500;
/** The one who uses /forget: a resident who is also on the staff (roles, patrols, audit entries). */
const GONE = 4305;
/** Ends with the same digits as GONE: nothing of theirs may go with GONE's. */
const TWIN = 14305;
const u = updates();
const group = u.group(-100_888);
const gone = u.user(GONE, { firstName: "Gone", username: "gone_user", languageCode: "en" });
const twin = u.user(TWIN, { firstName: "Twin", languageCode: "en" });
const staff = u.user(STAFF, { firstName: "Wang", languageCode: "en" });

beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.update(communities).set({ staffGroupChatId: group.id }).where(eq(communities.id, home));
  const at = new Date("2026-05-01T01:00:00Z");
  for (const [id, name, role] of [
    [ADMIN, "Admin", "admin"],
    [STAFF, "Wang", "staff"],
    [GONE, "Gone", "staff"],
    [TWIN, "Twin", "staff"],
    [NEIGHBOUR, "Neighbour", null],
    [VOLUNTEER, "Vol", null],
  ] as const) {
    await recordUser(database.db, { id, firstName: name, languageCode: "en" }, at);
    if (role) await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at });
  }
  [{ id: areaId }] = (await database.db
    .insert(areas)
    .values({ communityId: home, name: "North", centerLatitude: 31.5, centerLongitude: 121.5, radiusMeters: 20_000 })
    .returning({ id: areas.id })) as [{ id: number }];
});
afterAll(() => database.close());

/** A resident files a report through the conversation (first category); returns its id. */
async function fileReport(h: Harness, user: ReturnType<typeof u.user>, latitude: number, options: { photo?: string; anonymous?: boolean } = {}) {
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, h.telegram.lastButtons(user.id)[0]!.data!));
  await h.send(u.text(user, "Rubbish heap by the gate"));
  if (options.photo) await h.send(u.photo(user, { fileUniqueId: options.photo }));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, latitude, 121.5));
  if (options.anonymous) await h.send(u.callback(user, "rsum:anonymous"));
  await h.send(u.callback(user, "rsum:confirm"));
  const [row] = await database.db.select().from(reports).where(eq(reports.latitude, latitude));
  return row!.id;
}

/** Live location as Telegram sends it: a message with live_period, then edits of it. */
function liveLocation(update: Update, date: number, edited: boolean): Update {
  const message = { ...update.message!, date, location: { latitude: 31.5, longitude: 121.5, live_period: 3600 } };
  return edited
    ? { update_id: update.update_id, edited_message: { ...message, edit_date: date } as never }
    : { update_id: update.update_id, message: message as never };
}

/**
 * Where a row still speaks of the person: their id as a value (anywhere in JSON too), as the
 * user part of a key (`…:4305`, `user:4305`), or their name or username.
 */
function mentionsOf(value: unknown, id: number, names: string[], path = ""): string[] {
  if (value === null || value === undefined || value instanceof Date) return [];
  if (typeof value === "number") return value === id ? [path] : [];
  if (typeof value === "string") {
    const asId = new RegExp(`(^|[:\\s])${id}$`).test(value) || value === String(id);
    return asId || names.some((n) => value.includes(n)) ? [`${path}=${value}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => mentionsOf(v, id, names, `${path}[${i}]`));
  if (typeof value === "object") return Object.entries(value).flatMap(([k, v]) => mentionsOf(v, id, names, path ? `${path}.${k}` : k));
  return [];
}

/** Every table of the schema, read whole: what is left of the person, as "table: where". */
async function leftovers(id: number, names: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const rows: unknown[] = await database.db.select().from(table);
    for (const row of rows) for (const where of mentionsOf(row, id, names)) found.push(`${getTableName(table)}: ${where}`);
  }
  return found;
}

it("leaves nothing of the person but anonymised reports, and edits their staff cards at once", async () => {
  const h = createHarness({ db: database.db });
  const workflow = createReportWorkflow({ db: database.db, clock: h.clock, notifier: silentReportNotifier, logger: silentLogger });
  const neighbour = u.user(NEIGHBOUR, { firstName: "Neighbour", languageCode: "en" });

  // Their reports: one named with a photo card, one anonymous (its card never showed them).
  const named = await fileReport(h, gone, 31.5, { photo: "heap-photo" });
  const anonymous = await fileReport(h, gone, 31.51, { anonymous: true });
  // A neighbour's reports: one they support and that staff assign to them, one they accepted last.
  const given = await fileReport(h, neighbour, 31.52);
  const accepted = await fileReport(h, neighbour, 31.53);
  await h.send(u.command(gone, "report"));
  await h.send(u.callback(gone, h.telegram.lastButtons(GONE)[0]!.data!));
  await h.send(u.text(gone, "Same heap"));
  await h.send(u.callback(gone, "rdone"));
  await h.send(u.location(gone, 31.5201, 121.5));
  await h.send(u.callback(gone, `rdup:${given}`));
  expect(h.telegram.lastText(GONE)).toContain("You now support");
  await h.send(u.callback(gone, `sc:${accepted}:accept`, 1, group));
  await h.send(u.callback(staff, `sc:${given}:accept`, 1, group));
  await h.send(u.callback(staff, `sc:${given}:assign`, 1, group));
  await h.send(u.callback(staff, `sa:${given}:${GONE}`, 1, group));
  expect((await database.db.select().from(reports).where(eq(reports.id, given)))[0]).toMatchObject({ status: "assigned", assigneeId: GONE });
  // Fixed: they close it and rate it.
  await workflow.accept(named, { userId: STAFF });
  await workflow.resolve(named, { userId: STAFF }, "Cleared");
  await h.send(u.callback(gone, `rfix:${named}:yes`));
  await h.send(u.callback(gone, `rrate:${named}:4`));
  expect(await database.db.select().from(reportRatings).where(eq(reportRatings.reportId, named))).toMatchObject([{ userId: GONE, stars: 4 }]);

  // As staff: a patrol under way (in the day's record), an invite, an area, a notice with its progress in their chat.
  const at = () => Math.floor(h.clock.now().getTime() / 1000);
  await h.send(u.command(staff, "patrol"));
  await h.send(u.command(staff, "patrol"));
  await h.send(u.command(gone, "patrol"));
  await h.send(liveLocation(u.location(gone, 0, 0), at(), false));
  h.clock.advance(60_000);
  await h.send(liveLocation(u.location(gone, 0, 0), at(), true));
  const [patrol] = await database.db.select().from(patrols).where(eq(patrols.inspectorId, GONE));
  expect(await database.db.select().from(patrolPoints).where(eq(patrolPoints.patrolId, patrol!.id))).toHaveLength(2);
  const { figures: before } = await recordDay(database.db, home, "2026-05-01", h.clock.now());
  expect(before.patrols.map((p) => p.inspectorName)).toEqual(["Wang", "Gone"]);
  const { token } = await createInvite(database.db, { communityId: home, role: "volunteer", createdBy: GONE, at: h.clock.now() });
  expect(await redeemInvite(database.db, { token, userId: VOLUNTEER, at: h.clock.now() })).toMatchObject({ ok: true });
  expect(await setAreaResponsible(database.db, { communityId: home, areaId, userId: GONE, actorId: ADMIN, at: h.clock.now() })).toBe(true);
  const notice = await newBroadcast(database.db, home, h.clock.now(), { createdBy: GONE, progressChatId: GONE });
  await broadcastRunner(database.db, h.clock, { paid: false, ratePerSecond: 25, quietHours: null }).tick();
  await h.flush();
  await broadcastRunner(database.db, h.clock, { paid: false, ratePerSecond: 25, quietHours: null }).tick();
  const recipientsBefore = await database.db.select().from(outboxMessages).where(eq(outboxMessages.bulkId, notice)).orderBy(asc(outboxMessages.userId));
  expect(recipientsBefore.filter((r) => r.userId === GONE)).toMatchObject([{ status: "sent" }]);
  const figuresBefore = await figuresOf(database.db, notice, h.clock.now());
  const auditBefore = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));

  // Conversations in progress: theirs in the staff group; the twin's there and in private.
  await h.send(u.callback(gone, `sc:${accepted}:reject`, 1, group));
  await h.send(u.callback(twin, `sc:${anonymous}:dup`, 1, group));
  await h.send(u.command(twin, "report"));
  const twinCategory = h.telegram.lastButtons(TWIN)[0]!.data!;
  const keys = async () => (await database.db.select({ key: conversationStates.key }).from(conversationStates)).map((r) => r.key).sort();
  expect(await keys()).toEqual([`${group.id}:${GONE}`, `${group.id}:${TWIN}`, `${TWIN}:${TWIN}`].sort());
  expect(await leftovers(GONE, ["Gone", "gone_user"])).not.toEqual([]);

  const cards = await database.db.select().from(reportCards);
  const cardOf = (reportId: number) => cards.find((c) => c.reportId === reportId)!;
  h.telegram.clear();
  await h.send(u.command(gone, "forget"));
  await h.send(u.callback(gone, "forget:yes"));
  expect(h.telegram.lastText(GONE)).toBe(
    "Your personal data has been deleted; 2 reports are kept anonymously. If you write to me again, you start as a new user.",
  );

  // Every card that showed them was edited at once, and now shows nobody; the anonymous one was left alone.
  const edits = [...h.telegram.callsOf("editMessageCaption"), ...h.telegram.callsOf("editMessageText")].filter((c) => c.payload.chat_id === group.id);
  const editOf = (reportId: number) => edits.filter((c) => c.payload.message_id === cardOf(reportId).messageId);
  expect(edits).toHaveLength(3);
  expect(editOf(named)).toMatchObject([{ method: "editMessageCaption" }]);
  expect(editOf(named)[0]!.payload.caption).toContain("上报人：匿名");
  expect(editOf(given)).toMatchObject([{ method: "editMessageText" }]);
  expect(editOf(given)[0]!.payload.text).not.toContain("处理人");
  expect(editOf(accepted)).toMatchObject([{ method: "editMessageText" }]);
  expect(editOf(accepted)[0]!.payload.text).toContain("最近：系统 · 已受理");
  expect(editOf(anonymous)).toEqual([]);
  for (const edit of edits) expect(JSON.stringify(edit.payload)).not.toMatch(/Gone|gone_user/);

  // Nothing of theirs in any table.
  expect(await leftovers(GONE, ["Gone", "gone_user"])).toEqual([]);
  // Their reports stay for the community, anonymised, with their rating.
  expect(await database.db.select().from(reports).where(eq(reports.id, named))).toMatchObject([
    { reporterId: null, anonymous: true, status: "closed", description: "Rubbish heap by the gate" },
  ]);
  expect(await database.db.select().from(reportRatings).where(eq(reportRatings.reportId, named))).toMatchObject([{ userId: null, stars: 4 }]);
  expect(await database.db.select().from(reports).where(eq(reports.id, given))).toMatchObject([{ reporterId: NEIGHBOUR, assigneeId: null }]);
  expect(await database.db.select().from(reportSupporters).where(eq(reportSupporters.reportId, given))).toEqual([]);
  // Their deliveries went; everyone else's stay, and the notice no longer reports to their chat.
  const recipientsAfter = await database.db.select().from(outboxMessages).where(eq(outboxMessages.bulkId, notice)).orderBy(asc(outboxMessages.userId));
  expect(recipientsAfter).toEqual(recipientsBefore.filter((r) => r.userId !== GONE));
  // The notice's figures lose their delivery: one fewer sent and in all, not one "skipped".
  const figuresAfter = await figuresOf(database.db, notice, h.clock.now());
  expect(figuresAfter).toMatchObject({
    total: figuresBefore.total - 1,
    sent: figuresBefore.sent - 1,
    skipped: figuresBefore.skipped,
    failed: figuresBefore.failed,
  });
  expect((await database.db.select().from(broadcasts).where(eq(broadcasts.id, notice)))[0]).toMatchObject({
    createdBy: null,
    progressChatId: null,
    status: "done",
  });
  // The route went; the patrol stays, ended now; the day's record keeps its figures without them.
  expect(await database.db.select().from(patrolPoints).where(eq(patrolPoints.patrolId, patrol!.id))).toEqual([]);
  expect((await database.db.select().from(patrols).where(eq(patrols.id, patrol!.id)))[0]).toMatchObject({ inspectorId: null, endedAt: h.clock.now() });
  const [record] = await database.db.select().from(dailyRecords).where(eq(dailyRecords.communityId, home));
  const after = record!.figures as DailyFigures;
  expect(after).toEqual({ ...before, patrols: [before.patrols[0], { ...before.patrols[1], inspectorId: null, inspectorName: null }] });
  // Roles they gave and invites they made stay, without them; the audit keeps every entry and says it was rewritten.
  expect(await database.db.select().from(userRoles).where(eq(userRoles.userId, VOLUNTEER))).toMatchObject([{ role: "volunteer", grantedBy: null }]);
  expect(await database.db.select().from(invites)).toMatchObject([{ createdBy: null, usedBy: VOLUNTEER }]);
  const auditAfter = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
  expect(auditAfter.map((a) => [a.action, a.at])).toEqual([...auditBefore.map((a) => [a.action, a.at]), ["user.forget", h.clock.now()]]);
  expect(auditAfter.find((a) => a.action === "invite.redeem")).toMatchObject({ actorId: VOLUNTEER, after: { role: "volunteer", invitedBy: null } });
  expect(auditAfter.at(-1)).toMatchObject({ communityId: home, actorId: null, after: { entries: 3 } });

  // The twin keeps both conversations, and carries on where they were.
  expect(await keys()).toEqual([`${group.id}:${TWIN}`, `${TWIN}:${TWIN}`].sort());
  expect(await database.db.select().from(users).where(eq(users.id, TWIN))).toHaveLength(1);
  await h.send(u.callback(twin, twinCategory));
  expect(h.telegram.lastText(TWIN)).toMatch(/^Step 2: what is wrong\?/);
});

it("does not fail /forget when a card cannot be edited, and logs it without the person", async () => {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const h = createHarness({ db: database.db, logger });
  const leaver = u.user(4777, { firstName: "Leaver", username: "leaver_user", languageCode: "en" });
  const id = await fileReport(h, leaver, 31.6);
  const card = (await database.db.select().from(reportCards).where(eq(reportCards.reportId, id)))[0]!;
  h.telegram.failNext("editMessageText", { error_code: 400, description: "Bad Request: message to edit not found" }, group.id);
  await h.send(u.command(leaver, "forget"));
  await h.send(u.callback(leaver, "forget:yes"));

  expect(h.telegram.lastText(4777)).toBe(
    "Your personal data has been deleted; one report is kept anonymously. If you write to me again, you start as a new user.",
  );
  expect(h.telegram.callsOf("editMessageText").filter((c) => c.payload.message_id === card.messageId && c.payload.chat_id === group.id)).toHaveLength(1);
  expect(await database.db.select().from(users).where(eq(users.id, 4777))).toEqual([]);
  expect(
    await database.db
      .select()
      .from(reports)
      .where(and(eq(reports.id, id), eq(reports.anonymous, true))),
  ).toHaveLength(1);
  // The card's edit is an outbox message: refused for good, it is given up and logged by kind.
  const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "outbox message given up");
  expect(failed).toMatchObject({ kind: "staff.card", failure: "telegram 400", attempts: 1 });
  expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, failed.message))).toMatchObject([
    { status: "failed", lastError: "telegram 400", payload: { reportId: id } },
  ]);
  const forgotten = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "user data forgotten on request");
  expect(forgotten).toMatchObject({ reportsAnonymised: 1, cardsRefreshed: 1 });
  for (const line of [failed, forgotten]) expect(JSON.stringify(line)).not.toMatch(/4777|Leaver|leaver_user|Rubbish/);
});

it("closes the person's updates still waiting for a retry, or parked, and drops what they wrote", async () => {
  const h = createHarness({ db: database.db });
  const leaver = u.user(4888, { firstName: "Waiting", languageCode: "en" });
  const other = u.user(4889, { firstName: "Stays", languageCode: "en" });
  await h.send(u.command(leaver, "start"));
  const waiting = u.text(leaver, "my words, waiting for a retry");
  const parked = u.callback(leaver, "rdone");
  const othersUpdate = u.text(other, "someone else's words");
  const row = (update: { update_id: number }, status: "failed" | "parked") => ({
    botId: h.bot.botInfo.id,
    updateId: update.update_id,
    status,
    claimedAt: h.clock.now(),
    claimedBy: "elsewhere",
    attempts: 1,
    payload: update,
  });
  await database.db.insert(processedUpdates).values([row(waiting, "failed"), row(parked, "parked"), row(othersUpdate, "failed")]);

  await h.send(u.command(leaver, "forget"));
  await h.send(u.callback(leaver, "forget:yes"));

  const rows = await database.db
    .select()
    .from(processedUpdates)
    .where(inArray(processedUpdates.updateId, [waiting.update_id, parked.update_id, othersUpdate.update_id]));
  const byId = new Map(rows.map((r) => [r.updateId, r]));
  expect(byId.get(waiting.update_id)).toMatchObject({ status: "done", payload: null });
  expect(byId.get(parked.update_id)).toMatchObject({ status: "done", payload: null });
  expect(byId.get(othersUpdate.update_id)).toMatchObject({ status: "failed", payload: othersUpdate });
});
