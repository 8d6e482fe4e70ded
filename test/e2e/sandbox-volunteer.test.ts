import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { START_TIMEOUT_MS, startSandboxProcess, type ChatMessage, type SandboxApi, type SandboxProcess } from "./sandbox-process.js";

/*
 * Issue 14's done-when, through the real program (`tsx src/main.ts` without BOT_TOKEN) and the
 * web chat's API only: an organiser creates a drum-team rehearsal that starts in a few minutes;
 * volunteers sign up for it, get the reminder, check in with the organiser's code and see the
 * hours in /hours, one in Chinese and one in English. The reminders a deployment sends are
 * configured (EVENT_REMINDERS): besides the 24 h and 2 h ones, one a minute before the start, so
 * that the reminder comes within the test's time.
 */

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess({ EVENT_REMINDERS: "24h,2h,1m" });
}, START_TIMEOUT_MS + 10_000);
afterAll(async () => {
  await sandbox?.dispose();
}, 30_000);

const LI = 1002; // 李叔叔, the built-in volunteer (a member of the demo 腰鼓队)
const CHEN = 1004; // 陈主任, the built-in staff member
const buttons = (message: ChatMessage) => (message.inlineKeyboard ?? []).flat();
const hasButton = (prefix: string) => (message: ChatMessage) => buttons(message).some((b) => b.data?.startsWith(prefix));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "2026-12-05 14:07" in Shanghai, the sandbox community's zone. */
const shanghai = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

/** Sends `text` and waits for the bot's answer that matches. */
async function say(api: SandboxApi, persona: number, text: string, expected: RegExp | ((m: ChatMessage) => boolean), timeoutMs?: number) {
  const after = await api.lastSeq(persona);
  await api.send(persona, text);
  return api.waitForBot(persona, typeof expected === "function" ? expected : (m) => expected.test(m.text ?? ""), {
    afterSeq: after,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

/** Presses the button whose data is `data` under `message` and waits for the matching answer. */
async function press(api: SandboxApi, persona: number, message: ChatMessage, data: string, expected: RegExp | ((m: ChatMessage) => boolean)) {
  expect(buttons(message).map((b) => b.data)).toContain(data);
  const after = await api.lastSeq(persona);
  await api.press(persona, message.messageId, data);
  return api.waitForBot(persona, typeof expected === "function" ? expected : (m) => expected.test(m.text ?? ""), { afterSeq: after });
}

describe("a volunteer's drum-team rehearsal in the sandbox web chat", () => {
  it("sign up → reminder → check-in by the organiser's code → hours in /hours, in Chinese and in English", async () => {
    const api = sandbox.api;
    const ann = (await api.post<{ persona: { id: number } }>("/sandbox/api/personas", { kind: "volunteer", name: "Ann", language: "en" })).persona.id;

    // The demo data: 李叔叔, a drummer of the 腰鼓队, finds its weekly rehearsal and a lecture
    // duty; Ann, a volunteer outside the team, finds the lecture duty but not the team's rehearsal.
    await say(api, LI, "/events", /法治讲座值班/);
    expect((await api.chat(LI)).messages.filter((m) => m.fromBot).map((m) => m.text ?? "")).toEqual(
      expect.arrayContaining([expect.stringContaining("腰鼓队排练"), expect.stringContaining("法治讲座值班")]),
    );
    await say(api, ann, "/events", /法治讲座值班/);
    expect((await api.chat(ann)).messages.some((m) => m.fromBot && /腰鼓队排练/.test(m.text ?? ""))).toBe(false);

    // The organiser creates a one-off drum-team rehearsal starting in two to three minutes.
    const startsAt = new Date(Math.ceil((Date.now() + 150_000) / 60_000) * 60_000);
    await say(api, CHEN, "/newevent", /活动叫什么名字/);
    const kinds = await say(api, CHEN, "腰鼓队加练", hasButton("ene:kind:"));
    const askStart = await press(api, CHEN, kinds, "ene:kind:rehearsal", /什么时候开始/);
    expect(askStart.text).toContain("Asia/Shanghai");
    const lengths = await say(api, CHEN, shanghai(startsAt), hasButton("ene:length:"));
    await press(api, CHEN, lengths, "ene:length:60", /在哪里举行/);
    const audience = await say(api, CHEN, "社区广场", /需要哪些岗位/).then(() => say(api, CHEN, "鼓手 12, 引导 2", hasButton("ene:audience:")));
    const weeks = await press(api, CHEN, audience, "ene:audience:volunteers", hasButton("ene:weeks:"));
    const summary = await press(api, CHEN, weeks, "ene:weeks:1", hasButton("ene:summary:"));
    expect(summary.text).toContain("腰鼓队加练");
    const created = await press(api, CHEN, summary, "ene:summary:create", /已创建/);
    const code = /签到码：([A-Z0-9]{6})/.exec(created.text ?? "")?.[1];
    expect(code).toBeDefined();
    // The QR image of the check-in link follows.
    const qr = await api.waitForBot(CHEN, (m) => m.photo !== undefined, { afterSeq: created.seq });
    expect(qr.text).toContain(`chk_${code}`);

    // Both volunteers see it first in /events and take a drummer's seat; 李叔叔 in Chinese …
    const liCard = await say(api, LI, "/events", (m) => /腰鼓队加练/.test(m.text ?? "") && hasButton("evj:")(m));
    expect(liCard.text).toContain(shanghai(startsAt));
    const drummer = buttons(liCard).find((b) => b.text.includes("鼓手"))!;
    const liJoined = await press(api, LI, liCard, drummer.data!, /报名成功/);
    // Minutes before the start, the 24 h and 2 h reminders cannot come: only the last one is promised.
    expect(liJoined.text).toBe("✅ 报名成功。活动开始前1分钟会提醒您。");
    // … and Ann in English.
    const annCard = await say(api, ann, "/events", (m) => /腰鼓队加练/.test(m.text ?? "") && hasButton("evj:")(m));
    const annJoined = await press(api, ann, annCard, drummer.data!, /signed up/);
    expect(annJoined.text).toBe("✅ You are signed up. I will remind you 1 minute before it starts.");

    // The reminder a minute before the start, each in their language, with "I can't come".
    const untilStart = startsAt.getTime() - Date.now();
    const liReminder = await api.waitForBot(LI, (m) => /⏰/.test(m.text ?? ""), { afterSeq: liJoined.seq, timeoutMs: untilStart + 30_000 });
    expect(liReminder.text).toBe(`⏰ 提醒：腰鼓队加练 还有 1 分钟开始：${shanghai(startsAt)}，社区广场。`);
    expect(buttons(liReminder).map((b) => b.text)).toEqual(["我来不了"]);
    const annReminder = await api.waitForBot(ann, (m) => /⏰/.test(m.text ?? ""), { afterSeq: annJoined.seq, timeoutMs: 30_000 });
    expect(annReminder.text).toBe(`⏰ Reminder: 腰鼓队加练 starts in 1 minute: ${shanghai(startsAt)}, 社区广场.`);

    // Check-in with the code the organiser shows (typed, in any case), and again: harmless.
    await say(api, LI, `/checkin ${code}`, /已在「腰鼓队加练」签到/);
    await say(api, LI, `/checkin ${code!.toLowerCase()}`, /已经在「腰鼓队加练」签到过了/);
    await say(api, ann, `/checkin ${code}`, /Checked in at 腰鼓队加练/);

    // Once it has started, the hour they came for counts: checked in before the start, so the
    // whole hour, to the scheduled end.
    await sleep(Math.max(0, startsAt.getTime() - Date.now()) + 2_000);
    const liHours = await say(api, LI, "/hours", /志愿时长/);
    expect(liHours.text).toBe("⏱ 您的志愿时长：本月 1.0 小时，今年 1.0 小时，累计 1.0 小时（共 1 次活动）。");
    const annHours = await say(api, ann, "/hours", /volunteer hours/);
    expect(annHours.text).toBe("⏱ Your volunteer hours: this month 1.0 h, this year 1.0 h, in all 1.0 h (1 event).");
  }, 360_000);
});
