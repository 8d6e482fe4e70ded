import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/sandbox/emulator/index.js";
import { createRuntimeWorld, eventually, type RuntimeWorld } from "../../helpers/instances.js";

/* One instance polls (it holds the lease); the others stand by and take over when it dies. */

let world: RuntimeWorld;
let emulator: Emulator;

beforeEach(async () => {
  world = await createRuntimeWorld();
  emulator = world.server.emulator;
});

afterEach(() => world.tearDown());

const instance = () => world.start();
const server = { call: (method: string, body?: unknown) => world.server.call(method, body) };

/** A resident writes; resolves when the bot answered. */
async function answered(name: string): Promise<void> {
  const user = emulator.createUser({ first_name: name, language_code: "en", started: true });
  emulator.sendText(user.id, "/start");
  await eventually(() => emulator.messages(user.id).some((m) => m.fromBot));
}

describe("polling standby", () => {
  it("of three instances one polls; when it is killed another takes over within seconds", async () => {
    const all = [await instance(), await instance(), await instance()];
    await eventually(() => all.filter((i) => i.runtime.polling() === "active").length === 1);
    await answered("Before");
    const active = all.find((i) => i.runtime.polling() === "active")!;

    active.kill();
    const killedAt = Date.now();
    const standbys = all.filter((i) => i !== active);
    await eventually(() => standbys.some((i) => i.runtime.polling() === "active"));
    // The lease lasts 1 s in these tests (5 s in production), tried every 200 ms.
    expect(Date.now() - killedAt).toBeLessThan(3_000);
    expect(standbys.filter((i) => i.runtime.polling() === "active")).toHaveLength(1);
    await answered("After");
  });

  it("a 409 from another getUpdates is waited out, never a crash", async () => {
    const bot = await instance();
    await eventually(() => bot.runtime.polling() === "active" && emulator.polling());
    // Someone else polls with the same token for 3 seconds: each of their polls ends ours with 409.
    const until = Date.now() + 3_000;
    while (Date.now() < until) await server.call("getUpdates", { timeout: 1, limit: 1 });
    expect(emulator.calls("getUpdates").some((c) => c.ok === false && /terminated by other getUpdates/.test(c.description ?? ""))).toBe(true);
    expect(bot.runtime.polling()).toBe("active");
    await answered("After the intruder");
  });
});
