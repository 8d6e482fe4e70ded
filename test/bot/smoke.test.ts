import { afterAll, beforeAll, expect, it } from "vitest";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());

it("answers /start with a welcome and the main menu", async () => {
  const h = createHarness({ db: database.db });
  const u = updates();
  const alice = u.user(1, { firstName: "Alice", languageCode: "en" });
  await h.send(u.command(alice, "start"));
  expect(h.telegram.lastText(1)).toContain("Hello, Alice");
  expect(h.telegram.lastButtons(1).map((b) => b.data)).toEqual([
    "menu:report",
    "menu:my",
    "menu:events",
    "menu:lectures",
    "menu:volunteer",
    "menu:help",
    "menu:language",
  ]);
});
