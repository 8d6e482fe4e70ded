// sendMediaGroup: an album of photos or documents.
import { randomInt } from "node:crypto";
import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest, parameterRequired } from "../errors.js";
import { finishCaption, formatText } from "../format.js";
import type { NewMessage } from "../message-records.js";
import type { Formatted } from "../text.js";
import type { TgMessage } from "../types.js";
import { resolveChat, storeFile, storePhoto, sourceOf, type FileSource } from "./common.js";
import type { CallContext } from "./context.js";
import { admit, storeBotMessage, checkThread, captionContent, documentOf, type Content } from "./delivery.js";

interface AlbumItem {
  kind: "photo" | "document";
  source: FileSource;
  caption: Formatted | undefined;
  raw: NonNullable<NewMessage["raw"]>;
}

/** One InputMedia of an album; photos and documents are emulated. */
function albumItem(core: EmulatorCore, args: Args, value: unknown): AlbumItem {
  const fail = (message: string) => badRequest(`can't parse InputMedia: ${message}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail("expected an Object");
  const item = value as Record<string, unknown>;
  const type = typeof item.type === "string" ? item.type : "";
  if (type !== "photo" && type !== "document") throw fail(`type "${type}" is unsupported`);
  if (typeof item.media !== "string") throw fail(`Can't find field "media"`);
  const source = sourceOf(core, args, item.media, "", type, () => badRequest("media not found"));
  const text = typeof item.caption === "string" ? item.caption : "";
  const parseMode = typeof item.parse_mode === "string" ? item.parse_mode : "";
  const formattedCaption = finishCaption(formatText(text, parseMode, item.caption_entities, (id) => core.store.findUser(id)));
  return {
    kind: type,
    source,
    caption: formattedCaption,
    raw: formattedCaption === undefined ? {} : { caption: text, parseMode },
  };
}

/**
 * An album: 2-10 photos or 2-10 documents sharing a media_group_id. It is charged as one
 * send against the flood limits (a bot posts a whole album at once on Telegram too).
 */
export function sendMediaGroup({ core, args }: CallContext): TgMessage[] {
  const media = args.json("media", "can't parse media JSON object");
  if (media === undefined) throw parameterRequired("media");
  if (!Array.isArray(media)) throw badRequest("expected an Array of InputMedia");
  if (media.length < 2 || media.length > 10) throw badRequest("wrong number of media in the album");
  const items = (media as unknown[]).map((value) => albumItem(core, args, value));
  if (new Set(items.map((item) => item.kind)).size > 1) {
    throw badRequest("can't use the media of the specified type in the album");
  }
  const chat = resolveChat(core, args);
  checkThread(args);
  const replyTo = admit(core, args, chat);
  const groupId = String(randomInt(1, 2 ** 47));
  return items.map((item) => {
    const content: Content =
      item.kind === "photo" ? { photo: storePhoto(core, item.source) } : { document: documentOf(storeFile(core, "document", item.source)) };
    return storeBotMessage(core, args, chat, item.kind, { ...content, media_group_id: groupId, ...captionContent(item.caption) }, item.raw, undefined, replyTo);
  });
}
