import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userRoles, users } from "../../../src/db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
});
afterAll(() => database.close());
const u = updates();
const row = async (id: number) => (await database.db.select().from(users).where(eq(users.id, id)))[0];

it("records a private-chat user and refreshes names, language and last seen on every update", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.command(u.user(301, { firstName: "Wang", languageCode: "zh-hans", username: "wang" }), "start"));
  const first = await row(301);
  expect(first).toMatchObject({ firstName: "Wang", username: "wang", telegramLanguage: "zh-hans", communityId: home });
  expect(first?.firstSeenAt.toISOString()).toBe(h.clock.now().toISOString());

  h.clock.advance(3600_000);
  await h.send(u.text(u.user(301, { firstName: "Wang Li", languageCode: "en" }), "hello"));
  const second = await row(301);
  expect(second).toMatchObject({ firstName: "Wang Li", username: null, telegramLanguage: "en" });
  expect(second?.firstSeenAt.toISOString()).toBe(first?.firstSeenAt.toISOString());
  expect(second!.lastSeenAt.getTime() - first!.lastSeenAt.getTime()).toBe(3600_000);
});

it("does not record group members who never wrote to the bot", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.text(u.user(302), "hello all", u.group()));
  expect(await row(302)).toBeUndefined();
});

it("makes ADMIN_TELEGRAM_IDS admins of the default community on their first update", async () => {
  const h = createHarness({ db: database.db, config: { ADMIN_TELEGRAM_IDS: [303] } });
  await h.send(u.command(u.user(303, { languageCode: "en" }), "start"));
  const roles = await database.db.select().from(userRoles).where(eq(userRoles.userId, 303));
  expect(roles.map((r) => [r.role, r.communityId])).toEqual([["admin", home]]);
  await h.send(u.command(u.user(304, { languageCode: "en" }), "start"));
  expect(await database.db.select().from(userRoles).where(eq(userRoles.userId, 304))).toEqual([]);
});

it("remembers that a user blocked the bot, and forgets it when they write again", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(305);
  await h.send(u.command(user, "start"));
  await h.send(u.myChatMember(user, "kicked"));
  expect((await row(305))?.blockedAt?.toISOString()).toBe(h.clock.now().toISOString());
  await h.send(u.myChatMember(user, "member"));
  expect((await row(305))?.blockedAt).toBeNull();
});
