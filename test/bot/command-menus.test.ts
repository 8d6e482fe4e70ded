import { Api } from "grammy";
import { afterAll, beforeAll, expect, it } from "vitest";
import { syncCommandMenus } from "../../src/bot/command-menus.js";
import { FeatureRegistry } from "../../src/bot/feature.js";
import { defaultFeatures } from "../../src/bot/create-bot.js";
import { grantRole, recordUser, setLocale } from "../../src/features/accounts/service.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeTelegram, TEST_TOKEN } from "../helpers/fake-telegram.js";
import { seedDefaultCommunity } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it("sets command menus per language, Chinese by default, and a personal one for each member with a role", async () => {
  const home = await seedDefaultCommunity(database.db);
  const at = new Date();
  await recordUser(database.db, { id: 701, firstName: "Staff", languageCode: "en" }, at);
  await grantRole(database.db, { userId: 701, communityId: home.id, role: "staff", grantedBy: null, at });
  await recordUser(database.db, { id: 702, firstName: "Inspector", languageCode: "en" }, at);
  await setLocale(database.db, 702, "zh-CN");
  await grantRole(database.db, { userId: 702, communityId: home.id, role: "inspector", grantedBy: null, at });
  await recordUser(database.db, { id: 703, firstName: "Resident" }, at);

  const telegram = new FakeTelegram();
  const api = new Api(TEST_TOKEN, { fetch: telegram.fetch });
  await syncCommandMenus(api, database.db, new FeatureRegistry(defaultFeatures), createI18n(), silentLogger);

  const calls = telegram.callsOf("setMyCommands").map((c) => c.payload);
  const describe = (p: (typeof calls)[number]) => p.commands.find((c: { command: string }) => c.command === "help")?.description;
  expect(calls.map((c) => [c.language_code, c.scope])).toEqual([
    [undefined, undefined],
    ["zh", undefined],
    ["en", undefined],
    [undefined, { type: "chat", chat_id: 701 }],
    [undefined, { type: "chat", chat_id: 702 }],
  ]);
  expect(calls.map(describe)).toEqual(["帮助", "帮助", "Help", "Help", "帮助"]);
  expect(calls[0]?.commands.map((c: { command: string }) => c.command)).toEqual([
    "start",
    "report",
    "my",
    "events",
    "myevents",
    "checkin",
    "volunteer",
    "lectures",
    "mylectures",
    "subscribe",
    "unsubscribe",
    "help",
    "cancel",
    "language",
    "forget",
  ]);
});
