import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reports } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { getReportForResident } from "../../../src/features/reports/resident-reads.js";
import { renderCard } from "../../../src/features/staff/card-view.js";
import { loadCardData } from "../../../src/features/staff/cards.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, role] of [
    [8001, "staff"],
    [8002, "admin"],
  ] as const) {
    await recordUser(database.db, { id, firstName: role, languageCode: "en" }, new Date());
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: new Date() });
  }
});
afterAll(() => database.close());

it("staff hide a description and photos; residents and the card stop showing them; admins still see the originals", async () => {
  const h = createHarness({ db: database.db });
  const resident = u.user(8100, { languageCode: "en" });
  await h.send(u.command(resident, "report"));
  await h.send(u.callback(resident, h.telegram.lastButtons(8100)[0]!.data!));
  await h.send(u.text(resident, "The man in the red car, plate 沪A12345, dumps rubbish"));
  await h.send(u.photo(resident, { fileUniqueId: "plate" }));
  await h.send(u.callback(resident, "rdone"));
  await h.send(u.text(resident, "North gate"));
  await h.send(u.callback(resident, "rsum:confirm"));
  const [report] = await database.db.select().from(reports).where(eq(reports.reporterId, 8100));

  const staff = u.user(8001, { languageCode: "en" });
  await h.send(u.command(staff, "hide", "R-000001 everything"));
  expect(h.telegram.lastText(8001)).toBe("Usage: /hide R-000123 description, or /hide R-000123 photos");
  await h.send(u.command(staff, "hide", "R-000001 description"));
  await h.send(u.command(staff, "hide", "R-000001 photos"));
  expect(h.telegram.lastText(8001)).toMatch(/^✅ Hidden\./);

  expect((await getReportForResident(database.db, report!.id, 8100))?.description).toBeNull();
  const card = await loadCardData(database.db, report!.id);
  expect(card).toMatchObject({ description: null, descriptionHidden: true, photoFileIds: [] });
  // The card says it was hidden (not left out, as a report that never had words is).
  expect(renderCard(card!, "zh-CN", "Asia/Shanghai", (key, vars) => h.i18n.t("zh-CN", key, vars))).toContain("描述：（已被工作人员隐藏）");

  await h.send(u.command(staff, "original", "R-000001"));
  expect(h.telegram.lastText(8001)).toBe("Sorry, only community admins can do this. Please ask an admin if it needs doing.");
  const admin = u.user(8002, { languageCode: "en" });
  await h.send(u.command(admin, "original", "R-000001"));
  expect(h.telegram.texts(8002)).toContain("Original description (hidden): The man in the red car, plate 沪A12345, dumps rubbish");
  expect(h.telegram.callsOf("sendPhoto").at(-1)?.payload).toMatchObject({ chat_id: 8002, photo: "large-plate", caption: "Photo (hidden)" });
});
