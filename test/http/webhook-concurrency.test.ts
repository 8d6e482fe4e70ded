import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { and, eq, inArray } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processedUpdates, users } from "../../src/db/schema/index.js";
import { createHttpApp } from "../../src/http/server.js";
import { createWebhookHandler } from "../../src/http/webhook.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeTelegram, testBotInfo } from "../helpers/fake-telegram.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../helpers/harness.js";

/**
 * Issue #10: "15 updates at once from one user gave one 500". Telegram delivers a user's burst
 * over several webhook connections at once; every one must be handled, through a real HTTP
 * server and the real bot.
 */
describe("webhook: one new user's burst of concurrent updates", () => {
  const SECRET = "webhook-secret_0123456789abcdef";
  const PATH = "/telegram/hook";
  let database: TestDatabase;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDefaultCommunity(database.db);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await database.close();
  });

  /** The bot behind our webhook handler on a real HTTP server; resolves to a poster. */
  async function serve(harness: Harness): Promise<(update: Update) => Promise<number>> {
    const handler = createWebhookHandler({ secretToken: SECRET, handleUpdate: (update) => harness.bot.handleUpdate(update) });
    const server = createServer(getRequestListener(createHttpApp({ ping: async () => true, webhook: { path: PATH, handler } }).fetch));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
    return async (update) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    };
  }

  const ledgerStatuses = async (burst: Update[]) => {
    const rows = await database.db
      .select({ status: processedUpdates.status })
      .from(processedUpdates)
      .where(
        and(
          eq(processedUpdates.botId, testBotInfo.id),
          inArray(
            processedUpdates.updateId,
            burst.map((update) => update.update_id),
          ),
        ),
      );
    return rows.map((row) => row.status);
  };

  it("handles all 15: each is answered 200, replied to, and done in the ledger", async () => {
    const harness = createHarness({ db: database.db });
    const post = await serve(harness);
    const u = updates();
    const resident = u.user(8101, { firstName: "Burst", languageCode: "en" });
    const burst = Array.from({ length: 15 }, (_, i) => u.text(resident, `message ${i + 1}`));

    const statuses = await Promise.all(burst.map(post));

    expect(statuses).toEqual(burst.map(() => 200));
    const replies = harness.telegram.sent(resident.id);
    expect(replies).toHaveLength(15);
    expect(replies.filter((call) => call.payload.text === harness.i18n.t("en", "error-apology"))).toEqual([]);
    expect(await ledgerStatuses(burst)).toEqual(burst.map(() => "done"));
    expect(await database.db.select({ id: users.id }).from(users).where(eq(users.id, resident.id))).toHaveLength(1);
  });

  it("handles all 15 when Telegram paces the replies (3 at once, then 1 a second per chat)", async () => {
    const telegram = new FakeTelegram();
    pacePerChat(telegram);
    const harness = createHarness({ db: database.db, telegram });
    const post = await serve(harness);
    const u = updates();
    const resident = u.user(8102, { firstName: "Paced", languageCode: "en" });
    const burst = Array.from({ length: 15 }, (_, i) => u.text(resident, `message ${i + 1}`));

    const statuses = await Promise.all(burst.map(post));

    // One chat's updates run one after another, each waiting for its reply's turn, so the last
    // answers come after ~12 s. grammY's webhookCallback gave up at 10 s with a 500 for those.
    expect(statuses).toEqual(burst.map(() => 200));
    expect(telegram.sent(resident.id)).toHaveLength(15);
    expect(await ledgerStatuses(burst)).toEqual(burst.map(() => "done"));
  }, 60_000);
});

/**
 * Telegram's per-chat limit as the Bot API emulator keeps it: a bucket of 3 sends, refilled one
 * a second; a send without a token gets 429 with retry_after (auto-retry waits it out).
 */
function pacePerChat(telegram: FakeTelegram): void {
  const answer = telegram.fetch;
  const buckets = new Map<unknown, { tokens: number; at: number }>();
  const paced = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith("/sendMessage") && typeof init?.body === "string") {
      const chat = (JSON.parse(init.body) as { chat_id: unknown }).chat_id;
      const bucket = buckets.get(chat) ?? { tokens: 3, at: Date.now() };
      bucket.tokens = Math.min(3, bucket.tokens + (Date.now() - bucket.at) / 1000);
      bucket.at = Date.now();
      buckets.set(chat, bucket);
      if (bucket.tokens < 1) {
        const retryAfter = Math.ceil(1 - bucket.tokens);
        const body = { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
        return new Response(JSON.stringify(body), { status: 429, headers: { "content-type": "application/json" } });
      }
      bucket.tokens -= 1;
    }
    return answer(input, init);
  };
  Object.defineProperty(telegram, "fetch", { value: paced });
}
