import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramFileFetcher, telegramPhotoUploader } from "../../src/http/telegram-files.js";
import { createEmulator } from "../../src/sandbox/emulator/index.js";
import { pngImage } from "../e2e/sandbox-process.js";

// The dashboard's two ways to Telegram's files, against the sandbox's Bot API emulator: an
// after-photo uploaded (multipart sendPhoto) comes back as a file id that the photo proxy can
// then fetch with the bot's token; a voice note is handed on as audio, never as anything else.

const TOKEN = "4242:files-test-token";
const emulator = createEmulator({ token: TOKEN });
let bot: Bot;
let apiRoot: string;

beforeAll(async () => {
  apiRoot = (await emulator.start()).url;
  bot = new Bot(TOKEN, { client: { apiRoot } });
});
afterAll(() => emulator.stop());

async function bytesOf(body: ReadableStream<Uint8Array> | ArrayBuffer): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}

describe("Telegram files for the dashboard", () => {
  it("an uploaded photo becomes a file id (the largest size) that the proxy fetches back byte for byte", async () => {
    const chen = emulator.createUser({ first_name: "Chen", started: true });
    const image = pngImage(1000, 600);
    const ref = await telegramPhotoUploader(bot.api)({ chatId: chen.id, bytes: image, filename: "after-1.png", caption: "📷 After-photo for R-000007" });
    const sent = emulator
      .messages(chen.id)
      .filter((m) => m.fromBot && m.message.photo)
      .at(-1);
    expect(sent?.caption).toBe("📷 After-photo for R-000007");
    // The largest of the sizes Telegram made: the one a report keeps.
    expect(sent!.message.photo!.length).toBeGreaterThan(1);
    expect(ref).toEqual({ fileId: sent!.message.photo!.at(-1)!.file_id, fileUniqueId: sent!.message.photo!.at(-1)!.file_unique_id });
    const file = await telegramFileFetcher(bot.api, TOKEN, apiRoot)(ref.fileId);
    expect(file?.contentType).toBe("image/jpeg");
    expect(await bytesOf(file!.body)).toEqual(Buffer.from(image));
  });

  it("a person who never opened the chat cannot be sent one: the uploader throws (the dashboard then changes nothing)", async () => {
    const stranger = emulator.createUser({ first_name: "Stranger", started: false });
    // Telegram's 403; on a loaded machine a reused keep-alive socket may fail the upload first,
    // which is a throw all the same: what the caller relies on is that it never answers a file id.
    await expect(telegramPhotoUploader(bot.api)({ chatId: stranger.id, bytes: pngImage(), filename: "a.png", caption: "x" })).rejects.toThrow(
      /initiate|Network request/,
    );
    expect(emulator.messages(stranger.id)).toEqual([]);
  });

  it("a voice note is fetched as audio; an unknown id is undefined", async () => {
    const wang = emulator.createUser({ first_name: "Wang", started: true });
    const ogg = Buffer.from("OggS\u0000\u0002 a voice note");
    const message = emulator.sendVoice(wang.id, ogg);
    const fetchFile = telegramFileFetcher(bot.api, TOKEN, apiRoot);
    const voice = await fetchFile(message.voice!.file_id, "audio");
    expect(voice?.contentType).toBe("audio/ogg");
    expect(await bytesOf(voice!.body)).toEqual(ogg);
    expect(await fetchFile("AgACnot-a-file")).toBeUndefined();
  });
});
