import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmulator, type ChangeEvent, type TgUser } from "../../../src/sandbox/emulator/index.js";
import { startEmulator, TOKEN, type Running } from "./helpers.js";

let server: Running;
let ann: TgUser;

beforeEach(async () => {
  server = await startEmulator();
  ann = server.emulator.createUser({ first_name: "Ann", username: "ann_b", started: true });
});

afterEach(async () => {
  await server.stop();
});

function updateKinds(): string[] {
  return server.emulator.pendingUpdates().map((update) =>
    Object.keys(update)
      .filter((key) => key !== "update_id")
      .join(),
  );
}

describe("users and groups", () => {
  it("creates users with private chats and groups with negative ids", () => {
    const bob = server.emulator.createUser({ first_name: "Bob", last_name: "Ray", language_code: "en" });
    expect(bob).toEqual({ id: ann.id + 1, is_bot: false, first_name: "Bob", last_name: "Ray", language_code: "en" });
    const group = server.emulator.createGroup({ title: "Block A", members: [ann.id, bob.id] });
    expect(group).toEqual({ id: expect.any(Number), type: "group", title: "Block A" });
    expect(group.id).toBeLessThan(0);
    expect(server.emulator.chats().map((chat) => chat.type)).toEqual(["private", "private", "group"]);
    expect(() => server.emulator.createUser({ first_name: "Copy", username: "ANN_B" })).toThrow(/already taken/);
  });

  it("lets only members write in a group and announces joins when asked", () => {
    const group = server.emulator.createGroup({ title: "Block B" });
    expect(() => server.emulator.sendText(ann.id, "hi", { chatId: group.id })).toThrow(/not a member/);
    server.emulator.addMember(group.id, ann.id, { announce: true });
    server.emulator.sendText(ann.id, "hi all", { chatId: group.id });
    const updates = server.emulator.pendingUpdates();
    expect(updates[0]?.message?.new_chat_members).toEqual([ann]);
    expect(updates[1]?.message).toMatchObject({ text: "hi all", chat: { id: group.id, type: "group", title: "Block B" } });
    expect(() => server.emulator.sendText(ann.id, "x", { chatId: 555 })).toThrow(/unknown chat/);
  });

  it("announces the bot's own joining with my_chat_member", () => {
    const group = server.emulator.createGroup({ title: "New", botStatus: "left" });
    server.emulator.addMember(group.id, server.emulator.bot.id, { announce: true });
    expect(server.emulator.pendingUpdates()[0]?.my_chat_member).toMatchObject({
      chat: { id: group.id },
      old_chat_member: { status: "left" },
      new_chat_member: { status: "member", user: { id: server.emulator.bot.id } },
    });
  });
});

describe("what users send", () => {
  it("stores user photos and makes them downloadable by the bot", async () => {
    const sent = server.emulator.sendPhoto(ann.id, Buffer.from("photo-bytes"), "Broken lamp #lights");
    expect(sent.caption_entities).toEqual([{ type: "hashtag", offset: 12, length: 7 }]);
    const largest = sent.photo?.at(-1);
    expect(largest).toMatchObject({ width: 640, height: 480, file_size: 11 });
    expect(server.emulator.file(largest?.file_id ?? "")?.data.toString()).toBe("photo-bytes");

    const file = (await server.call("getFile", { file_id: largest?.file_id })).json.result;
    const download = await fetch(`${server.url}/file/bot${TOKEN}/${file.file_path}`);
    expect(await download.text()).toBe("photo-bytes");

    const again = server.emulator.sendPhoto(ann.id, largest?.file_id ?? "");
    expect(again.photo).toEqual(sent.photo);
  });

  it("shapes voice, document, contact, sticker, location and venue messages like Telegram", () => {
    const voice = server.emulator.sendVoice(ann.id, Buffer.from("OggS"), { duration: 4 });
    expect(voice.voice).toMatchObject({ duration: 4, mime_type: "audio/ogg", file_size: 4 });
    const document = server.emulator.sendDocument(ann.id, Buffer.from("%PDF"), { filename: "act.pdf", caption: "signed" });
    expect(document).toMatchObject({ document: { file_name: "act.pdf", mime_type: "application/pdf" }, caption: "signed" });
    const contact = server.emulator.sendContact(ann.id, { phone_number: "+380501112233", first_name: "Ann", user_id: ann.id });
    expect(contact.contact).toEqual({ phone_number: "+380501112233", first_name: "Ann", user_id: ann.id });
    const sticker = server.emulator.sendSticker(ann.id, { emoji: "👍" });
    expect(sticker.sticker).toMatchObject({ type: "regular", emoji: "👍", is_animated: false, is_video: false });
    const location = server.emulator.sendLocation(ann.id, 50.1, 30.2);
    expect(location.location).toEqual({ latitude: 50.1, longitude: 30.2 });
    const venue = server.emulator.sendVenue(ann.id, { latitude: 50.1, longitude: 30.2, title: "Yard", address: "1 Main st" });
    expect(venue).toMatchObject({ location: { latitude: 50.1 }, venue: { title: "Yard", address: "1 Main st" } });
    expect(updateKinds()).toEqual(["message", "message", "message", "message", "message", "message"]);
    expect(server.emulator.history(ann.id).map((message) => message.kind)).toEqual(["voice", "document", "contact", "sticker", "location", "venue"]);
    expect(() => server.emulator.sendLocation(ann.id, 91, 0)).toThrow(/out of range/);
  });

  it("replies, edits and forwards", async () => {
    const bot = (await server.call("sendMessage", { chat_id: ann.id, text: "Which flat?" })).json.result;
    const reply = server.emulator.sendText(ann.id, "42", { replyTo: bot.message_id });
    expect(reply.reply_to_message).toMatchObject({ message_id: bot.message_id, text: "Which flat?" });

    const edited = server.emulator.editText(ann.id, ann.id, reply.message_id, "43");
    expect(edited).toMatchObject({ text: "43", edit_date: expect.any(Number) });
    expect(server.emulator.pendingUpdates().at(-1)?.edited_message?.text).toBe("43");
    expect(() => server.emulator.editText(ann.id, ann.id, bot.message_id, "no")).toThrow(/own messages/);

    const forwarded = server.emulator.forwardMessage(ann.id, ann.id, bot.message_id);
    expect(forwarded).toMatchObject({ text: "Which flat?", forward_origin: { type: "user", sender_user: { id: server.emulator.bot.id } } });
  });

  it("presses only buttons that exist, unless forced, with a fresh callback id each time", async () => {
    const sent = (
      await server.call("sendMessage", {
        chat_id: ann.id,
        text: "Vote",
        reply_markup: {
          inline_keyboard: [
            [
              { text: "Yes", callback_data: "yes" },
              { text: "Site", url: "https://example.com" },
            ],
          ],
        },
      })
    ).json.result;
    const first = server.emulator.pressButton(ann.id, ann.id, sent.message_id, "yes");
    const second = server.emulator.pressButton(ann.id, ann.id, sent.message_id, "yes");
    expect(first.id).not.toBe(second.id);
    const query = server.emulator.pendingUpdates()[0]?.callback_query;
    expect(query).toMatchObject({ id: first.id, from: ann, data: "yes", message: { message_id: sent.message_id, text: "Vote" } });
    expect(query?.chat_instance).toMatch(/^\d+$/);

    expect(() => server.emulator.pressButton(ann.id, ann.id, sent.message_id, "no")).toThrow(/no button/);
    expect(server.emulator.pressButton(ann.id, ann.id, sent.message_id, "no", { force: true }).data).toBe("no");
    expect(() => server.emulator.pressButton(ann.id, ann.id, 99, "yes")).toThrow(/not found/);
  });

  it("tracks the reply keyboard a user sees", async () => {
    const keyboard = { keyboard: [[{ text: "📍 Share location", request_location: true }]], resize_keyboard: true, one_time_keyboard: true };
    await server.call("sendMessage", { chat_id: ann.id, text: "Where?", reply_markup: keyboard });
    expect(server.emulator.replyKeyboard(ann.id)).toEqual(keyboard);
    server.emulator.sendLocation(ann.id, 50, 30);
    // one_time_keyboard: gone after the user answered.
    expect(server.emulator.replyKeyboard(ann.id)).toBeUndefined();

    await server.call("sendMessage", { chat_id: ann.id, text: "Menu", reply_markup: { keyboard: [["Help"]] } });
    server.emulator.sendText(ann.id, "Help");
    expect(server.emulator.replyKeyboard(ann.id)).toEqual({ keyboard: [["Help"]] });
    await server.call("sendMessage", { chat_id: ann.id, text: "Bye", reply_markup: { remove_keyboard: true } });
    expect(server.emulator.replyKeyboard(ann.id)).toBeUndefined();
  });

  it("tells the bot when a user blocks it, and unblocks on the next message", () => {
    server.emulator.blockBot(ann.id);
    server.emulator.sendText(ann.id, "/start");
    const updates = server.emulator.pendingUpdates();
    expect(updates.map((update) => update.my_chat_member?.new_chat_member.status ?? "message")).toEqual(["kicked", "member", "message"]);
  });

  it("injects raw updates with fresh ids", () => {
    const first = server.emulator.injectUpdate({ update_id: 1, message_reaction: { chat: { id: ann.id } } });
    expect(first).toBeUndefined(); // not in the default allowed_updates, as on Telegram
    const poll = server.emulator.injectUpdate({ update_id: 1, poll: { id: "p", question: "?" } });
    expect(poll).toMatchObject({ poll: { id: "p" } });
    expect(poll?.update_id).toBeGreaterThanOrEqual(1);
  });

  it("hides ordinary group chatter from a bot in privacy mode", async () => {
    const quiet = await startEmulator({ privacyMode: true });
    try {
      const user = quiet.emulator.createUser({ first_name: "Zed" });
      const group = quiet.emulator.createGroup({ title: "G", members: [user.id] });
      quiet.emulator.sendText(user.id, "just chatting", { chatId: group.id });
      quiet.emulator.sendText(user.id, "/report@emulated_bot", { chatId: group.id });
      quiet.emulator.sendText(user.id, "/report@other_bot", { chatId: group.id });
      quiet.emulator.sendText(user.id, "hey @emulated_bot", { chatId: group.id });
      expect(quiet.emulator.pendingUpdates().map((update) => update.message?.text)).toEqual(["/report@emulated_bot", "hey @emulated_bot"]);
      expect(quiet.emulator.history(group.id)).toHaveLength(4);
      expect(quiet.emulator.bot.can_read_all_group_messages).toBe(false);
    } finally {
      await quiet.stop();
    }
  });
});

describe("watching", () => {
  it("reports every change to subscribers and to the event emitter", async () => {
    const seen: ChangeEvent[] = [];
    const unsubscribe = server.emulator.subscribe((event) => seen.push(event));
    const emitted: string[] = [];
    const onChange = (event: ChangeEvent): void => {
      emitted.push(event.type);
    };
    server.emulator.events.on("change", onChange);

    const sent = (
      await server.call("sendMessage", {
        chat_id: ann.id,
        text: "Poll",
        reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] },
      })
    ).json.result;
    await server.call("sendChatAction", { chat_id: ann.id, action: "typing" });
    const pressed = server.emulator.pressButton(ann.id, ann.id, sent.message_id, "a");
    await server.call("answerCallbackQuery", { callback_query_id: pressed.id, text: "ok" });
    await server.call("editMessageText", { chat_id: ann.id, message_id: sent.message_id, text: "Poll closed" });
    await server.call("deleteMessage", { chat_id: ann.id, message_id: sent.message_id });
    unsubscribe();
    server.emulator.events.off("change", onChange);
    await server.call("sendMessage", { chat_id: ann.id, text: "unseen" });

    expect(seen.map((event) => event.type)).toEqual(["message", "chat_action", "callback", "callback_answer", "edit", "delete"]);
    expect(emitted).toEqual(seen.map((event) => event.type));
    const edit = seen[4];
    expect(edit?.type === "edit" ? edit.view.text : undefined).toBe("Poll closed");
    const answer = seen[3];
    expect(answer?.type === "callback_answer" ? answer.callback.answer?.text : undefined).toBe("ok");
  });

  it("waitFor resolves on a later matching bot message and rejects on timeout or stop", async () => {
    const waiting = server.emulator.waitFor((message) => message.text === "second");
    await server.call("sendMessage", { chat_id: ann.id, text: "first" });
    await server.call("sendMessage", { chat_id: ann.id, text: "second" });
    expect((await waiting).messageId).toBe(2);

    await expect(server.emulator.waitFor(() => false, 30)).rejects.toThrow(/no matching bot message within 30 ms/);
    const pending = expect(server.emulator.waitFor(() => false, 10_000)).rejects.toThrow(/stopped/);
    await server.stop();
    await pending;
    server = await startEmulator();
  });
});

describe("mounting on another server", () => {
  it("serves the Bot API from handle() beside the host's own routes", async () => {
    const emulator = createEmulator({ token: TOKEN });
    const host = createServer((req, res) => {
      void emulator.handle(req, res).then((handled) => {
        if (handled) return;
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("web chat");
      });
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      expect(await (await fetch(`${base}/`)).text()).toBe("web chat");
      const me = (await (await fetch(`${base}/bot${TOKEN}/getMe`)).json()) as { result: { id: number } };
      expect(me.result.id).toBe(424242);
    } finally {
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});
