import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TgUser } from "../../../src/sandbox/emulator/index.js";
import { startEmulator, TOKEN, type Running } from "./helpers.js";

let server: Running;
let ann: TgUser;

beforeEach(async () => {
  server = await startEmulator();
  ann = server.emulator.createUser({ first_name: "Ann", last_name: "Lee", username: "ann_lee", started: true });
});

afterEach(async () => {
  await server.stop();
});

describe("routing and request formats", () => {
  it("answers getMe with the bot whose id is the token's prefix, over POST and GET, any casing", async () => {
    const post = await server.call("getMe");
    expect(post.status).toBe(200);
    expect(post.json).toMatchObject({ ok: true, result: { id: 424242, is_bot: true, username: "emulated_bot" } });

    const get = await fetch(`${server.url}/bot${TOKEN}/GETME`);
    expect(get.status).toBe(200);
    expect(((await get.json()) as { result: { id: number } }).result.id).toBe(424242);
  });

  it("answers unknown methods 404 Not Found", async () => {
    const answer = await server.call("sendTelepathy", { chat_id: ann.id });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("answers a wrong token 401 Unauthorized and a malformed one 404", async () => {
    const wrong = await server.call("getMe", undefined, { token: "1:wrong" });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });

    const malformed = await server.call("getMe", undefined, { token: "nonsense" });
    expect(malformed.status).toBe(404);
    expect(malformed.json.description).toBe("Not Found");
  });

  it("answers 404 for paths outside the Bot API", async () => {
    const response = await fetch(`${server.url}/favicon.ico`);
    expect(response.status).toBe(404);
  });

  it("refuses malformed JSON with 400 and keeps serving", async () => {
    const broken = await server.call("sendMessage", undefined, { raw: '{"chat_id": 1, "text": ', contentType: "application/json" });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ ok: false, error_code: 400, description: "Bad Request: can't parse JSON object" });

    const array = await server.call("sendMessage", undefined, { raw: "[1,2]", contentType: "application/json" });
    expect(array.json.description).toBe("Bad Request: can't parse JSON object");

    expect((await server.call("getMe")).json.ok).toBe(true);
  });

  it("reads application/x-www-form-urlencoded, decoding JSON-valued fields", async () => {
    const form = new URLSearchParams({
      chat_id: String(ann.id),
      text: "form & more",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] }),
    });
    const answer = await server.call("sendMessage", undefined, {
      raw: form.toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    expect(answer.status).toBe(200);
    expect(answer.json.result).toMatchObject({
      text: "form & more",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] },
    });
    expect(server.emulator.calls("sendMessage")[0]?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]],
    });
  });

  it("reads parameters from the query string and the method from the body", async () => {
    const viaQuery = await fetch(`${server.url}/bot${TOKEN}/sendMessage?chat_id=${ann.id}&text=from%20query`);
    expect(((await viaQuery.json()) as { result: { text: string } }).result.text).toBe("from query");

    const viaBody = await server.call("", { method: "sendMessage", chat_id: ann.id, text: "method in body" });
    expect(viaBody.json.result.text).toBe("method in body");
  });

  it("reads multipart/form-data uploads sent by fetch's FormData", async () => {
    const form = new FormData();
    form.set("chat_id", String(ann.id));
    form.set("caption", "<b>Report</b>");
    form.set("parse_mode", "HTML");
    form.set("document", new Blob([Buffer.from("%PDF-1.4 test")]), "report.pdf");
    const answer = await server.call("sendDocument", undefined, { raw: form });

    expect(answer.status).toBe(200);
    const message = answer.json.result;
    expect(message.document).toMatchObject({ file_name: "report.pdf", mime_type: "application/pdf", file_size: 13 });
    expect(message.caption).toBe("Report");
    expect(message.caption_entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);
    expect(server.emulator.messages(ann.id)[0]).toMatchObject({ caption: "<b>Report</b>", parseMode: "HTML" });
  });

  it("refuses a multipart body without a boundary", async () => {
    const answer = await server.call("sendMessage", undefined, { raw: "x", contentType: "multipart/form-data" });
    expect(answer.status).toBe(400);
    expect(answer.json.description).toMatch(/^Bad Request: can't parse multipart\/form-data/);
  });
});

describe("sendMessage validation", () => {
  it("uses Telegram's wording for missing and bad parameters", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ text: "hi" }, "Bad Request: chat_id is empty"],
      [{ chat_id: "", text: "hi" }, "Bad Request: chat_id is empty"],
      [{ chat_id: 0 }, "Bad Request: message text is empty"],
      [{ chat_id: ann.id, text: "" }, "Bad Request: message text is empty"],
      [{ chat_id: ann.id, text: "   " }, "Bad Request: text must be non-empty"],
      [{ chat_id: 999, text: "hi" }, "Bad Request: chat not found"],
      [{ chat_id: "not_a_chat", text: "hi" }, "Bad Request: chat not found"],
      [{ chat_id: "@nobody_here", text: "hi" }, "Bad Request: chat not found"],
      [{ chat_id: ann.id, text: "x".repeat(4097) }, "Bad Request: message is too long"],
      [{ chat_id: ann.id, text: "hi", parse_mode: "INVALID" }, "Bad Request: unsupported parse_mode"],
      [{ chat_id: ann.id, text: "<b>open", parse_mode: "HTML" }, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`],
      [
        { chat_id: ann.id, text: "<invalid>x</invalid>", parse_mode: "HTML" },
        `Bad Request: can't parse entities: Unsupported start tag "invalid" at byte offset 0`,
      ],
      [{ chat_id: ann.id, text: "hi", reply_markup: "{not json" }, "Bad Request: can't parse reply keyboard markup JSON object"],
      [
        { chat_id: ann.id, text: "hi", reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "x".repeat(65) }]] } },
        "Bad Request: BUTTON_DATA_INVALID",
      ],
      [
        { chat_id: ann.id, text: "hi", reply_markup: { inline_keyboard: [[{ text: "b" }]] } },
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
      ],
      [
        { chat_id: ann.id, text: "hi", reply_markup: { inline_keyboard: [[{ callback_data: "x" }]] } },
        `Bad Request: can't parse inline keyboard button: Can't find field "text"`,
      ],
      [
        { chat_id: ann.id, text: "hi", reply_markup: { inline_keyboard: [[{ text: "l", url: "ftp://example.com" }]] } },
        "Bad Request: inline keyboard button URL 'ftp://example.com' is invalid: Unsupported URL protocol",
      ],
      [{ chat_id: ann.id, text: "hi", reply_parameters: { message_id: 999 } }, "Bad Request: message to be replied not found"],
      [{ chat_id: ann.id, text: "hi", reply_parameters: { quote: "x" } }, `Bad Request: can't find field "message_id"`],
    ];
    for (const [body, description] of cases) {
      const answer = await server.call("sendMessage", body);
      expect({ body, status: answer.status, json: answer.json }).toEqual({
        body,
        status: 400,
        json: { ok: false, error_code: 400, description },
      });
    }
    expect(server.emulator.messages(ann.id)).toEqual([]);
  });

  it("keeps exactly 4096 characters, the raw HTML and the parsed entities", async () => {
    expect((await server.call("sendMessage", { chat_id: ann.id, text: "y".repeat(4096) })).json.ok).toBe(true);
    const html = await server.call("sendMessage", { chat_id: ann.id, text: "<b>Water</b> off at 10:00", parse_mode: "HTML" });
    expect(html.json.result).toMatchObject({
      text: "Water off at 10:00",
      entities: [{ type: "bold", offset: 0, length: 5 }],
      from: { id: 424242, is_bot: true },
      chat: { id: ann.id, type: "private", first_name: "Ann", last_name: "Lee", username: "ann_lee" },
    });
    const stored = server.emulator.lastMessage(ann.id);
    expect(stored).toMatchObject({ text: "<b>Water</b> off at 10:00", parseMode: "HTML", kind: "text", deleted: false });
  });

  it("numbers messages per chat, replies with reply_to_message and leaves entities out when there are none", async () => {
    const first = (await server.call("sendMessage", { chat_id: ann.id, text: "one" })).json.result;
    const second = (await server.call("sendMessage", { chat_id: ann.id, text: "two", reply_parameters: { message_id: first.message_id } })).json.result;
    expect(first.message_id).toBe(1);
    expect(second.message_id).toBe(2);
    expect(first).not.toHaveProperty("entities");
    expect(second.reply_to_message).toMatchObject({ message_id: 1, text: "one" });
    expect(typeof second.date).toBe("number");
    expect(second.date).toBeLessThan(Date.now() / 1000 + 5);

    const lenient = await server.call("sendMessage", {
      chat_id: ann.id,
      text: "three",
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect(lenient.json.result).not.toHaveProperty("reply_to_message");
  });

  it("echoes inline keyboards but not reply keyboards, and records both", async () => {
    const keyboard = { keyboard: [["Report a problem"], [{ text: "Share location", request_location: true }]], resize_keyboard: true };
    const answer = await server.call("sendMessage", { chat_id: ann.id, text: "Choose", reply_markup: keyboard });
    expect(answer.json.result).not.toHaveProperty("reply_markup");
    expect(server.emulator.lastMessage(ann.id)?.replyMarkup).toEqual(keyboard);
  });
});

describe("who the bot may write to", () => {
  it("answers 403 when the user blocked the bot, and counts it", async () => {
    server.emulator.blockBot(ann.id);
    const answer = await server.call("sendMessage", { chat_id: ann.id, text: "hello?" });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(server.emulator.stats().forbidden).toBe(1);

    server.emulator.blockBot(ann.id, false);
    expect((await server.call("sendMessage", { chat_id: ann.id, text: "hello" })).json.ok).toBe(true);
  });

  it("refuses the first message to a user who never opened the chat", async () => {
    const bob = server.emulator.createUser({ first_name: "Bob" });
    const answer = await server.call("sendMessage", { chat_id: bob.id, text: "hi" });
    expect(answer.status).toBe(403);
    expect(answer.json.description).toBe("Forbidden: bot can't initiate conversation with a user");

    server.emulator.sendText(bob.id, "/start");
    expect((await server.call("sendMessage", { chat_id: bob.id, text: "hi" })).json.ok).toBe(true);
  });

  it("needs the bot to be in a group, and writes there with a group chat object", async () => {
    const group = server.emulator.createGroup({ title: "House 12" });
    const ok = await server.call("sendMessage", { chat_id: group.id, text: "Meeting at 7" });
    expect(ok.json.result.chat).toEqual({ id: group.id, type: "group", title: "House 12" });
    expect(group.id).toBeLessThan(0);

    server.emulator.removeMember(group.id, server.emulator.bot.id, { kicked: true });
    const kicked = await server.call("sendMessage", { chat_id: group.id, text: "still here?" });
    expect(kicked.status).toBe(403);
    expect(kicked.json.description).toBe("Forbidden: bot was kicked from the group chat");

    const other = server.emulator.createGroup({ title: "Other", type: "supergroup", username: "other_house", botStatus: "left" });
    const absent = await server.call("sendMessage", { chat_id: "@other_house", text: "hi" });
    expect(absent.json.description).toBe("Forbidden: bot is not a member of the supergroup chat");
    expect(String(other.id)).toMatch(/^-100\d+$/);
  });
});

describe("media, places and files", () => {
  it("refuses sends without the file or required fields", async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["sendPhoto", { chat_id: ann.id }, "Bad Request: there is no photo in the request"],
      ["sendDocument", { chat_id: ann.id }, "Bad Request: there is no document in the request"],
      ["sendVoice", { chat_id: ann.id }, "Bad Request: there is no voice in the request"],
      ["sendPhoto", { chat_id: ann.id, photo: "AgACnot-a-real-id" }, "Bad Request: wrong file identifier/HTTP URL specified"],
      ["sendPhoto", { chat_id: ann.id, photo: "attach://missing" }, "Bad Request: there is no photo in the request"],
      ["sendPhoto", { chat_id: ann.id, photo: "https://example.com/a.jpg", caption: "c".repeat(1025) }, "Bad Request: message caption is too long"],
      ["sendLocation", { chat_id: ann.id, longitude: 30 }, "Bad Request: latitude is empty"],
      ["sendLocation", { chat_id: ann.id, latitude: 50 }, "Bad Request: longitude is empty"],
      ["sendVenue", { chat_id: ann.id, latitude: 50, longitude: 30, address: "Main st" }, `Bad Request: parameter "title" is required`],
      ["sendContact", { chat_id: ann.id, first_name: "Bo" }, `Bad Request: parameter "phone_number" is required`],
      ["sendChatAction", { chat_id: ann.id, action: "dancing" }, "Bad Request: wrong parameter action in request"],
      ["getFile", { file_id: "nope" }, "Bad Request: invalid file_id"],
      ["getFile", {}, "Bad Request: invalid file_id"],
    ];
    for (const [method, body, description] of cases) {
      const answer = await server.call(method, body);
      expect({ method, description: answer.json.description, status: answer.status }).toEqual({ method, description, status: 400 });
    }
  });

  it("sends locations and venues the way Telegram shapes them", async () => {
    const location = await server.call("sendLocation", { chat_id: ann.id, latitude: 50.45, longitude: 30.52 });
    expect(location.json.result.location).toEqual({ latitude: 50.45, longitude: 30.52 });
    const venue = await server.call("sendVenue", {
      chat_id: ann.id,
      latitude: "50.45",
      longitude: "30.52",
      title: "Boiler room",
      address: "12 Main st",
    });
    expect(venue.json.result).toMatchObject({
      location: { latitude: 50.45, longitude: 30.52 },
      venue: { location: { latitude: 50.45, longitude: 30.52 }, title: "Boiler room", address: "12 Main st" },
    });
    expect(server.emulator.messages(ann.id).map((message) => message.kind)).toEqual(["location", "venue"]);
  });

  it("stores an uploaded voice, serves it through getFile and the download URL, and re-sends it by file_id", async () => {
    const form = new FormData();
    form.set("chat_id", String(ann.id));
    form.set("duration", "3");
    form.set("voice", new Blob([Buffer.from("OggS-voice")]), "voice.ogg");
    const sent = (await server.call("sendVoice", undefined, { raw: form })).json.result;
    expect(sent.voice).toMatchObject({ duration: 3, mime_type: "audio/ogg", file_size: 10 });

    const file = (await server.call("getFile", { file_id: sent.voice.file_id })).json.result;
    expect(file).toEqual({
      file_id: sent.voice.file_id,
      file_unique_id: sent.voice.file_unique_id,
      file_size: 10,
      file_path: expect.stringMatching(/^voice\/file_\d+\.oga$/),
    });
    const download = await fetch(`${server.url}/file/bot${TOKEN}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe("OggS-voice");

    const again = await server.call("sendVoice", { chat_id: ann.id, voice: sent.voice.file_id });
    expect(again.json.result.voice.file_id).toBe(sent.voice.file_id);

    const mismatch = await server.call("sendPhoto", { chat_id: ann.id, photo: sent.voice.file_id });
    expect(mismatch.json.description).toBe("Bad Request: type of file mismatch");

    const missing = await fetch(`${server.url}/file/bot${TOKEN}/voice/file_999.oga`);
    expect(missing.status).toBe(404);
    const wrongToken = await fetch(`${server.url}/file/bot1:other/${file.file_path}`);
    expect(wrongToken.status).toBe(401);
  });

  it("reads the photo size from PNG headers and builds Telegram's size ladder", async () => {
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
    png.writeUInt32BE(13, 8);
    png.write("IHDR", 12, "latin1");
    png.writeUInt32BE(2000, 16);
    png.writeUInt32BE(1000, 20);
    const form = new FormData();
    form.set("chat_id", String(ann.id));
    form.set("photo", new Blob([png]), "plan.png");
    const sent = (await server.call("sendPhoto", undefined, { raw: form })).json.result;
    expect(sent.photo.map((size: { width: number; height: number }) => [size.width, size.height])).toEqual([
      [90, 45],
      [320, 160],
      [800, 400],
      [1280, 640],
      [2000, 1000],
    ]);
  });

  it("copies and forwards messages", async () => {
    const group = server.emulator.createGroup({ title: "Board", members: [ann.id] });
    const original = (await server.call("sendMessage", { chat_id: ann.id, text: "<i>notice</i>", parse_mode: "HTML" })).json.result;

    const copy = await server.call("copyMessage", { chat_id: group.id, from_chat_id: ann.id, message_id: original.message_id });
    expect(copy.json.result).toEqual({ message_id: 1 });
    expect(server.emulator.message(group.id, 1)?.message).toMatchObject({ text: "notice", entities: [{ type: "italic", offset: 0, length: 6 }] });
    expect(server.emulator.message(group.id, 1)?.message).not.toHaveProperty("forward_origin");

    const forward = await server.call("forwardMessage", { chat_id: group.id, from_chat_id: ann.id, message_id: original.message_id });
    expect(forward.json.result.forward_origin).toMatchObject({ type: "user", sender_user: { id: 424242 } });

    const missing = await server.call("copyMessage", { chat_id: group.id, from_chat_id: ann.id, message_id: 77 });
    expect(missing.json.description).toBe("Bad Request: message to copy not found");
    const noSource = await server.call("forwardMessage", { chat_id: group.id, message_id: 1 });
    expect(noSource.json.description).toBe(`Bad Request: parameter "from_chat_id" is required`);
  });
});

describe("edits and deletes", () => {
  async function sendWithButton(): Promise<number> {
    const answer = await server.call("sendMessage", {
      chat_id: ann.id,
      text: "Status: open",
      reply_markup: { inline_keyboard: [[{ text: "Close", callback_data: "close:1" }]] },
    });
    return answer.json.result.message_id as number;
  }

  it("edits text, drops the keyboard unless it is sent again, and keeps the history", async () => {
    const id = await sendWithButton();
    const edited = await server.call("editMessageText", { chat_id: ann.id, message_id: id, text: "Status: <b>closed</b>", parse_mode: "HTML" });
    expect(edited.json.result).toMatchObject({ message_id: id, text: "Status: closed", edit_date: expect.any(Number) });
    expect(edited.json.result).not.toHaveProperty("reply_markup");

    const view = server.emulator.message(ann.id, id);
    expect(view).toMatchObject({ text: "Status: <b>closed</b>", parseMode: "HTML" });
    expect(view?.revisions).toEqual([
      expect.objectContaining({ text: "Status: open", replyMarkup: { inline_keyboard: [[{ text: "Close", callback_data: "close:1" }]] } }),
    ]);
  });

  it("answers 'message is not modified' when nothing changes, markup key order aside", async () => {
    const id = await sendWithButton();
    const same = await server.call("editMessageText", {
      chat_id: ann.id,
      message_id: id,
      text: "Status: open",
      reply_markup: { inline_keyboard: [[{ callback_data: "close:1", text: "Close" }]] },
    });
    expect(same.status).toBe(400);
    expect(same.json.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );

    const markupOnly = await server.call("editMessageReplyMarkup", { chat_id: ann.id, message_id: id, reply_markup: { inline_keyboard: [] } });
    expect(markupOnly.json.result).not.toHaveProperty("reply_markup");
    const again = await server.call("editMessageReplyMarkup", { chat_id: ann.id, message_id: id });
    expect(again.json.description).toMatch(/^Bad Request: message is not modified/);
  });

  it("refuses edits of missing, foreign or wrong-kind messages", async () => {
    const id = await sendWithButton();
    const userMessage = server.emulator.sendText(ann.id, "my own text");
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["editMessageText", { chat_id: ann.id, message_id: 999, text: "x" }, "Bad Request: message to edit not found"],
      ["editMessageText", { chat_id: ann.id, text: "x" }, "Bad Request: message to edit not found"],
      ["editMessageText", { message_id: id, text: "x" }, "Bad Request: chat_id is empty"],
      ["editMessageText", { text: "x" }, "Bad Request: message identifier is not specified"],
      ["editMessageText", { chat_id: ann.id, message_id: id }, "Bad Request: message text is empty"],
      ["editMessageText", { chat_id: ann.id, message_id: userMessage.message_id, text: "x" }, "Bad Request: message can't be edited"],
      ["editMessageCaption", { chat_id: ann.id, message_id: id, caption: "x" }, "Bad Request: there is no caption in the message to edit"],
      ["editMessageReplyMarkup", { chat_id: 12345, message_id: id }, "Bad Request: chat not found"],
    ];
    for (const [method, body, description] of cases) {
      const answer = await server.call(method, body);
      expect({ method, body, description: answer.json.description }).toEqual({ method, body, description });
    }
  });

  it("edits captions of media messages", async () => {
    const photo = (await server.call("sendPhoto", { chat_id: ann.id, photo: "https://example.com/leak.jpg", caption: "Leak" })).json.result;
    const edited = await server.call("editMessageCaption", { chat_id: ann.id, message_id: photo.message_id, caption: "Leak (fixed)" });
    expect(edited.json.result).toMatchObject({ caption: "Leak (fixed)", photo: expect.any(Array) });
    const cleared = await server.call("editMessageCaption", { chat_id: ann.id, message_id: photo.message_id });
    expect(cleared.json.result).not.toHaveProperty("caption");
  });

  it("deletes a message once, flags it, and refuses a second delete", async () => {
    const id = await sendWithButton();
    expect((await server.call("deleteMessage", { chat_id: ann.id, message_id: id })).json).toEqual({ ok: true, result: true });
    expect(server.emulator.message(ann.id, id)?.deleted).toBe(true);
    expect(server.emulator.lastMessage(ann.id)).toBeUndefined();

    const twice = await server.call("deleteMessage", { chat_id: ann.id, message_id: id });
    expect(twice.json).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to delete not found" });
    expect((await server.call("deleteMessage", { message_id: id })).json.description).toBe("Bad Request: chat identifier is not specified");
    expect((await server.call("deleteMessage", { chat_id: ann.id })).json.description).toBe("Bad Request: message identifier is not specified");
    const edit = await server.call("editMessageText", { chat_id: ann.id, message_id: id, text: "ghost" });
    expect(edit.json.description).toBe("Bad Request: message to edit not found");
  });

  it("lets the bot delete others' group messages only as an administrator", async () => {
    const group = server.emulator.createGroup({ title: "Yard", members: [ann.id] });
    const posted = server.emulator.sendText(ann.id, "spam", { chatId: group.id });
    const refused = await server.call("deleteMessage", { chat_id: group.id, message_id: posted.message_id });
    expect(refused.json.description).toBe("Bad Request: message can't be deleted");

    server.emulator.addMember(group.id, server.emulator.bot.id, { status: "administrator" });
    expect((await server.call("deleteMessage", { chat_id: group.id, message_id: posted.message_id })).json.ok).toBe(true);
  });
});

describe("bot settings and chats", () => {
  it("stores commands per scope and language", async () => {
    const commands = [
      { command: "start", description: "Start" },
      { command: "report", description: "Report a problem" },
    ];
    expect((await server.call("setMyCommands", { commands })).json).toEqual({ ok: true, result: true });
    expect((await server.call("setMyCommands", { commands: [{ command: "старт", description: "x" }], language_code: "uk" })).json.description).toBe(
      "Bad Request: BOT_COMMAND_INVALID",
    );
    await server.call("setMyCommands", { commands: [{ command: "start", description: "Почати" }], language_code: "uk" });
    expect((await server.call("getMyCommands")).json.result).toEqual(commands);
    expect((await server.call("getMyCommands", { language_code: "uk" })).json.result).toEqual([{ command: "start", description: "Почати" }]);
    expect(server.emulator.commands()).toEqual(commands);

    await server.call("deleteMyCommands");
    expect((await server.call("getMyCommands")).json.result).toEqual([]);
    expect((await server.call("setMyCommands", {})).json.description).toBe(`Bad Request: parameter "commands" is required`);
  });

  it("describes chats and members", async () => {
    const group = server.emulator.createGroup({ title: "Entrance 3", type: "supergroup", members: [ann.id] });
    expect((await server.call("getChat", { chat_id: ann.id })).json.result).toMatchObject({
      id: ann.id,
      type: "private",
      first_name: "Ann",
      username: "ann_lee",
    });
    expect((await server.call("getChat", { chat_id: group.id })).json.result).toMatchObject({ type: "supergroup", title: "Entrance 3" });
    expect((await server.call("getChatMember", { chat_id: group.id, user_id: ann.id })).json.result).toEqual({
      status: "member",
      user: { id: ann.id, is_bot: false, first_name: "Ann", last_name: "Lee", username: "ann_lee" },
    });
    expect((await server.call("getChatMemberCount", { chat_id: group.id })).json.result).toBe(2);
    expect((await server.call("getChatMember", { chat_id: group.id })).json.description).toBe("Bad Request: invalid user_id specified");
  });

  it("refuses unknown or repeated callback query answers", async () => {
    const bad = await server.call("answerCallbackQuery", { callback_query_id: "123" });
    expect(bad.json.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");

    const sent = (
      await server.call("sendMessage", {
        chat_id: ann.id,
        text: "Rate",
        reply_markup: { inline_keyboard: [[{ text: "👍", callback_data: "up" }]] },
      })
    ).json.result;
    const pressed = server.emulator.pressButton(ann.id, ann.id, sent.message_id, "up");
    const answered = await server.call("answerCallbackQuery", { callback_query_id: pressed.id, text: "Thanks!", show_alert: true });
    expect(answered.json).toEqual({ ok: true, result: true });
    expect(server.emulator.callback(pressed.id)).toMatchObject({ answered: true, answer: { text: "Thanks!", show_alert: true } });
    expect(server.emulator.messages(ann.id)[0]?.callbacks[0]?.answer?.text).toBe("Thanks!");

    const twice = await server.call("answerCallbackQuery", { callback_query_id: pressed.id });
    expect(twice.json.error_code).toBe(400);
  });
});

describe("call log and stats", () => {
  it("logs every call with its method, parameters and outcome", async () => {
    await server.call("sendMessage", { chat_id: ann.id, text: "a" });
    await server.call("sendMessage", { chat_id: 1, text: "b" });
    await server.call("nope");
    const calls = server.emulator.calls();
    expect(calls.map((call) => [call.method, call.ok])).toEqual([
      ["sendMessage", true],
      ["sendMessage", false],
      ["nope", false],
    ]);
    expect(calls[0]?.params).toEqual({ chat_id: ann.id, text: "a" });
    expect(calls[1]?.description).toBe("Bad Request: chat not found");
    const stats = server.emulator.stats();
    expect(stats).toMatchObject({ total: 3, ok: 1, failed: 2, perMethod: { sendMessage: 2, nope: 1 }, byErrorCode: { 400: 1, 404: 1 } });

    server.emulator.clearCalls();
    server.emulator.resetStats();
    expect(server.emulator.calls()).toEqual([]);
    expect(server.emulator.stats().total).toBe(0);
  });
});
