import { type Api, InputFile } from "grammy";
import type { PhotoRef } from "../features/reports/service.js";

/** What the browser may be handed, by kind: what Telegram stores is shown or played, never run. */
const allowedTypes = {
  image: { pattern: /^image\/(jpeg|png|webp|gif)$/, fallback: "image/jpeg" },
  // Voice notes are OGG/Opus, which Telegram's file server may label as anything.
  audio: { pattern: /^audio\/(ogg|mpeg|mp4)$/, fallback: "audio/ogg" },
} as const;

/**
 * Fetches a Telegram file by id with the bot's token, for pages that show report photos and play
 * voice notes: the file's address (which holds the token) stays on the server; the browser gets
 * the bytes. Telegram's answer "no such file" (400) is undefined; anything else that fails throws.
 */
export function telegramFileFetcher(api: Api, token: string, apiRoot = "https://api.telegram.org") {
  return async (fileId: string, kind: "image" | "audio" = "image"): Promise<{ body: ReadableStream<Uint8Array>; contentType: string } | undefined> => {
    let path: string | undefined;
    try {
      path = (await api.getFile(fileId)).file_path;
    } catch (error) {
      if ((error as { error_code?: number }).error_code === 400) return undefined;
      throw error;
    }
    if (!path) return undefined;
    const response = await fetch(`${apiRoot.replace(/\/+$/, "")}/file/bot${token}/${path}`);
    if (response.status === 404) return undefined;
    if (!response.ok || !response.body) throw new Error(`Telegram file download failed: ${response.status}`);
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    const allowed = allowedTypes[kind];
    return { body: response.body, contentType: allowed.pattern.test(type) ? type : allowed.fallback };
  };
}

/**
 * Sends a photo uploaded on the dashboard to a person's private chat with the bot (captioned, so
 * they know why it is there) and answers the file id of its largest size, which is what a report
 * keeps. The person has that chat: they asked the bot for their /dashboard link in it.
 */
export function telegramPhotoUploader(api: Api) {
  return async (input: { chatId: number; bytes: Uint8Array; filename: string; caption: string }): Promise<PhotoRef> => {
    const message = await api.sendPhoto(input.chatId, new InputFile(input.bytes, input.filename), { caption: input.caption });
    const largest = message.photo?.at(-1);
    if (!largest) throw new Error("Telegram answered sendPhoto without a photo");
    return { fileId: largest.file_id, fileUniqueId: largest.file_unique_id };
  };
}
