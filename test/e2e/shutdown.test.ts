import { afterEach, describe, expect, it } from "vitest";
import { START_TIMEOUT_MS, startSandboxProcess, type SandboxProcess } from "./sandbox-process.js";

/*
 * Graceful shutdown of the real program: SIGTERM stops taking updates and finishes those in
 * flight; a second signal exits at once.
 *
 * To have updates in flight when the signal comes, without racing the clock, the test leans on
 * Telegram's flood limit, which the emulator enforces: one chat gets 3 messages at once, then
 * 1 per second. Asking for N answers in one chat therefore keeps the bot busy (waiting out
 * 429 retry_after) for about N-3 seconds. The signal goes once the bot has fetched every
 * update (none pending) and before all answers are out; the answers are counted on the web
 * chat's live stream, which stays open until the bot is done with them.
 */

const LI = 1002; // the built-in volunteer persona: a private chat of its own

let sandbox: SandboxProcess | undefined;
afterEach(async () => {
  await sandbox?.dispose();
  sandbox = undefined;
}, 30_000);

/** Counts the bot's new messages in a chat from the live stream; `ended` resolves when the server ends it. */
async function watchBotMessages(base: string, chatId: number) {
  const response = await fetch(`${base}/sandbox/api/events`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen = { count: 0 };
  const ended = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let frameEnd: number;
      while ((frameEnd = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, frameEnd);
        buffer = buffer.slice(frameEnd + 2);
        const data = frame
          .split("\n")
          .filter((line) => line.startsWith("data: "))
          .map((line) => line.slice(6))
          .join("\n");
        if (!data) continue;
        const event = JSON.parse(data) as { type: string; chatId?: number; message?: { fromBot: boolean } };
        if (event.type === "message" && event.chatId === chatId && event.message?.fromBot) seen.count++;
      }
    }
  })();
  return { seen, ended };
}

/** Sends N /help commands, then waits until the bot has fetched them all and answered at least one. */
async function keepBusy(running: SandboxProcess, answers: number, seen: { count: number }) {
  for (let i = 0; i < answers; i++) await running.api.send(LI, "/help");
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await running.api.state();
    if (state.pendingUpdates === 0 && seen.count >= 1) return;
    if (Date.now() > deadline) throw new Error(`the bot did not fetch the updates (pending ${state.pendingUpdates}, answered ${seen.count})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const messages = (running: SandboxProcess) => running.logs().map((line) => line.msg);

describe("graceful shutdown of npm start (sandbox)", () => {
  it(
    "SIGTERM while updates are being handled: every answer still goes out, then exit 0",
    async () => {
      const running = (sandbox = await startSandboxProcess());
      const answers = 6;
      const stream = await watchBotMessages(running.base, LI);
      await keepBusy(running, answers, stream.seen);
      const answeredBeforeSignal = stream.seen.count;
      expect(answeredBeforeSignal, "the signal must find work in flight").toBeLessThan(answers);

      const signalledAt = Date.now();
      running.child.kill("SIGTERM");
      const exit = await running.exited;
      await stream.ended;

      expect(exit).toEqual({ code: 0, signal: null });
      expect(stream.seen.count).toBe(answers);
      expect(messages(running)).toEqual(expect.arrayContaining(["stopping: finishing updates in flight", "stopped cleanly"]));
      // It waited for the flood-limited answers (about a second each), yet did not hang.
      expect(Date.now() - signalledAt).toBeLessThan(30_000);
      expect(running.stderr()).not.toMatch(/^\s+at .+[:(]/m); // no stack trace
    },
    START_TIMEOUT_MS + 60_000,
  );

  it(
    "a second signal while stopping exits at once with a non-zero code",
    async () => {
      const running = (sandbox = await startSandboxProcess());
      const answers = 15; // about 12 seconds of flood-limited answers: stopping takes long
      const stream = await watchBotMessages(running.base, LI);
      await keepBusy(running, answers, stream.seen);

      running.child.kill("SIGTERM");
      await running.waitForLog(/^stopping: finishing updates in flight$/, 10_000);
      const secondAt = Date.now();
      running.child.kill("SIGTERM");
      const exit = await running.exited;

      expect(Date.now() - secondAt, "the second signal must not wait for the work").toBeLessThan(5_000);
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      expect(messages(running)).toContain("second signal: exiting now");
      expect(messages(running)).not.toContain("stopped cleanly");
      expect(stream.seen.count).toBeLessThan(answers);
    },
    START_TIMEOUT_MS + 60_000,
  );
});
