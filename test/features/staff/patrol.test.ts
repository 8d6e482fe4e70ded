import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communities, patrolPoints, patrols, reportCategories, reportEvents, reports } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const INSPECTOR = 6001;
const u = updates();
const group = u.group(-100_666);
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.update(communities).set({ staffGroupChatId: group.id }).where(eq(communities.id, home));
  await recordUser(database.db, { id: INSPECTOR, firstName: "Li", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: INSPECTOR, communityId: home, role: "inspector", grantedBy: null, at: new Date() });
});
afterAll(() => database.close());

/** Live location as Telegram sends it: a message with live_period, then edits of that message. */
function liveLocation(update: Update, date: number, edited: boolean): Update {
  const message = { ...update.message!, date, location: { latitude: 31.2, longitude: 121.4, live_period: 3600 } };
  return edited
    ? { update_id: update.update_id, edited_message: { ...message, edit_date: date } as never }
    : { update_id: update.update_id, message: message as never };
}

it("runs a patrol: route from live location, photo findings placed by it, a summary at the end", async () => {
  const h = createHarness({ db: database.db });
  const inspector = u.user(INSPECTOR, { languageCode: "en" });
  const now = () => Math.floor(h.clock.now().getTime() / 1000);
  await h.send(u.command(inspector, "patrol"));
  expect(h.telegram.lastText(INSPECTOR)).toMatch(/^🚶 Patrol started\./);

  await h.send(liveLocation(u.location(inspector, 0, 0), now(), false));
  h.clock.advance(60_000);
  await h.send(liveLocation(u.location(inspector, 0, 0), now(), true));
  expect(h.telegram.texts(INSPECTOR)).toHaveLength(1); // points are recorded silently

  await h.send(u.photo(inspector, { fileUniqueId: "shed-1", mediaGroupId: "alb" }));
  expect(h.telegram.lastText(INSPECTOR)).toBe("What is it? Tap a kind:");
  await h.send(u.photo(inspector, { fileUniqueId: "shed-2", mediaGroupId: "alb" }));
  const [shed] = await database.db.select().from(reportCategories).where(eq(reportCategories.code, "illegal-structure"));
  await h.send(u.callback(inspector, `rcat:${shed!.id}`));
  expect(h.telegram.lastText(INSPECTOR)).toBe("📌 Finding R-000001 recorded, accepted and assigned to you.");
  const [finding] = await database.db.select().from(reports);
  expect(finding).toMatchObject({ source: "patrol", status: "assigned", assigneeId: INSPECTOR, reporterId: INSPECTOR, latitude: 31.2 });
  expect((await database.db.select().from(reportEvents).where(eq(reportEvents.reportId, finding!.id))).map((e) => e.toStatus)).toEqual([
    "new",
    "accepted",
    "assigned",
  ]);
  const findingCard = h.telegram.calls.find((c) => c.payload.chat_id === group.id && c.method === "sendPhoto")?.payload.caption;
  expect(findingCard).toContain("状态：已派单");
  // A finding is its photo: no description line, and certainly not "hidden by staff".
  expect(findingCard).not.toContain("描述");

  // Long after the last point, a finding asks for its place.
  h.clock.advance(10 * 60_000);
  await h.send(u.photo(inspector, { fileUniqueId: "bin-1" }));
  await h.send(u.callback(inspector, `rcat:${shed!.id}`));
  expect(h.telegram.lastText(INSPECTOR)).toBe("Please send where it is (tap the button below).");
  await h.send(u.text(inspector, "near the gate"));
  expect(h.telegram.lastText(INSPECTOR)).toBe("Please send where it is (tap the button below).");
  await h.send(u.location(inspector, 31.21, 121.41));
  expect(h.telegram.lastText(INSPECTOR)).toBe("📌 Finding R-000002 recorded, accepted and assigned to you.");

  h.clock.advance(20 * 60_000);
  await h.send(u.command(inspector, "patrol"));
  expect(h.telegram.lastText(INSPECTOR)).toBe("✅ Patrol ended: 31 minutes, 2 findings, 2 route points.");
  expect(await database.db.select().from(patrolPoints)).toHaveLength(2);
  expect((await database.db.select().from(patrols))[0]?.endedAt).not.toBeNull();

  // Off patrol, a photo is just a photo.
  await h.send(u.photo(inspector, { fileUniqueId: "later" }));
  expect(h.telegram.lastText(INSPECTOR)).toBe("I did not understand that. Please choose what you would like to do:");
});

it("refuses /patrol to residents", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.command(u.user(6100, { languageCode: "en" }), "patrol"));
  expect(h.telegram.lastText(6100)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
  expect(await database.db.select().from(patrols).where(eq(patrols.inspectorId, 6100))).toEqual([]);
});
