import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { processedUpdates, users } from "../../src/db/schema/index.js";
import { createWebhookHandler } from "../../src/http/webhook.js";
import { createHttpApp } from "../../src/http/server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates } from "../helpers/harness.js";

describe("/healthz", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const health = async (ping: () => Promise<boolean>) => {
    const response = await createHttpApp({ ping }).request("/healthz");
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it("is 200 when the database answers", async () => {
    expect(await health(async () => true)).toEqual({ status: 200, body: { status: "ok", database: true } });
  });

  it("is 503 when the database does not answer", async () => {
    expect(await health(async () => false)).toEqual({ status: 503, body: { status: "unavailable", database: false } });
  });

  it("is 503 when the ping rejects", async () => {
    const ping = async (): Promise<boolean> => {
      throw new Error("connection refused");
    };
    expect(await health(ping)).toEqual({ status: 503, body: { status: "unavailable", database: false } });
  });

  it("is 503 when the ping throws before returning a promise", async () => {
    const ping = (): Promise<boolean> => {
      throw new Error("pool destroyed");
    };
    expect(await health(ping)).toEqual({ status: 503, body: { status: "unavailable", database: false } });
  });

  it("is 503, not a hung request, when the ping never settles", async () => {
    vi.useFakeTimers();
    let settled = false;
    const pending = Promise.resolve(createHttpApp({ ping: () => new Promise<boolean>(() => {}) }).request("/healthz")).finally(() => {
      settled = true;
    });
    // It gives the database a moment…
    await vi.advanceTimersByTimeAsync(500);
    expect(settled).toBe(false);
    // …but not forever.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(settled).toBe(true);
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: false });
  });

  it("waits for a slow ping that answers within the timeout", async () => {
    vi.useFakeTimers();
    const ping = () => new Promise<boolean>((resolve) => setTimeout(resolve, 300, true));
    const pending = createHttpApp({ ping }).request("/healthz");
    await vi.advanceTimersByTimeAsync(300);
    const response = await pending;
    expect(response.status).toBe(200);
  });

  it("has no webhook route unless one is configured", async () => {
    const app = createHttpApp({ ping: async () => true });
    expect((await app.request("/telegram/hook", { method: "POST", body: "{}" })).status).toBe(404);
  });
});

describe("Telegram webhook", () => {
  const SECRET = "webhook-secret_0123456789abcdef";
  const PATH = "/telegram/hook";
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDefaultCommunity(database.db);
  });
  afterAll(() => database.close());

  function setup() {
    const harness = createHarness({ db: database.db });
    const app = createHttpApp({
      ping: async () => true,
      webhook: { path: PATH, handler: createWebhookHandler({ secretToken: SECRET, handleUpdate: (update) => harness.bot.handleUpdate(update) }) },
    });
    const post = (update: Update, secret?: string) =>
      app.request(PATH, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
        },
        body: JSON.stringify(update),
      });
    return { harness, post };
  }

  const ledgerRows = (updateId: number) => database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, updateId));
  const userRows = (id: number) => database.db.select().from(users).where(eq(users.id, id));

  it("rejects an update without the secret header, without handling it", async () => {
    const { harness, post } = setup();
    const u = updates();
    const start = u.command(u.user(7001, { firstName: "Mallory", languageCode: "en" }), "start");
    const response = await post(start);
    expect(response.status).toBe(401);
    expect(harness.telegram.calls).toEqual([]);
    expect(await ledgerRows(start.update_id)).toEqual([]);
    expect(await userRows(7001)).toEqual([]);
  });

  it("rejects an update with a wrong secret, without handling it", async () => {
    const { harness, post } = setup();
    const u = updates();
    const start = u.command(u.user(7002, { firstName: "Mallory", languageCode: "en" }), "start");
    for (const wrong of ["wrong-secret_0123456789abcdef", `${SECRET}x`, SECRET.slice(0, -1), ""]) {
      expect((await post(start, wrong)).status, `secret ${JSON.stringify(wrong)}`).toBe(401);
    }
    expect(harness.telegram.calls).toEqual([]);
    expect(await ledgerRows(start.update_id)).toEqual([]);
    expect(await userRows(7002)).toEqual([]);
  });

  it("handles an update with the right secret: 200, and the bot replies through the Bot API", async () => {
    const { harness, post } = setup();
    const u = updates();
    const start = u.command(u.user(7003, { firstName: "Alice", languageCode: "en" }), "start");
    const response = await post(start, SECRET);
    expect(response.status).toBe(200);
    // The route answers with an empty body (no webhook reply); the reply is a sendMessage call.
    expect(await response.text()).toBe("");
    // A new resident's /start: the lecture announcements question (asked once), then the welcome.
    expect(harness.telegram.callsOf("sendMessage")).toHaveLength(2);
    expect(harness.telegram.lastText(7003)).toContain("Hello, Alice");
    expect((await ledgerRows(start.update_id))[0]?.status).toBe("done");
  });
});
