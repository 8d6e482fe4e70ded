import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { getRequestListener } from "@hono/node-server";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/server.js";
import { createWebhookHandler, DEFAULT_MAX_BODY_BYTES } from "../../src/http/webhook.js";
import { createLogger } from "../../src/logger.js";

const SECRET = "webhook-secret_0123456789abcdef";
const PATH = "/telegram/hook";
const update = (id: number, text = "hello"): Update =>
  ({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 5, type: "private", first_name: "A" }, text } }) as Update;

function setup(options: { maxBodyBytes?: number; fail?: unknown } = {}) {
  const handled: Update[] = [];
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    format: "json",
    destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }),
  });
  const handler = createWebhookHandler({
    secretToken: SECRET,
    logger,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    handleUpdate: async (u) => {
      if (options.fail !== undefined) throw options.fail;
      handled.push(u);
    },
  });
  const app = createHttpApp({ ping: async () => true, webhook: { path: PATH, handler } });
  const post = (body: string | Uint8Array | ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}, secret: string | null = SECRET) =>
    app.request(PATH, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }), ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
  return { app, handler, handled, lines, post };
}

describe("webhook: the secret", () => {
  it("401 without the header, with a wrong one, a prefix, a longer one or an empty one; nothing handled", async () => {
    const { handled, post } = setup();
    const body = JSON.stringify(update(1));
    expect((await post(body, {}, null)).status).toBe(401);
    for (const wrong of ["wrong-secret_0123456789abcdef", `${SECRET}x`, SECRET.slice(0, -1), "", SECRET.toUpperCase()]) {
      expect((await post(body, {}, wrong)).status, `secret ${JSON.stringify(wrong)}`).toBe(401);
    }
    expect(handled).toEqual([]);
  });

  it("checks the secret before reading the body: a stranger's huge or broken body is still 401", async () => {
    const { post } = setup();
    expect((await post("x".repeat(2 * DEFAULT_MAX_BODY_BYTES), {}, "nope")).status).toBe(401);
    expect((await post("not json", {}, null)).status).toBe(401);
  });
});

describe("webhook: bodies that are not updates", () => {
  it.each([
    ["not JSON", "update_id=1"],
    ["truncated JSON", '{"update_id": 1, "message": {'],
    ["empty", ""],
    ["null", "null"],
    ["an array", "[1, 2]"],
    ["a string", '"update"'],
    ["a number", "42"],
    ["true", "true"],
    ["an object without update_id", '{"message": {}}'],
    ["a string update_id", '{"update_id": "7"}'],
    ["a negative update_id", '{"update_id": -1}'],
    ["a fractional update_id", '{"update_id": 1.5}'],
    ["an update_id beyond 2^53", '{"update_id": 9007199254740993}'],
    ["a null update_id", '{"update_id": null}'],
  ])("400 for %s, nothing handled", async (_name, body) => {
    const { handled, post } = setup();
    expect((await post(body)).status).toBe(400);
    expect(handled).toEqual([]);
  });

  it("400 for bytes that are not UTF-8", async () => {
    const { handled, post } = setup();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"update_id": 1, "x": "'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    expect((await post(bytes)).status).toBe(400);
    expect(handled).toEqual([]);
  });
});

describe("webhook: size", () => {
  it("413 when Content-Length says more than 1 MiB, without handling", async () => {
    const { handled, post } = setup();
    const body = JSON.stringify({ ...update(1), padding: "x".repeat(DEFAULT_MAX_BODY_BYTES) });
    expect((await post(body)).status).toBe(413);
    expect(handled).toEqual([]);
  });

  it("takes a body of exactly the limit, refuses one byte more", async () => {
    const { handled, post } = setup({ maxBodyBytes: 100 });
    const exact = (n: number) => {
      const base = JSON.stringify({ update_id: 3, padding: "" });
      return JSON.stringify({ update_id: 3, padding: "x".repeat(n - base.length) });
    };
    expect(exact(100)).toHaveLength(100);
    expect((await post(exact(100))).status).toBe(200);
    expect((await post(exact(101))).status).toBe(413);
    expect(handled.map((u) => u.update_id)).toEqual([3]);
  });

  it("counts the bytes it reads: a body that never ends, under a Content-Length that lies, is cut off at the limit", async () => {
    const { handled, post } = setup();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = new TextEncoder().encode(pulled === 0 ? '{"update_id": 1, "x": "' : "x".repeat(64 * 1024));
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await post(endless, { "content-length": "40" });
    expect(response.status).toBe(413);
    expect(handled).toEqual([]);
    // It stopped reading soon after the limit instead of buffering on.
    expect(pulled).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 4 * 64 * 1024);
  });

  describe("over a real connection", () => {
    let server: Server;
    let port: number;
    let handled: Update[];
    beforeAll(async () => {
      const s = setup();
      handled = s.handled;
      server = createServer(getRequestListener(s.app.fetch));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    /** POSTs `size` bytes as a stream: no Content-Length, chunked transfer encoding. */
    const postChunked = async (size: number) => {
      const head = new TextEncoder().encode('{"update_id": 77, "padding": "');
      const tail = new TextEncoder().encode('"}');
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) {
            controller.enqueue(head);
            sent = head.byteLength;
            return;
          }
          const n = Math.min(16 * 1024, size - sent - tail.byteLength);
          if (n <= 0) {
            controller.enqueue(tail);
            controller.close();
            return;
          }
          controller.enqueue(new TextEncoder().encode("x".repeat(n)));
          sent += n;
        },
      });
      const response = await fetch(`http://127.0.0.1:${port}${PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
        body,
        duplex: "half",
      } as RequestInit);
      await response.arrayBuffer();
      return response.status;
    };

    it("413 for a chunked body over the limit; the server goes on serving", async () => {
      expect(await postChunked(2 * DEFAULT_MAX_BODY_BYTES)).toBe(413);
      expect(await postChunked(1000)).toBe(200);
      expect(handled.map((u) => u.update_id)).toEqual([77]);
    });
  });
});

describe("webhook: handling", () => {
  it("200 with an empty body once handleUpdate resolves, with the update as sent", async () => {
    const { handled, post } = setup();
    const u = update(42, "привет 你好");
    const response = await post(JSON.stringify(u));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(handled).toEqual([u]);
  });

  it("waits for handleUpdate before answering", async () => {
    let release!: () => void;
    const handler = createWebhookHandler({ secretToken: SECRET, handleUpdate: () => new Promise<void>((resolve) => (release = resolve)) });
    const app = createHttpApp({ ping: async () => true, webhook: { path: PATH, handler } });
    let answered = false;
    const pending = Promise.resolve(
      app.request(PATH, { method: "POST", headers: { "X-Telegram-Bot-Api-Secret-Token": SECRET }, body: JSON.stringify(update(5)) }),
    ).then((r) => ((answered = true), r));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
  });

  it("503 when handleUpdate throws, so Telegram redelivers; the log has neither the body nor the statement's values", async () => {
    const failure = Object.assign(new Error("Failed query: insert into users (first_name) values ($1)\nparams: Zhang Wei-secret"), {
      query: "insert into users (first_name) values ($1)",
      params: ["Zhang Wei-secret"],
    });
    const { lines, post } = setup({ fail: failure });
    const response = await post(JSON.stringify(update(9, "my flat number is 1204-secret")));
    expect(response.status).toBe(503);
    const log = lines.join("");
    expect(log).toContain("webhook update failed");
    expect(log).toContain('"update_id":9');
    expect(log).not.toContain("secret");
  });
});
