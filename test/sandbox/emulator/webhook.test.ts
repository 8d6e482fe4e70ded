import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TgUser } from "../../../src/sandbox/emulator/index.js";
import { startEmulator, TOKEN, type Running } from "./helpers.js";

let server: Running;
let ann: TgUser;
let receiver: Server | undefined;

beforeEach(async () => {
  // ×50: a failed delivery is retried after 1 emulated second = 20 real ms.
  server = await startEmulator({ timeScale: 50 });
  ann = server.emulator.createUser({ first_name: "Ann", started: true });
});

afterEach(async () => {
  await server.stop();
  if (receiver !== undefined) await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  receiver = undefined;
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  receiver = createServer(handler);
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as unknown));
  });
}

describe("webhooks", () => {
  it("delivers updates with the secret header, runs a webhook reply, and blocks getUpdates meanwhile", async () => {
    const received: Array<{ secret: string | undefined; body: unknown }> = [];
    const url = await listen((req, res) => {
      void readJson(req).then((body) => {
        received.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, body });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: "sendMessage", chat_id: ann.id, text: "Answered from the webhook reply" }));
      });
    });

    const set = await server.call("setWebhook", { url, secret_token: "s3cret_token" });
    expect(set.json).toEqual({ ok: true, result: true, description: "Webhook was set" });
    const polling = await server.call("getUpdates");
    expect(polling.status).toBe(409);
    expect(polling.json.description).toBe("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");

    server.emulator.sendText(ann.id, "hello hook");
    const reply = await server.emulator.waitFor((message) => message.text === "Answered from the webhook reply");
    expect(reply.chatId).toBe(ann.id);
    expect(received).toHaveLength(1);
    expect(received[0]?.secret).toBe("s3cret_token");
    expect(received[0]?.body).toMatchObject({ update_id: expect.any(Number), message: { text: "hello hook" } });
    expect(server.emulator.pendingUpdates()).toEqual([]);

    const info = await server.call("getWebhookInfo");
    expect(info.json.result).toMatchObject({ url, has_custom_certificate: false, pending_update_count: 0 });

    expect((await server.call("deleteWebhook")).json.description).toBe("Webhook was deleted");
    expect((await server.call("deleteWebhook")).json.description).toBe("Webhook is already deleted");
    expect((await server.call("getUpdates")).status).toBe(200);
  });

  it("keeps an update until the webhook accepts it and reports the last error", async () => {
    let healthy = false;
    const accepted: unknown[] = [];
    const url = await listen((req, res) => {
      void readJson(req).then((body) => {
        if (!healthy) {
          res.writeHead(500);
          res.end();
          return;
        }
        accepted.push(body);
        res.writeHead(200);
        res.end();
      });
    });
    await server.call("setWebhook", { url });
    server.emulator.sendText(ann.id, "retry me");

    // Poll the webhook info until the failure shows up (no timing assumptions beyond the wait limit).
    let info = (await server.call("getWebhookInfo")).json.result;
    for (let i = 0; i < 100 && info.last_error_message === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      info = (await server.call("getWebhookInfo")).json.result;
    }
    expect(info).toMatchObject({ pending_update_count: 1, last_error_message: "Wrong response from the webhook: 500 Internal Server Error" });

    healthy = true;
    // The update leaves the queue once the webhook's 2xx answer is back.
    for (let i = 0; i < 200 && server.emulator.pendingUpdates().length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(server.emulator.pendingUpdates()).toEqual([]);
    expect(accepted).toEqual([expect.objectContaining({ message: expect.objectContaining({ text: "retry me" }) })]);
  });

  it("refuses malformed webhook settings", async () => {
    expect((await server.call("setWebhook", { url: "not a url" })).json.description).toBe("Bad Request: invalid webhook URL specified");
    expect((await server.call("setWebhook", { url: "ftp://example.com/x" })).json.description).toBe(
      "Bad Request: bad webhook: HTTPS url must be provided for webhook",
    );
    expect((await server.call("setWebhook", { url: "https://example.com/x", secret_token: "no spaces" })).json.description).toBe(
      "Bad Request: secret token contains unallowed characters",
    );
  });

  it("drives a grammY bot served by webhookCallback", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: server.url } });
    bot.command("start", (ctx) => ctx.reply(`Hi ${ctx.from?.first_name ?? ""}`));
    await bot.init();
    const url = await listen(webhookCallback(bot, "http", { secretToken: "hook_secret" }));
    await bot.api.setWebhook(url, { secret_token: "hook_secret" });
    expect((await bot.api.getWebhookInfo()).url).toBe(url);

    server.emulator.sendText(ann.id, "/start");
    const greeting = await server.emulator.waitFor((message) => message.chatId === ann.id);
    expect(greeting.text).toBe("Hi Ann");
  });
});
