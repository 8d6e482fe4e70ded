import { inArray, sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createWebhookHandler } from "../../../src/http/webhook.js";
import { openPostgres, queryRows, type DatabaseHandle } from "../../../src/db/client.js";
import { users } from "../../../src/db/schema/index.js";
import type { Emulator, TgUser } from "../../../src/sandbox/emulator/index.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDefaultCommunity } from "../../helpers/harness.js";
import { eventually, startInstance, type Instance } from "../../helpers/instances.js";
import { TcpProxy } from "../../helpers/tcp-proxy.js";
import { startEmulator, TOKEN, type Running } from "../../sandbox/emulator/helpers.js";

/*
 * Postgres goes away for 20 seconds behind a TCP proxy while residents write to the bot. The
 * bot stays up, confirms to Telegram nothing it could not store, and when the database is back
 * every update is handled, once, with no apology sent for an outage nobody could help.
 * PGlite has no connection to lose: this runs on Postgres.
 */
const OUTAGE_MS = 20_000;

describe.skipIf(inject("testDatabase").kind === "pglite")("a 20-second database outage", () => {
  let database: TestDatabase;
  let server: Running;
  let emulator: Emulator;
  let proxy: TcpProxy;
  let proxied: DatabaseHandle;
  let bot: Instance;
  /** Set by a test: runs after an update's handlers, before its "done" is written. */
  let beforeComplete: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDefaultCommunity(database.db);
    server = await startEmulator();
    emulator = server.emulator;
    const url = new URL(database.location.databaseUrl!);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(await proxy.start());
    url.hostname = "127.0.0.1";
    proxied = openPostgres(url.toString(), 4);
    bot = await startInstance({ db: proxied.db, apiRoot: server.url, token: TOKEN, beforeComplete: () => beforeComplete?.() ?? Promise.resolve() });
  });

  afterAll(async () => {
    bot?.kill();
    await server?.stop();
    await proxy?.stop();
    await proxied?.close().catch(() => {});
    await database?.close();
  });

  it(
    "handles every update sent during the outage once it is over, and apologises for none",
    async () => {
      const before: TgUser = emulator.createUser({ first_name: "Before", language_code: "en", started: true });
      emulator.sendText(before.id, "/start");
      await eventually(() => emulator.messages(before.id).some((m) => m.fromBot));
      await eventually(() => bot.runtime.polling() === "active");

      await proxy.cut();
      expect(await proxied.ping()).toBe(false);
      const residents = Array.from({ length: 10 }, (_, i) => emulator.createUser({ first_name: `Resident ${i}`, language_code: "en", started: true }));
      for (const resident of residents) emulator.sendText(resident.id, "/start");
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      // Nothing could be stored, so nothing was confirmed to Telegram and nothing answered.
      expect(residents.every((r) => emulator.messages(r.id).every((m) => !m.fromBot))).toBe(true);
      expect(emulator.pendingUpdates().length).toBeGreaterThanOrEqual(residents.length);

      await proxy.restore();
      const welcome = (m: { fromBot: boolean; text?: string }) => m.fromBot && /Hello/.test(m.text ?? "");
      await eventually(() => residents.every((r) => emulator.messages(r.id).some(welcome)), 30_000);
      // Each welcomed once, after the one question a new resident is asked (lecture announcements).
      expect(residents.map((r) => emulator.messages(r.id).filter(welcome).length)).toEqual(residents.map(() => 1));
      expect(residents.map((r) => emulator.messages(r.id).filter((m) => m.fromBot).length)).toEqual(residents.map(() => 2));
      expect(
        await database.db.$count(
          users,
          inArray(
            users.id,
            residents.map((r) => r.id),
          ),
        ),
      ).toBe(residents.length);
      await eventually(
        async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from processed_updates where status <> 'done'`))[0]!.n === 0,
      );
      expect(emulator.pendingUpdates()).toHaveLength(0);
    },
    OUTAGE_MS + 60_000,
  );

  it(
    "runs again the updates it was handling when the database went away",
    async () => {
      const residents = Array.from({ length: 10 }, (_, i) => emulator.createUser({ first_name: `Second ${i}`, language_code: "en", started: true }));
      let cut: Promise<void> | undefined;
      beforeComplete = () => (cut ??= proxy.cut());
      for (const resident of residents) emulator.sendText(resident.id, "/start");
      await eventually(() => cut !== undefined);
      await cut;
      beforeComplete = undefined;
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await proxy.restore();

      await eventually(
        async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from processed_updates where status <> 'done'`))[0]!.n === 0,
        30_000,
      );
      expect(residents.every((r) => emulator.messages(r.id).some((m) => m.fromBot && /Hello/.test(m.text ?? "")))).toBe(true);
      const apologies = residents.flatMap((r) => emulator.messages(r.id).filter((m) => m.fromBot && /went wrong/i.test(m.text ?? "")));
      expect(apologies).toEqual([]);
      expect(
        await database.db.$count(
          users,
          inArray(
            users.id,
            residents.map((r) => r.id),
          ),
        ),
      ).toBe(residents.length);
    },
    OUTAGE_MS + 60_000,
  );

  it("webhook mode: an update that cannot be stored gets 503, so Telegram delivers it again", async () => {
    const hook = await startInstance({ db: proxied.db, apiRoot: server.url, token: TOKEN, mode: "webhook" });
    try {
      const app = new Hono();
      app.post("/hook", createWebhookHandler({ secretToken: "s3cret", handleUpdate: (update) => hook.runtime.dispatcher.handle(update) }));
      const resident = emulator.createUser({ first_name: "Hooked", language_code: "en", started: true });
      const update = {
        update_id: 900_001,
        message: {
          message_id: 1,
          date: 1,
          chat: { id: resident.id, type: "private", first_name: "Hooked" },
          from: { id: resident.id, is_bot: false, first_name: "Hooked", language_code: "en" },
          text: "/start",
          entities: [{ type: "bot_command", offset: 0, length: 6 }],
        },
      };
      const post = () =>
        app.request("/hook", {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret" },
          body: JSON.stringify(update),
        });

      await proxy.cut();
      expect((await post()).status).toBe(503);
      await proxy.restore();
      await eventually(async () => (await proxied.ping()) || undefined);
      expect((await post()).status).toBe(200);
      expect(emulator.messages(resident.id).filter((m) => m.fromBot && /Hello/.test(m.text ?? ""))).toHaveLength(1);
      const answered = emulator.messages(resident.id).filter((m) => m.fromBot).length;
      // Telegram retrying once more changes nothing.
      expect((await post()).status).toBe(200);
      expect(emulator.messages(resident.id).filter((m) => m.fromBot)).toHaveLength(answered);
    } finally {
      hook.kill();
    }
  });
});
