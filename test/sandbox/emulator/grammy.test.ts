import { Bot, GrammyError, InputFile, InputMediaBuilder } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TgUser } from "../../../src/sandbox/emulator/index.js";
import { startEmulator, TOKEN, type Running } from "./helpers.js";

let server: Running;
let bot: Bot;
let ann: TgUser;

beforeEach(async () => {
  // Time runs 20× faster so that long polls with short timeouts end quickly.
  server = await startEmulator({ timeScale: 20 });
  bot = new Bot(TOKEN, { client: { apiRoot: server.url } });
  ann = server.emulator.createUser({ first_name: "Ann", language_code: "uk", started: true });
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await server.stop();
});

/** Until the emulator holds a long poll open (the request has really arrived). */
async function untilPolling(): Promise<void> {
  for (let i = 0; i < 500 && !server.emulator.polling(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(server.emulator.polling()).toBe(true);
}

async function failure(promise: Promise<unknown>): Promise<GrammyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("grammY against the emulator", () => {
  it("initialises the bot with getMe", async () => {
    await bot.init();
    expect(bot.botInfo).toMatchObject({ id: 424242, is_bot: true, username: "emulated_bot", can_join_groups: true });
  });

  it("sends messages with keyboards and gets Telegram-shaped results", async () => {
    const message = await bot.api.sendMessage(ann.id, "Choose a topic", {
      reply_markup: { inline_keyboard: [[{ text: "Water", callback_data: "topic:water" }]] },
    });
    expect(message).toMatchObject({
      message_id: 1,
      chat: { id: ann.id, type: "private", first_name: "Ann" },
      text: "Choose a topic",
      reply_markup: { inline_keyboard: [[{ text: "Water", callback_data: "topic:water" }]] },
    });
    expect(server.emulator.messages(ann.id)).toHaveLength(1);
  });

  it("uploads a photo as multipart with InputFile, then getFile and download return the same bytes", async () => {
    const bytes = Buffer.from("\xff\xd8 not really a jpeg \r\n--boundary-lookalike", "latin1");
    const sent = await bot.api.sendPhoto(ann.id, new InputFile(bytes), {
      caption: "Leak in the <b>basement</b>",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Details", callback_data: "d" }]] },
    });
    expect(server.emulator.calls("sendPhoto")[0]?.files).toEqual([{ field: expect.any(String), filename: "photo.jpg", size: bytes.length }]);
    expect(sent.caption).toBe("Leak in the basement");
    expect(sent.caption_entities).toEqual([{ type: "bold", offset: 12, length: 8 }]);
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("Details");
    const largest = sent.photo?.at(-1);
    expect(largest).toMatchObject({ width: 640, height: 480, file_size: bytes.length });

    const file = await bot.api.getFile(largest?.file_id ?? "");
    expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    const download = await fetch(`${server.url}/file/bot${TOKEN}/${file.file_path}`);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    const again = await bot.api.sendPhoto(ann.id, largest?.file_id ?? "");
    expect(again.photo?.map((size) => size.file_unique_id)).toEqual(sent.photo?.map((size) => size.file_unique_id));
  });

  it("uploads a document with its file name", async () => {
    const sent = await bot.api.sendDocument(ann.id, new InputFile(Buffer.from("a,b\n1,2\n"), "residents.csv"));
    expect(sent.document).toMatchObject({ file_name: "residents.csv", mime_type: "text/csv", file_size: 8 });
  });

  it("sends an album whose files travel as attach:// parts", async () => {
    const first = await bot.api.sendPhoto(ann.id, new InputFile(Buffer.from("one")));
    // grammY types album messages as a union; only the shared fields matter here.
    const album = (await bot.api.sendMediaGroup(ann.id, [
      InputMediaBuilder.photo(first.photo?.at(-1)?.file_id ?? "", { caption: "<i>before</i>", parse_mode: "HTML" }),
      InputMediaBuilder.photo(new InputFile(Buffer.from("two"))),
    ])) as unknown as Array<{ media_group_id?: string; photo?: Array<{ file_id: string }>; caption?: string }>;
    expect(album).toHaveLength(2);
    expect(album[0]?.media_group_id).toBeDefined();
    expect(album[1]?.media_group_id).toBe(album[0]?.media_group_id);
    expect(album[0]).toMatchObject({ caption: "before", caption_entities: [{ type: "italic", offset: 0, length: 6 }] });
    const download = await bot.api.getFile(album[1]?.photo?.at(-1)?.file_id ?? "");
    expect(server.emulator.file(download.file_id)?.data.toString()).toBe("two");

    // Mixing photos and documents is refused by Telegram (and by grammY's types, hence the cast).
    const mixed = await failure(
      bot.api.sendMediaGroup(ann.id, [
        InputMediaBuilder.photo(new InputFile(Buffer.from("p"))),
        InputMediaBuilder.document(new InputFile(Buffer.from("d"), "d.txt")),
      ] as unknown as Parameters<typeof bot.api.sendMediaGroup>[1]),
    );
    expect(mixed.description).toBe("Bad Request: can't use the media of the specified type in the album");
  });

  it("long-polls getUpdates: waits for an update, and an offset confirms it", async () => {
    const polling = bot.api.getUpdates({ timeout: 30 });
    // The poll is held open until the user writes.
    await untilPolling();
    server.emulator.sendText(ann.id, "/start");
    const updates = await polling;
    expect(updates).toHaveLength(1);
    const update = updates[0];
    expect(update?.message).toMatchObject({
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
      from: { id: ann.id, is_bot: false, first_name: "Ann", language_code: "uk" },
      chat: { id: ann.id, type: "private" },
    });

    // Without an offset the same update comes again; with offset = id + 1 it is gone.
    expect((await bot.api.getUpdates({ timeout: 0 }))[0]?.update_id).toBe(update?.update_id);
    expect(await bot.api.getUpdates({ offset: (update?.update_id ?? 0) + 1, timeout: 0 })).toEqual([]);
    expect(server.emulator.pendingUpdates()).toEqual([]);
  });

  it("delivers several updates at once, honours limit, and times out with an empty list", async () => {
    server.emulator.sendText(ann.id, "one");
    server.emulator.sendText(ann.id, "two");
    server.emulator.sendText(ann.id, "three");
    const first = await bot.api.getUpdates({ limit: 2, timeout: 10 });
    expect(first.map((update) => update.message?.text)).toEqual(["one", "two"]);
    const rest = await bot.api.getUpdates({ offset: (first[1]?.update_id ?? 0) + 1, timeout: 10 });
    expect(rest.map((update) => update.message?.text)).toEqual(["three"]);
    // 1 emulated second at ×20 is 50 real ms.
    expect(await bot.api.getUpdates({ offset: (rest[0]?.update_id ?? 0) + 1, timeout: 1 })).toEqual([]);
  });

  it("ends an older long poll with 409 Conflict when a second one starts", async () => {
    const older = failure(bot.api.getUpdates({ timeout: 30 }));
    await untilPolling();
    const newer = bot.api.getUpdates({ timeout: 30 });
    const conflict = await older;
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toBe("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    server.emulator.sendText(ann.id, "hello");
    expect((await newer)[0]?.message?.text).toBe("hello");
  });

  it("drops update types outside allowed_updates", async () => {
    const sent = await bot.api.sendMessage(ann.id, "Rate us", {
      reply_markup: { inline_keyboard: [[{ text: "5", callback_data: "5" }]] },
    });
    await bot.api.getUpdates({ allowed_updates: ["message"], timeout: 0 });
    server.emulator.pressButton(ann.id, ann.id, sent.message_id, "5");
    server.emulator.sendText(ann.id, "kept");
    const updates = await bot.api.getUpdates({ timeout: 0 });
    expect(updates.map((update) => Object.keys(update).filter((key) => key !== "update_id"))).toEqual([["message"]]);
  });

  it("surfaces Telegram's errors as GrammyError", async () => {
    const notFound = await failure(bot.api.sendMessage(999, "hi"));
    expect(notFound).toMatchObject({ error_code: 400, description: "Bad Request: chat not found" });

    server.emulator.blockBot(ann.id);
    const blocked = await failure(bot.api.sendMessage(ann.id, "hi"));
    expect(blocked).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    server.emulator.blockBot(ann.id, false);

    server.emulator.setLimits({ per_chat_burst: 1, per_chat_per_s: 0.001 });
    await bot.api.sendMessage(ann.id, "first");
    const flood = await failure(bot.api.sendMessage(ann.id, "second"));
    expect(flood.error_code).toBe(429);
    expect(flood.parameters.retry_after).toBeGreaterThan(0);
  });

  it("runs a whole bot with bot.start(): commands, buttons, callback answers, edits", async () => {
    bot.command("start", (ctx) =>
      ctx.reply("Welcome! What happened?", {
        reply_markup: { inline_keyboard: [[{ text: "Leak", callback_data: "report:leak" }]] },
      }),
    );
    bot.callbackQuery(/^report:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Noted" });
      await ctx.editMessageText(`Report type: ${ctx.match[1] ?? ""}`);
    });
    bot.on("edited_message:text", (ctx) => ctx.reply(`You changed it to: ${ctx.editedMessage.text}`));
    bot.on("message:location", (ctx) => ctx.reply(`Got ${ctx.message.location.latitude}`));
    bot.catch(() => {});
    // drop_pending_updates clears the queue when the bot starts, so users act after onStart.
    await new Promise<void>((resolve) => void bot.start({ drop_pending_updates: true, onStart: () => resolve() }));

    server.emulator.sendText(ann.id, "/start");
    const welcome = await server.emulator.waitFor((message) => message.chatId === ann.id && message.text === "Welcome! What happened?");

    // Waiters only see what happens after they start, so start this one before pressing.
    const answered = server.emulator.waitForCall("answerCallbackQuery");
    server.emulator.pressButton(ann.id, ann.id, welcome.messageId, "report:leak");
    const edited = await server.emulator.waitFor((message) => message.messageId === welcome.messageId && message.editDate !== undefined);
    expect(edited.message.text).toBe("Report type: leak");
    expect(edited.message.reply_markup).toBeUndefined();
    expect((await answered).ok).toBe(true);
    expect(server.emulator.message(ann.id, welcome.messageId)?.callbacks[0]).toMatchObject({
      data: "report:leak",
      answered: true,
      answer: { text: "Noted", show_alert: false },
    });

    const mine = server.emulator.sendText(ann.id, "typo");
    server.emulator.editText(ann.id, ann.id, mine.message_id, "fixed");
    await server.emulator.waitFor((message) => message.text === "You changed it to: fixed");

    server.emulator.sendLocation(ann.id, 50.4501, 30.5234);
    await server.emulator.waitFor((message) => message.text === "Got 50.4501");

    await bot.stop();
    expect(bot.isRunning()).toBe(false);
    expect(server.emulator.stats().perMethod.getUpdates).toBeGreaterThan(1);
  });
});
