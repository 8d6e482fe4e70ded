import type { Update } from "grammy/types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());

it("a live location's moves outside a patrol get no answer each; an edited text still does", async () => {
  const h = createHarness({ db: database.db });
  const u = updates();
  const ann = u.user(7201, { languageCode: "en" });
  const shared = u.location(ann, 31.2, 121.4);
  const live = { ...shared.message!, location: { latitude: 31.2, longitude: 121.4, live_period: 3600 } };
  const date = live.date;
  await h.send({ update_id: shared.update_id, message: live } as Update);
  const answered = h.telegram.texts(ann.id).length;
  for (let i = 1; i <= 3; i++) {
    const move = u.location(ann, 31.2 + i * 0.0001, 121.4);
    await h.send({
      update_id: move.update_id,
      edited_message: { ...live, edit_date: date + 3 * i, location: { ...move.message!.location!, live_period: 3600 } },
    } as Update);
  }
  expect(h.telegram.texts(ann.id)).toHaveLength(answered);

  const text = u.text(ann, "hello");
  await h.send({ update_id: text.update_id, edited_message: { ...text.message!, edit_date: text.message!.date + 5 } } as Update);
  expect(h.telegram.lastText(ann.id)).toBe("I cannot see edited messages. Please send it again as a new message.");
});
