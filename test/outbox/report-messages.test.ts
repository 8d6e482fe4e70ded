import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { areas, communities, outboxMessages, reports } from "../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../helpers/harness.js";

/** What the bot sends on its own about reports goes through the outbox, through the real bot. */
let database: TestDatabase;
let home: number;
const STAFF = 7101;
const INSPECTOR = 7102;
const u = updates();
const group = u.group(-100_7100);
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
  await database.db
    .insert(areas)
    .values({ communityId: home, name: "North", centerLatitude: 31.5, centerLongitude: 121.5, radiusMeters: 2000, responsibleUserId: INSPECTOR });
});
afterAll(() => database.close());

/** A resident's report through the conversation, without sending the outbox (as a process killed right after). */
async function fileUnsent(h: Harness, userId: number, latitude: number): Promise<number> {
  const user = u.user(userId, { languageCode: "en" });
  await h.bot.handleUpdate(u.command(user, "report"));
  await h.bot.handleUpdate(u.callback(user, h.telegram.lastButtons(userId)[0]!.data!));
  await h.bot.handleUpdate(u.text(user, "Garbage by the gate"));
  await h.bot.handleUpdate(u.callback(user, "rdone"));
  await h.bot.handleUpdate(u.location(user, latitude, 121.5));
  await h.bot.handleUpdate(u.callback(user, "rsum:confirm"));
  const [row] = await database.db.select().from(reports).where(eq(reports.reporterId, userId));
  return row!.id;
}

it("a staff card and a resident's notice written before a kill are sent once by the next instance", async () => {
  const first = createHarness({ db: database.db });
  const id = await fileUnsent(first, 7200, 31.501);
  await first.bot.handleUpdate(u.callback(u.user(STAFF, { languageCode: "en" }), `sc:${id}:accept`, 1, group));
  // Killed here: the report and its change are committed, nothing of the outbox was sent.
  expect(first.telegram.sent(group.id)).toEqual([]);
  const pending = await database.db.select().from(outboxMessages).where(eq(outboxMessages.status, "pending"));
  expect(pending.map((m) => m.kind).sort()).toEqual(["report.status", "staff.card"]);

  const second = createHarness({ db: database.db });
  await second.flush();
  await second.flush();
  expect(second.telegram.sent(group.id).filter((c) => c.method === "sendMessage")).toHaveLength(1);
  expect(second.telegram.texts(7200)).toEqual([expect.stringContaining("has been accepted")]);
  // The card shows the report as it is when sent: already accepted.
  expect(second.telegram.lastText(group.id)).toContain("状态：已受理");
});

it("a report assigned automatically by area tells its inspector", async () => {
  await database.db.update(communities).set({ autoAssign: true }).where(eq(communities.id, home));
  const h = createHarness({ db: database.db });
  const id = await fileUnsent(h, 7300, 31.5);
  expect(await database.db.select({ status: reports.status, assigneeId: reports.assigneeId }).from(reports).where(eq(reports.id, id))).toEqual([
    { status: "assigned", assigneeId: INSPECTOR },
  ]);
  await h.flush();
  expect(h.telegram.texts(INSPECTOR)).toEqual([expect.stringContaining("New task")]);
  expect(h.telegram.lastButtons(INSPECTOR)).toEqual([expect.objectContaining({ data: `tk:${id}` })]);
  await database.db.update(communities).set({ autoAssign: false }).where(eq(communities.id, home));
});
