import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { users } from "../../../src/db/schema/index.js";
import { ensureCommunity } from "../../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());
const u = updates();

it.each([
  [1501, "zh-hans", "您好"],
  [1502, "zh-TW", "您好"],
  [1503, "en", "Hello"],
  [1504, "ru", "Hello"],
  [1505, undefined, "您好"],
])("speaks to user %i (Telegram language %s) first in the matching language", async (id, languageCode, greeting) => {
  const h = createHarness({ db: database.db });
  await h.send(u.command(u.user(id, languageCode ? { languageCode } : {}), "start"));
  expect(h.telegram.lastText(id)).toContain(greeting);
});

it("/language switches, is stored, and sets the user's command menu in that language", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(1601, { languageCode: "zh-hans" });
  await h.send(u.command(user, "language"));
  expect(h.telegram.lastButtons(1601)).toEqual([
    { text: "简体中文", data: "lang:zh-CN", url: undefined },
    { text: "English", data: "lang:en", url: undefined },
  ]);
  await h.send(u.callback(user, "lang:en"));
  expect(h.telegram.lastText(1601)).toBe("Done: I will talk to you in English from now on.");
  expect((await database.db.select().from(users).where(eq(users.id, 1601)))[0]?.locale).toBe("en");
  const commands = h.telegram.callsOf("setMyCommands").at(-1)?.payload;
  expect(commands?.scope).toEqual({ type: "chat", chat_id: 1601 });
  expect(commands?.commands).toContainEqual({ command: "help", description: "Help" });

  // The Telegram client still says Chinese; the stored choice wins.
  await h.send(u.command(user, "start"));
  expect(h.telegram.lastText(1601)).toMatch(/^Hello/);
  // The menu button leads to the same choice.
  await h.send(u.callback(user, "menu:language"));
  expect(h.telegram.lastText(1601)).toBe("请选择语言 / Choose your language:");
});

it("speaks the chosen language inside a conversation too", async () => {
  await ensureCommunity(database.db, { slug: "second", name: "西湖社区", timezone: "Asia/Shanghai" });
  const h = createHarness({ db: database.db });
  const user = u.user(1602, { languageCode: "en" });
  await h.send(u.command(user, "language"));
  await h.send(u.callback(user, "lang:zh-CN"));
  await database.db.update(users).set({ communityId: null }).where(eq(users.id, 1602));
  await h.send(u.command(user, "start"));
  expect(h.telegram.lastText(1602)).toContain("请选择您所在的社区");
  await h.send(u.sticker(user));
  expect(h.telegram.lastText(1602)).toBe("请点击按钮选择社区，或输入社区名称。");
});

it("refuses a forged language button", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(1603, { languageCode: "en" });
  await h.send(u.callback(user, "lang:fr"));
  expect(h.telegram.callbackAnswers().at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("no longer valid") });
  expect((await database.db.select().from(users).where(eq(users.id, 1603)))[0]?.locale).toBeNull();
});
