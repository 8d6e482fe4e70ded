import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { areas, communities } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { parseAreasFile } from "../../../src/features/staff/areas.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const ADMIN = 7001;
const LEAD = 7002;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const [id, role, username] of [
    [ADMIN, "admin", "boss"],
    [LEAD, "inspector", "lead_zhao"],
  ] as const) {
    await recordUser(database.db, { id, firstName: username, username, languageCode: "en" }, new Date());
    await grantRole(database.db, { userId: id, communityId: home, role, grantedBy: null, at: new Date() });
  }
});
afterAll(() => database.close());

const file = JSON.stringify([
  { name: "第一网格", center: [31.23, 121.47], radiusMeters: 300, responsible: "@lead_zhao" },
  {
    name: "第二网格",
    polygon: [
      [121.47, 31.23],
      [121.48, 31.23],
      [121.48, 31.24],
    ],
  },
]);

it("imports an areas file from /areas, all or nothing, and updates by name", async () => {
  const h = createHarness({ db: database.db });
  const admin = u.user(ADMIN, { languageCode: "en", username: "boss" });
  await h.send(u.command(admin, "areas", file));
  expect(h.telegram.lastText(ADMIN)).toBe("✅ Areas imported: 2 new, 0 updated.");
  const rows = await database.db.select().from(areas).where(eq(areas.communityId, home));
  expect(rows.map((a) => [a.name, a.responsibleUserId, a.radiusMeters])).toEqual([
    ["第一网格", LEAD, 300],
    ["第二网格", null, null],
  ]);
  await h.send(
    u.command(
      admin,
      "areas",
      JSON.stringify([
        { name: "第一网格", center: [31.23, 121.47], radiusMeters: 500 },
        { name: "第三网格", center: [31.3, 121.5], radiusMeters: 200, responsible: 999 },
      ]),
    ),
  );
  expect(h.telegram.lastText(ADMIN)).toBe(
    "The areas file has problems; nothing was changed:\n1.responsible: 999 is not staff or an inspector of this community",
  );
  expect((await database.db.select().from(areas).where(eq(areas.name, "第一网格")))[0]?.radiusMeters).toBe(300);
  await h.send(u.command(admin, "areas", JSON.stringify([{ name: "第一网格", center: [31.23, 121.47], radiusMeters: 500 }])));
  expect(h.telegram.lastText(ADMIN)).toBe("✅ Areas imported: 0 new, 1 updated.");

  await h.send(u.command(admin, "areas"));
  expect(h.telegram.lastText(ADMIN)).toContain("• 第一网格: no lead yet");
  await h.send(u.callback(admin, h.telegram.lastButtons(ADMIN).find((b) => b.text.includes("第一网格"))!.data!));
  await h.send(u.callback(admin, h.telegram.lastButtons(ADMIN).find((b) => b.text === "lead_zhao")!.data!));
  expect(h.telegram.lastText(ADMIN)).toBe("✅ Lead set.");
  await h.send(u.callback(admin, "aa:yes"));
  expect((await database.db.select().from(communities).where(eq(communities.id, home)))[0]?.autoAssign).toBe(true);
});

it("explains what is wrong with a bad file, and refuses /areas to non-admins", async () => {
  expect(parseAreasFile("not json")).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not JSON/)] });
  expect(parseAreasFile(JSON.stringify([{ name: "x" }]))).toEqual({ ok: false, problems: ["0: needs a polygon, or a center and radiusMeters"] });
  expect(parseAreasFile(JSON.stringify([{ name: "a", center: [91, 0], radiusMeters: 10 }]))).toMatchObject({ ok: false });
  expect(
    parseAreasFile(
      JSON.stringify([
        { name: "a", center: [1, 1], radiusMeters: 10 },
        { name: "a", center: [1, 1], radiusMeters: 10 },
      ]),
    ),
  ).toEqual({ ok: false, problems: ['"a" appears twice'] });
  const h = createHarness({ db: database.db });
  await h.send(u.command(u.user(LEAD, { languageCode: "en" }), "areas"));
  expect(h.telegram.lastText(LEAD)).toBe("Sorry, only community admins can do this. Please ask an admin if it needs doing.");
});
