import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationStorage } from "../../src/bot/conversation-storage.js";
import { RequestScopes, type RequestScope } from "../../src/bot/request-scope.js";
import { systemClock } from "../../src/clock.js";
import { conversationStates } from "../../src/db/schema/index.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const newScope = (): RequestScope => ({ log: silentLogger, prefetched: new Map(), pendingWrites: new Map() });
const stored = async (key: string) => (await database.db.select().from(conversationStates).where(eq(conversationStates.key, key)))[0]?.value;

describe("request scopes", () => {
  it("hold an update's scope under its conversation key while it runs, and drop it after, also on failure", async () => {
    const scopes = new RequestScopes();
    const scope = newScope();
    await scopes.run("1:1", scope, async () => {
      expect(scopes.get("1:1")).toBe(scope);
      expect(scopes.get("2:2")).toBeUndefined();
    });
    expect(scopes.get("1:1")).toBeUndefined();
    await expect(scopes.run("1:1", scope, async () => Promise.reject(new Error("handler failed")))).rejects.toThrow("handler failed");
    expect(scopes.get("1:1")).toBeUndefined();
  });

  it("refuse a second update for the same conversation while one runs (sequentialize must come first)", async () => {
    const scopes = new RequestScopes();
    let release!: () => void;
    const first = scopes.run("1:1", newScope(), () => new Promise<void>((resolve) => (release = resolve)));
    await expect(scopes.run("1:1", newScope(), async () => {})).rejects.toThrow(/two updates in flight/);
    // Other conversations run side by side.
    await scopes.run("2:2", newScope(), async () => {});
    release();
    await first;
  });

  it("let conversation storage read the prefetched state and hold writes for the update's completion", async () => {
    const scopes = new RequestScopes();
    const storage = conversationStorage<unknown>(database.db, systemClock, scopes);
    await database.db.insert(conversationStates).values({ key: "7:7", value: { in: "table" }, updatedAt: new Date() });
    const scope = newScope();
    scope.prefetched.set("7:7", { in: "admission" });
    await scopes.run("7:7", scope, async () => {
      expect(await storage.read("7:7")).toEqual({ in: "admission" });
      await storage.write("7:7", { version: "next" } as never);
      expect(await storage.read("7:7")).toEqual({ version: "next" });
    });
    // Nothing reached the table: the intake writes it together with the update's "done".
    expect(await stored("7:7")).toEqual({ in: "table" });
    expect(scope.pendingWrites).toEqual(new Map([["7:7", { version: "next" }]]));
    // Outside an update (jobs, tests) storage goes straight to the table.
    expect(await storage.read("7:7")).toEqual({ in: "table" });
  });
});
