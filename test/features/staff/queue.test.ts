import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { areas, reports } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const STAFF = 9001;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: STAFF, firstName: "Wang", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: STAFF, communityId: home, role: "staff", grantedBy: null, at: new Date() });
  await database.db.insert(areas).values({ communityId: home, name: "East", centerLatitude: 30, centerLongitude: 120, radiusMeters: 10_000 });
});
afterAll(() => database.close());

async function file(h: Harness, userId: number, categoryIndex: number, latitude: number) {
  const user = u.user(userId, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, h.telegram.lastButtons(userId)[categoryIndex]!.data!));
  await h.send(u.text(user, "Problem"));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, latitude, 120));
  await h.send(u.callback(user, "rsum:confirm"));
}

it("lists open reports for staff with filters and pages, and refuses residents", async () => {
  const h = createHarness({ db: database.db });
  for (let i = 0; i < 22; i++) await file(h, 9100 + i, i % 2, 30 + i * 0.002);
  await database.db.update(reports).set({ assigneeId: STAFF, status: "assigned" }).where(eq(reports.number, 1));
  const staff = u.user(STAFF, { languageCode: "en" });
  await h.send(u.command(staff, "queue"));
  const first = h.telegram.lastText(STAFF)!.split("\n");
  expect(first[0]).toBe("Open reports (page 1):");
  expect(first).toHaveLength(21);
  expect(first[1]).toMatch(/^• R-000022 /);
  const buttons = h.telegram.lastButtons(STAFF);
  expect(buttons.at(-1)).toMatchObject({ text: "Older ▶", data: "q:a:1" });
  await h.send(u.callback(staff, "q:a:1"));
  expect(h.telegram.lastText(STAFF)!.split("\n")).toHaveLength(3);

  await h.send(u.callback(staff, "q:m:0"));
  expect(h.telegram.lastText(STAFF)!.split("\n").slice(1)).toEqual([expect.stringMatching(/^• R-000001 .* · Assigned · User9001 · due/)]);
  await h.send(u.callback(staff, "q:u:0"));
  expect(h.telegram.lastText(STAFF)).not.toContain("R-000001 ");
  h.clock.advance(13 * 3600_000); // public toilets are due in 12 hours
  await h.send(u.callback(staff, "q:o:0"));
  const overdue = h.telegram.lastText(STAFF)!.split("\n").slice(1);
  expect(overdue).toHaveLength(11);
  expect(overdue.every((line) => line.startsWith("⏰"))).toBe(true);
  await h.send(u.callback(staff, "qf:r"));
  const east = h.telegram.callsOf("editMessageReplyMarkup").at(-1)!.payload.reply_markup.inline_keyboard.flat()[0];
  expect(east.text).toBe("East");
  await h.send(u.callback(staff, east.callback_data));
  expect(h.telegram.lastText(STAFF)!.split("\n").length).toBeGreaterThan(1);
  await h.send(u.callback(staff, "q:zzz:0"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true });

  await h.send(u.command(u.user(9100, { languageCode: "en" }), "queue"));
  expect(h.telegram.lastText(9100)).toBe("Sorry, you are not allowed to do this. Please contact the community staff if you need it.");
});
