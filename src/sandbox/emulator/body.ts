import type { IncomingMessage } from "node:http";
import { Args, type Upload } from "./args.js";
import { badRequest, tooLarge } from "./errors.js";
import { boundaryOf, MultipartError, parseMultipart } from "./multipart.js";

/** Telegram accepts multipart uploads of up to 50 MB from bots. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Parameters that hold JSON even in form bodies; decoded for the call log only. */
const JSON_FIELDS = new Set([
  "reply_markup",
  "reply_parameters",
  "entities",
  "caption_entities",
  "link_preview_options",
  "allowed_updates",
  "commands",
  "scope",
  "media",
  "message_ids",
  "menu_button",
]);

export interface ParsedRequest {
  args: Args;
  /** For the call log: typed values from JSON bodies, strings (JSON fields decoded) otherwise. */
  params: Record<string, unknown>;
}

/** Reads the request body, refusing it (413, as Telegram) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        // Keep reading (and discarding) so the 413 answer can still be written back.
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (!refused) reject(error);
    });
  });
}

/**
 * Turns query string plus body into Telegram-style parameters. Body fields override query
 * fields of the same name. Anything that cannot be decoded is a 400, never an exception.
 */
export function parseRequest(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedRequest {
  const record: Record<string, unknown> = {};
  for (const [key, value] of query) record[key] = value;
  const uploads = new Map<string, Upload>();
  const type = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
  let typed = false;

  if (body.length > 0) {
    if (type === "application/json") {
      Object.assign(record, parseJsonBody(body));
      typed = true;
    } else if (type === "application/x-www-form-urlencoded") {
      for (const [key, value] of new URLSearchParams(body.toString("utf8"))) record[key] = value;
    } else if (type === "multipart/form-data") {
      const boundary = boundaryOf(contentType ?? "");
      if (boundary === undefined) throw badRequest("can't parse multipart/form-data: boundary not specified");
      let parts: ReturnType<typeof parseMultipart>;
      try {
        parts = parseMultipart(body, boundary);
      } catch (error) {
        if (error instanceof MultipartError) throw badRequest(`can't parse multipart/form-data: ${error.message}`);
        throw error;
      }
      for (const part of parts) {
        if (part.filename !== undefined) {
          uploads.set(part.name, {
            field: part.name,
            filename: part.filename,
            contentType: part.contentType ?? "application/octet-stream",
            data: part.data,
          });
        } else {
          record[part.name] = part.data.toString("utf8");
        }
      }
    }
    // Other content types carry no parameters Telegram would read; the query string still counts.
  }

  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    params[key] = !typed && typeof value === "string" && JSON_FIELDS.has(key) ? decodeForLog(value) : value;
  }
  return { args: Args.from(record, uploads), params };
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("can't parse JSON object");
  }
  return value as Record<string, unknown>;
}

function decodeForLog(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
