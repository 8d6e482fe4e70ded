import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, RateLimiter } from "../../../src/sandbox/emulator/limits.js";
import { ManualClock, startEmulator, type Running } from "./helpers.js";

describe("RateLimiter", () => {
  it("lets a per-chat burst through, then one send per second", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock.now);
    expect([1, 2, 3].map(() => limiter.acquire(7, false))).toEqual([undefined, undefined, undefined]);
    expect(limiter.acquire(7, false)).toBe(1);
    // Another chat is not affected.
    expect(limiter.acquire(8, false)).toBeUndefined();
    clock.advance(999);
    expect(limiter.acquire(7, false)).toBe(1);
    clock.advance(1);
    expect(limiter.acquire(7, false)).toBeUndefined();
    expect(limiter.acquire(7, false)).toBe(1);
  });

  it("caps a group at 20 sends per minute and reports the wait in whole seconds", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock.now, { per_chat_burst: 100, per_chat_per_s: 100 });
    for (let i = 0; i < 20; i++) expect(limiter.acquire(-5, true)).toBeUndefined();
    // One token comes back every 3 s (20 per 60 s).
    expect(limiter.acquire(-5, true)).toBe(3);
    clock.advance(2_500);
    expect(limiter.acquire(-5, true)).toBe(1);
    clock.advance(500);
    expect(limiter.acquire(-5, true)).toBeUndefined();
  });

  it("applies the global limit over all chats and refuses without charging", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock.now);
    for (let chat = 1; chat <= 30; chat++) expect(limiter.acquire(chat, false)).toBeUndefined();
    expect(limiter.acquire(31, false)).toBe(1);
    clock.advance(34); // a global token comes back every 33.3 ms
    // One global token is back; chat 31's own bucket was not charged by the refusal.
    expect(limiter.acquire(31, false)).toBeUndefined();
  });

  it("can be switched off and changed at runtime", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock.now, { enabled: false });
    for (let i = 0; i < 100; i++) expect(limiter.acquire(1, false)).toBeUndefined();
    limiter.set({ enabled: true, per_chat_burst: 1 });
    expect(limiter.current()).toEqual({ ...DEFAULT_LIMITS, per_chat_burst: 1 });
    expect(limiter.acquire(1, false)).toBeUndefined();
    expect(limiter.acquire(1, false)).toBe(1);
  });

  it("does not drain when the clock goes backwards", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock.now, { per_chat_burst: 1 });
    expect(limiter.acquire(1, false)).toBeUndefined();
    clock.advance(-60_000);
    clock.advance(60_000 + 1000);
    expect(limiter.acquire(1, false)).toBeUndefined();
  });
});

describe("429 over HTTP", () => {
  let server: Running | undefined;
  afterEach(async () => {
    await server?.stop();
  });

  it("answers Too Many Requests with retry_after from the injected clock, and counts it", async () => {
    const clock = new ManualClock();
    server = await startEmulator({ now: clock.now });
    const user = server.emulator.createUser({ first_name: "Flood", started: true });

    for (let i = 0; i < 3; i++) expect((await server.call("sendMessage", { chat_id: user.id, text: `m${i}` })).status).toBe(200);
    const refused = await server.call("sendMessage", { chat_id: user.id, text: "m3" });
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    expect(server.emulator.stats().tooManyRequests).toBe(1);
    expect(server.emulator.messages(user.id)).toHaveLength(3);

    // Edits, chat actions and reads are not flood-limited here.
    expect((await server.call("sendChatAction", { chat_id: user.id, action: "typing" })).status).toBe(200);
    expect((await server.call("editMessageText", { chat_id: user.id, message_id: 1, text: "edited" })).status).toBe(200);

    clock.advance(1000);
    expect((await server.call("sendMessage", { chat_id: user.id, text: "m3" })).status).toBe(200);
    expect(server.emulator.messages(user.id)[3]?.message.date).toBe(Math.floor(clock.ms / 1000));
  });

  it("limits group chats per minute and lifts limits with setLimits", async () => {
    const clock = new ManualClock();
    server = await startEmulator({ now: clock.now, limits: { per_chat_burst: 50, per_chat_per_s: 50 } });
    const group = server.emulator.createGroup({ title: "Busy group" });
    for (let i = 0; i < 20; i++) {
      expect((await server.call("sendMessage", { chat_id: group.id, text: `n${i}` })).status).toBe(200);
    }
    const refused = await server.call("sendMessage", { chat_id: group.id, text: "one too many" });
    expect(refused.json.parameters).toEqual({ retry_after: 3 });

    server.emulator.setLimits({ enabled: false });
    expect(server.emulator.limits().enabled).toBe(false);
    expect((await server.call("sendMessage", { chat_id: group.id, text: "unlimited" })).status).toBe(200);
  });

  it("checks 403 before 429, so blocked users do not use up the quota", async () => {
    const clock = new ManualClock();
    server = await startEmulator({ now: clock.now, limits: { per_chat_burst: 1 } });
    const user = server.emulator.createUser({ first_name: "Gone", started: true });
    server.emulator.blockBot(user.id);
    expect((await server.call("sendMessage", { chat_id: user.id, text: "x" })).status).toBe(403);
    server.emulator.blockBot(user.id, false);
    expect((await server.call("sendMessage", { chat_id: user.id, text: "x" })).status).toBe(200);
  });

  it("runs the emulated clock faster with timeScale", async () => {
    server = await startEmulator({ timeScale: 1000 });
    const before = server.emulator.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 20 real ms are 20 emulated seconds; even a timer firing early leaves far more than 5.
    expect(server.emulator.now() - before).toBeGreaterThanOrEqual(5_000);
  });
});
