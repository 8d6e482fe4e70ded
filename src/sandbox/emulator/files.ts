import { randomBytes } from "node:crypto";
import { extname } from "node:path";
import { FALLBACK_IMAGE_SIZE, imageSize } from "./image.js";
import type { TgFile, TgPhotoSize } from "./types.js";

export type FileKind = "photo" | "document" | "voice" | "sticker";

/** Bots may download files of up to 20 MB through getFile. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  kind: FileKind;
  data: Buffer;
  /** Relative path served under /file/bot<token>/. */
  file_path: string;
  file_name?: string;
  mime_type?: string;
  width?: number;
  height?: number;
  duration?: number;
  /** Set when the bot sent the file by HTTP URL: the emulator keeps the link, not the content. */
  url?: string;
  /** For photos: the whole PhotoSize set this size belongs to (resending any size resends the set). */
  photo?: TgPhotoSize[];
}

export interface FileMeta {
  filename?: string;
  contentType?: string;
  duration?: number;
  url?: string;
}

/** The real file_id prefixes Telegram uses per file type, so ids look familiar in logs. */
const ID_PREFIX: Record<FileKind, string> = { photo: "AgAC", document: "BQAC", voice: "AwAC", sticker: "CAAC" };
const FOLDER: Record<FileKind, string> = { photo: "photos", document: "documents", voice: "voice", sticker: "stickers" };

/** Telegram's photo thumbnails: the s/m/x/y sizes, then the original capped at 2560. */
const PHOTO_STEPS = [90, 320, 800, 1280];
const PHOTO_MAX = 2560;

const MIME_BY_EXTENSION = new Map([
  [".jpg", "image/jpeg"],
  [".jpeg", "image/jpeg"],
  [".png", "image/png"],
  [".gif", "image/gif"],
  [".webp", "image/webp"],
  [".pdf", "application/pdf"],
  [".txt", "text/plain"],
  [".csv", "text/csv"],
  [".json", "application/json"],
  [".zip", "application/zip"],
  [".ogg", "audio/ogg"],
  [".oga", "audio/ogg"],
  [".mp3", "audio/mpeg"],
  [".m4a", "audio/mp4"],
  [".mp4", "video/mp4"],
  [".doc", "application/msword"],
  [".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  [".xls", "application/vnd.ms-excel"],
  [".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
]);

/**
 * Every file the emulator has seen, in memory. Files get Telegram-like ids; any id the
 * emulator issued can be sent again and fetched with getFile and a download.
 */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  /**
   * Stores one photo and returns its PhotoSize set, smallest first, as Telegram does. The
   * sizes share the original bytes: the emulator does not resample images.
   */
  addPhoto(data: Buffer, meta: FileMeta = {}): TgPhotoSize[] {
    const { width, height } = imageSize(data) ?? FALLBACK_IMAGE_SIZE;
    const longest = Math.max(width, height);
    const limits = PHOTO_STEPS.filter((step) => step < longest);
    limits.push(Math.min(longest, PHOTO_MAX));
    const sizes: TgPhotoSize[] = [];
    const files: StoredFile[] = [];
    for (const limit of limits) {
      const scale = limit / longest;
      const file = this.store("photo", data, {
        ...meta,
        width: Math.max(1, Math.round(width * scale)),
        height: Math.max(1, Math.round(height * scale)),
      });
      files.push(file);
      sizes.push(photoSize(file));
    }
    for (const file of files) file.photo = sizes;
    return sizes;
  }

  add(kind: Exclude<FileKind, "photo">, data: Buffer, meta: FileMeta = {}): StoredFile {
    const size = kind === "sticker" ? (imageSize(data) ?? { width: 512, height: 512 }) : undefined;
    return this.store(kind, data, { ...meta, ...size });
  }

  toTgFile(file: StoredFile): TgFile {
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.data.length, file_path: file.file_path };
  }

  private store(kind: FileKind, data: Buffer, meta: FileMeta & { width?: number; height?: number }): StoredFile {
    const number = this.counter++;
    const extension = fileExtension(kind, meta.filename);
    const file: StoredFile = {
      file_id: `${ID_PREFIX[kind]}${randomBytes(30).toString("base64url")}`,
      file_unique_id: `AQAD${randomBytes(9).toString("base64url")}`,
      kind,
      data,
      file_path: `${FOLDER[kind]}/file_${number}${extension}`,
    };
    if (meta.filename !== undefined && kind === "document") file.file_name = meta.filename;
    const mime = mimeType(kind, meta.filename, meta.contentType);
    if (mime !== undefined) file.mime_type = mime;
    if (meta.width !== undefined) file.width = meta.width;
    if (meta.height !== undefined) file.height = meta.height;
    if (meta.duration !== undefined) file.duration = meta.duration;
    if (meta.url !== undefined) file.url = meta.url;
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }
}

export function photoSize(file: StoredFile): TgPhotoSize {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.data.length,
    width: file.width ?? FALLBACK_IMAGE_SIZE.width,
    height: file.height ?? FALLBACK_IMAGE_SIZE.height,
  };
}

function fileExtension(kind: FileKind, filename: string | undefined): string {
  switch (kind) {
    case "photo":
      return ".jpg";
    case "voice":
      return ".oga";
    case "sticker":
      return ".webp";
    case "document": {
      const extension = filename === undefined ? "" : extname(filename).toLowerCase();
      return /^\.[a-z0-9]{1,10}$/.test(extension) ? extension : "";
    }
  }
}

function mimeType(kind: FileKind, filename: string | undefined, contentType: string | undefined): string | undefined {
  if (kind === "photo") return undefined;
  if (kind === "voice") return "audio/ogg";
  if (kind === "sticker") return "image/webp";
  const byName = filename === undefined ? undefined : MIME_BY_EXTENSION.get(extname(filename).toLowerCase());
  if (byName !== undefined) return byName;
  // Clients label every upload application/octet-stream; only a specific type says something.
  if (contentType !== undefined && contentType !== "application/octet-stream") return contentType.split(";")[0]?.trim();
  return undefined;
}

/** Content-Type for a download. */
export function downloadType(file: StoredFile): string {
  if (file.kind === "photo") return "image/jpeg";
  return file.mime_type ?? "application/octet-stream";
}
