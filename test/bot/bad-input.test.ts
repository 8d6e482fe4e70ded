import { Composer } from "grammy";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { defaultFeatures } from "../../src/bot/create-bot.js";
import type { Feature } from "../../src/bot/feature.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());
const u = updates();

it("points a command in a group to the private chat, and stays quiet about group chatter", async () => {
  const h = createHarness({ db: database.db });
  const group = u.group();
  await h.send(u.command(u.user(601, { languageCode: "en" }), "start", undefined, group));
  expect(h.telegram.lastText(group.id)).toBe("Please talk to me in a private chat: tap the button below.");
  expect(h.telegram.lastButtons(group.id)).toEqual([{ text: "Open private chat", url: "https://t.me/community_test_bot", data: undefined }]);
  h.telegram.clear();
  await h.send(u.text(u.user(601), "good morning everyone", group));
  expect(h.telegram.calls).toEqual([]);
});

it("ignores channel posts", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.channelPost(-100_999, "news"));
  expect(h.telegram.calls).toEqual([]);
});

it("explains that edits are not seen", async () => {
  const h = createHarness({ db: database.db });
  await h.send(u.edited(u.user(602, { languageCode: "en" }), "fixed typo"));
  expect(h.telegram.lastText(602)).toBe("I cannot see edited messages. Please send it again as a new message.");
});

it("answers a sticker, a photo, a voice message or a stray text with the menu", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(603, { languageCode: "en" });
  for (const update of [u.sticker(user), u.photo(user), u.voice(user), u.location(user, 30, 120), u.text(user, "hi")]) {
    h.telegram.clear();
    await h.send(update);
    expect(h.telegram.lastText(603)).toBe("I did not understand that. Please choose what you would like to do:");
    expect(h.telegram.lastButtons(603).map((b) => b.data)).toContain("menu:help");
  }
  await h.send(u.command(user, "nosuchcommand"));
  expect(h.telegram.lastText(603)).toBe("I do not know that command. Please choose from the menu:");
});

it("answers stale or forged buttons with an alert", async () => {
  const h = createHarness({ db: database.db });
  const user = u.user(604, { languageCode: "en" });
  for (const data of ["menu:nothing", "zzz", "cm:abc", "cm-ok:1", "lang:", ":::"]) {
    h.telegram.clear();
    await h.send(u.callback(user, data));
    expect(h.telegram.callbackAnswers()).toHaveLength(1);
    expect(h.telegram.callbackAnswers()[0]?.payload).toMatchObject({
      show_alert: true,
      text: "This button is no longer valid. Send /start to begin again.",
    });
  }
});

it("slows a flooding user with one notice per window, and serves others meanwhile", async () => {
  const h = createHarness({ db: database.db, config: { FLOOD_LIMIT: 3, FLOOD_WINDOW_SECONDS: 60 } });
  const flooder = u.user(605, { languageCode: "en" });
  for (let i = 0; i < 8; i++) await h.send(u.text(flooder, `spam ${i}`));
  const texts = h.telegram.texts(605);
  expect(texts.filter((t) => t.startsWith("I did not understand"))).toHaveLength(3);
  expect(texts.filter((t) => t === "You are sending messages too fast. Please wait 60 seconds and try again.")).toHaveLength(1);
  await h.send(u.command(u.user(606, { languageCode: "en" }), "start"));
  expect(h.telegram.lastText(606)).toMatch(/^Hello/);
});

it("apologises for a failing handler in the user's language and keeps serving others", async () => {
  const broken: Feature = {
    name: "broken",
    commands: [],
    menu: [],
    create() {
      const composer = new Composer<BotContext>();
      composer.command("boom", () => {
        throw new Error("handler bug");
      });
      return composer;
    },
  };
  const h = createHarness({ db: database.db, features: [...defaultFeatures, broken] });
  await h.send(u.command(u.user(607, { languageCode: "zh-hans" }), "boom"));
  expect(h.telegram.lastText(607)).toBe("抱歉，刚才出了点问题，我们已经记录下来了。请稍后再试一次。");
  await h.send(u.command(u.user(608, { languageCode: "en" }), "start"));
  expect(h.telegram.lastText(608)).toMatch(/^Hello/);
});
