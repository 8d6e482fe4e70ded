import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversationStates, reports } from "../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../src/features/accounts/service.js";
import { bindStaffGroup } from "../../src/features/staff/staff-group.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../helpers/harness.js";
import { fileReport as fileReportAs } from "../helpers/reports.js";

// A staff member asked for a reason in the group may press other cards' buttons meanwhile: they
// reach their handlers and the question stays open, without growing the member's stored state.

let database: TestDatabase;
const STAFF = 1701;
const u = updates();
const group = u.group(-100_1701);
beforeAll(async () => {
  database = await createTestDatabase();
  const home = (await seedDefaultCommunity(database.db)).id;
  const at = new Date();
  await recordUser(database.db, { id: STAFF, firstName: "Wang", languageCode: "en" }, at);
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at });
  await bindStaffGroup(database.db, { communityId: home, chatId: group.id, actorId: STAFF, at });
});
afterAll(() => database.close());

const fileReport = (h: Harness, userId: number, latitude: number) => fileReportAs(h, database.db, u, userId, latitude);

const statusOf = async (id: number) => (await database.db.select().from(reports).where(eq(reports.id, id)))[0]?.status;
const stateBytes = async (key: string) =>
  Number(
    (
      await database.db
        .select({ bytes: sql<number>`octet_length(${conversationStates.value}::text)` })
        .from(conversationStates)
        .where(eq(conversationStates.key, key))
    )[0]?.bytes ?? 0,
  );

it("lets a member asked for a reason accept another card; another Reject waits with a toast; the reason then rejects", async () => {
  const h = createHarness({ db: database.db });
  const first = await fileReport(h, 1711, 31.61);
  const second = await fileReport(h, 1712, 31.62);
  const staff = u.user(STAFF, { languageCode: "en", firstName: "Wang" });
  const key = `${group.id}:${STAFF}`;

  await h.send(u.callback(staff, `sc:${first}:reject`, 1, group));
  expect(h.telegram.lastText(group.id)).toMatch(/^Wang, please reply with the reason for rejecting/);
  const asked = await stateBytes(key);
  h.telegram.clear();

  // Another card's Accept goes on to the card handler, answered once, and the question stays.
  await h.send(u.callback(staff, `sc:${second}:accept`, 2, group));
  expect(await statusOf(second)).toBe("accepted");
  expect(h.telegram.callbackAnswers()).toHaveLength(1);
  expect(await stateBytes(key)).toBe(asked);

  // Another card's Reject would be a second conversation: a toast points to the open question,
  // and the group is not filled with re-asks.
  h.telegram.clear();
  for (let i = 0; i < 20; i++) await h.send(u.callback(staff, `sc:${second}:reject`, 2, group));
  expect(h.telegram.callbackAnswers().map((a) => a.payload.text)).toEqual(
    Array(20).fill("First answer the question above about R-000001, or cancel it (its Cancel button, or /cancel)."),
  );
  expect(h.telegram.texts(group.id)).toEqual([]);
  expect(await stateBytes(key)).toBe(asked);

  await h.send(u.text(staff, "Not in our community", group));
  expect(await statusOf(first)).toBe("rejected");
  expect(await statusOf(second)).toBe("accepted");
  expect(await stateBytes(key)).toBe(0);
});
