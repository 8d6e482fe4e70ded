import type { Api } from "grammy";

/**
 * Fetches a Telegram file by id with the bot's token, for pages that show report photos: the
 * file's address (which holds the token) stays on the server; the browser gets the bytes.
 * Telegram's answer "no such file" (400) is undefined; anything else that fails throws.
 */
export function telegramFileFetcher(api: Api, token: string, apiRoot = "https://api.telegram.org") {
  return async (fileId: string): Promise<{ body: ReadableStream<Uint8Array>; contentType: string } | undefined> => {
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
    // Only an image type passes on: what Telegram stores is shown, never run, by the browser.
    const type = response.headers.get("content-type") ?? "";
    return { body: response.body, contentType: /^image\/(jpeg|png|webp|gif)$/.test(type) ? type : "image/jpeg" };
  };
}
