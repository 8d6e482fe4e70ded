import { createHash, timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Context as HonoContext } from "hono";
import type { Logger } from "../logger.js";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  /** The secret_token given to setWebhook; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  /** Handles one update; resolves when its effects have committed. */
  handleUpdate: (update: Update) => Promise<void>;
  maxBodyBytes?: number;
  logger?: Logger;
}

/**
 * The Telegram webhook route. Telegram retries anything but a 2xx for up to a day, so each
 * answer says what a retry would achieve:
 *  401 wrong or missing secret · 413 body over the limit · 400 not JSON, or not an update
 *  (a retry cannot fix either) · 200 handled · 503 handling failed: redeliver it (the update
 *  ledger makes a redelivery of a half-done update harmless).
 * The body is never logged: it is what a resident typed.
 */
export function createWebhookHandler(options: WebhookOptions): (c: HonoContext) => Promise<Response> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const expected = digest(options.secretToken);
  return async (c) => {
    const given = c.req.header("X-Telegram-Bot-Api-Secret-Token");
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) return c.text("unauthorized", 401);

    const declared = c.req.header("Content-Length");
    if (declared !== undefined && Number(declared) > maxBytes) return c.text("payload too large", 413);
    let body: Uint8Array | "too large";
    try {
      body = await readLimited(c.req.raw.body, maxBytes);
    } catch {
      return c.text("bad request", 400); // the sender hung up mid-body; nobody reads this answer
    }
    if (body === "too large") return c.text("payload too large", 413);

    const update = parseUpdate(body);
    if (update === undefined) return c.text("bad request", 400);

    try {
      await options.handleUpdate(update);
    } catch (error) {
      options.logger?.error({ err: error, update_id: update.update_id }, "webhook update failed; Telegram will redeliver it");
      return c.text("unavailable", 503);
    }
    return c.body(null, 200);
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Reads the body while counting: a missing or lying Content-Length cannot make us hold more
 * than `maxBytes` (we stop reading at the first chunk past it).
 */
async function readLimited(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array | "too large"> {
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Nothing more is read; the connection closes after our answer.
      await reader.cancel().catch(() => {});
      return "too large";
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** An update is a JSON object with a non-negative safe-integer update_id; anything else is undefined. */
export function parseUpdate(body: Uint8Array): Update | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const updateId = (value as { update_id?: unknown }).update_id;
  if (typeof updateId !== "number" || !Number.isSafeInteger(updateId) || updateId < 0) return undefined;
  return value as Update;
}
