import { afterEach, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { startEmulator, type Running } from "./helpers.js";

let server: Running | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

it("answers late by the configured delay, the message already delivered while the answer travels", async () => {
  server = await startEmulator({ answerDelayMs: 400 });
  const ann = server.emulator.createUser({ first_name: "Ann", started: true });
  let answered = false;
  const call = server.call("sendMessage", { chat_id: ann.id, text: "hello" }).then((answer) => {
    answered = true;
    return answer;
  });
  // The message reaches the chat on arrival; the client learns of it only when the answer comes.
  await server.emulator.waitFor((m) => m.chatId === ann.id && m.text === "hello");
  expect(answered).toBe(false);
  const answer = await call;
  expect(answer.json).toMatchObject({ ok: true, result: { text: "hello" } });
});

it("the sandbox takes the delay from EMULATOR_ANSWER_DELAY_MS (default 0), and refuses a bad one", () => {
  expect(loadConfig({}).EMULATOR_ANSWER_DELAY_MS).toBe(0);
  expect(loadConfig({ EMULATOR_ANSWER_DELAY_MS: "100" }).EMULATOR_ANSWER_DELAY_MS).toBe(100);
  expect(() => loadConfig({ EMULATOR_ANSWER_DELAY_MS: "-5" })).toThrow(/EMULATOR_ANSWER_DELAY_MS/);
});
