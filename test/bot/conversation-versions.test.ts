import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotContext, InnerContext } from "../../src/bot/context.js";
import { CONVERSATION_STORAGE_VERSION, versionPerConversation } from "../../src/bot/conversation-versions.js";
import type { Feature } from "../../src/bot/feature.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDefaultCommunity(database.db);
});
afterAll(() => database.close());

/** A two-step conversation `/<id>`: asks a name, then a place, then says both. */
function twoSteps(id: string, version?: number): Feature {
  return {
    name: id,
    conversations: () => [
      createConversation<BotContext, InnerContext>(
        async (conversation, ctx) => {
          await ctx.reply(`${id}: name?`);
          const name = await conversation.form.text();
          await ctx.reply(`${id}: place?`);
          const place = await conversation.form.text();
          await ctx.reply(`${id}: ${name} at ${place}`);
        },
        { id },
      ),
    ],
    ...(version !== undefined ? { conversationVersions: { [id]: version } } : {}),
    create: () => {
      const composer = new Composer<BotContext>();
      composer.command(id, (ctx) => ctx.conversation.enter(id));
      return composer;
    },
  };
}

it("bumping one conversation's version drops only its half-finished runs; another conversation goes on where it was", async () => {
  const u = updates();
  const ann = u.user(7101, { languageCode: "en" });
  const bob = u.user(7102, { languageCode: "en" });
  const before = createHarness({ db: database.db, features: [twoSteps("alpha"), twoSteps("beta")] });
  await before.send(u.command(ann, "alpha"));
  await before.send(u.text(ann, "Ann"));
  await before.send(u.command(bob, "beta"));
  await before.send(u.text(bob, "Bob"));
  expect(before.telegram.lastText(ann.id)).toBe("alpha: place?");
  expect(before.telegram.lastText(bob.id)).toBe("beta: place?");

  // The next release changes alpha's steps and says so; beta is as it was.
  const after = createHarness({ db: database.db, telegram: before.telegram, clock: before.clock, features: [twoSteps("alpha", 2), twoSteps("beta")] });
  await after.send(u.text(bob, "the gate"));
  expect(after.telegram.lastText(bob.id)).toBe("beta: Bob at the gate");
  await after.send(u.text(ann, "the gate"));
  // Ann's old run is gone: her answer is not fed into alpha's new steps.
  expect(after.telegram.lastText(ann.id)).not.toMatch(/^alpha/);
  await after.send(u.command(ann, "alpha"));
  expect(after.telegram.lastText(ann.id)).toBe("alpha: name?");

  // Unchanged versions keep everything, across instances too.
  await after.send(u.command(bob, "beta"));
  const again = createHarness({ db: database.db, telegram: before.telegram, clock: before.clock, features: [twoSteps("alpha", 2), twoSteps("beta")] });
  await again.send(u.text(bob, "Bob"));
  await again.send(u.text(ann, "Ann"));
  expect(again.telegram.lastText(bob.id)).toBe("beta: place?");
  expect(again.telegram.lastText(ann.id)).toBe("alpha: place?");
});

it("reads what was stored before versions per conversation as version 1 of each", async () => {
  const stored = new Map<string, any>([["1:1", { version: [1, CONVERSATION_STORAGE_VERSION], state: { report: [{ replay: {} }], other: [{ replay: {} }] } }]]);
  const memory = {
    read: async (key: string) => stored.get(key),
    write: async (key: string, value: any) => void stored.set(key, value),
    delete: async () => {},
  };
  expect(await versionPerConversation(memory, {}).read("1:1")).toEqual(stored.get("1:1"));
  const bumped = await versionPerConversation(memory, { report: 2 }).read("1:1");
  expect(Object.keys(bumped!.state as object)).toEqual(["other"]);
  await versionPerConversation(memory, { report: 2 }).write("1:1", { version: [1, CONVERSATION_STORAGE_VERSION], state: { report: [] } } as never);
  expect(stored.get("1:1").conversations).toEqual({ report: 2 });
});
