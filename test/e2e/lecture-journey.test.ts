import { afterAll, beforeAll, expect, it } from "vitest";
import { START_TIMEOUT_MS, startSandboxProcess, type ChatMessage, type SandboxProcess } from "./sandbox-process.js";

/*
 * Issue 15's done-when, in the real program (`tsx src/main.ts` without BOT_TOKEN) through the
 * web chat's API only: a resident subscribes to 法律, receives the announcement of a legal
 * lecture, registers, gets the reminder, is checked in by a helper with the code and rates the
 * lecture. Nothing is faked: the sandbox's own clock, outbox and jobs do the timing. To fit a
 * test, the lecture starts a few minutes after it is created, and LECTURE_REMINDERS (a setting
 * any community has) adds a reminder two minutes before the start to the day-before and
 * one-hour-before ones, which are already past; the lecture lasts one minute, after which the
 * attendee is asked for a rating.
 */

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess({ LECTURE_REMINDERS: "24h,1h,2m", BROADCAST_QUIET_HOURS: "off" });
}, START_TIMEOUT_MS + 10_000);
afterAll(async () => {
  await sandbox?.dispose();
}, 30_000);

const HELPER = 1002; // 李叔叔, the built-in volunteer
const STAFF = 1004; // 陈主任, the built-in staff member
const buttons = (message: ChatMessage) => (message.inlineKeyboard ?? []).flat();
const button = (message: ChatMessage, text: string | RegExp) => {
  const found = buttons(message).find((b) => (typeof text === "string" ? b.text === text : text.test(b.text)));
  if (!found?.data) throw new Error(`no button ${text} under: ${message.text}\n${JSON.stringify(buttons(message))}`);
  return found.data;
};
const withText = (pattern: RegExp) => (message: ChatMessage) => pattern.test(message.text ?? "");
/** "2026-12-05 13:10" in the community's zone, as staff type a start. */
const shanghai = (ms: number) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
    .format(new Date(ms))
    .replace(",", "");

it(
  "a resident subscribes to 法律, is announced a legal lecture, registers, is reminded with the code, is checked in by a helper with it and rates the lecture",
  async () => {
    const api = sandbox.api;
    /** Does something as `persona` and returns the bot's next message that matches. */
    const after = async (persona: number, action: () => Promise<unknown>, match: (m: ChatMessage) => boolean, timeoutMs?: number) => {
      const seq = await api.lastSeq(persona);
      await action();
      return api.waitForBot(persona, match, { afterSeq: seq, ...(timeoutMs ? { timeoutMs } : {}) });
    };

    // A new resident: asked once after /start, says yes and turns 法律 on.
    const created = await api.post<{ persona: { id: number } }>("/sandbox/api/personas", { kind: "resident", name: "赵奶奶", language: "zh-hans" });
    const zhao = created.persona.id;
    const optIn = await after(zhao, () => api.send(zhao, "/start"), withText(/您想收到讲座通知吗/));
    const topics = await after(
      zhao,
      () => api.press(zhao, optIn.messageId, button(optIn, "想，选择主题")),
      (m) => buttons(m).some((b) => b.text.includes("法律")),
    );
    await api.press(zhao, topics.messageId, button(topics, "⬜ 法律"));
    await api.waitForBot(zhao, (m) => m.messageId === topics.messageId && buttons(m).some((b) => b.text === "✅ 法律"));

    // Staff create a legal lecture starting in about three minutes, lasting one, with a check-in duty.
    const startMs = Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000;
    const say = (text: string, match: RegExp) => after(STAFF, () => api.send(STAFF, text), withText(match));
    const tap = async (message: ChatMessage, label: string, match: RegExp) =>
      after(STAFF, () => api.press(STAFF, message.messageId, button(message, label)), withText(match));
    await say("/newlecture", /讲座名称是什么/);
    const topicStep = await say("法律知识进社区", /属于哪个主题/);
    await tap(topicStep, "法律", /主讲人是谁/);
    await say("王律师", /开始/);
    await say(shanghai(startMs), /结束|多长/);
    await say("1 min", /在哪里举行/);
    const poster = await say("第二中学礼堂", /海报/);
    const description = await tap(poster, "跳过", /简单介绍/);
    await tap(description, "跳过", /多少个座位/);
    const registration = await say("30", /需要报名吗/);
    await tap(registration, "需要，凭签到码入场", /讲座值班岗位/);
    const summary = await say("签到 2", /法律知识进社区/);
    const done = await tap(summary, "✅ 创建", /讲座已创建/);
    expect(done.text).toMatch(/^✅ 讲座已创建：法律知识进社区（编号 \d+）/);

    // The helper signs up for the lecture's duty among the volunteers' /events.
    const duty = await after(
      HELPER,
      () => api.send(HELPER, "/events"),
      (m) => /法律知识进社区/.test(m.text ?? "") && buttons(m).some((b) => b.text.startsWith("✋ 签到")),
    );
    await after(HELPER, () => api.press(HELPER, duty.messageId, button(duty, /^✋ 签到/)), withText(/报名成功/));

    // Staff announce it to the subscribers: the resident receives it with Register, Interested and "stop these".
    const card = await after(
      STAFF,
      () => api.send(STAFF, "/lectures"),
      (m) => /法律知识进社区/.test(m.text ?? "") && buttons(m).some((b) => b.text === "📣 通知订阅者"),
    );
    await after(STAFF, () => api.press(STAFF, card.messageId, button(card, "📣 通知订阅者")), withText(/正在通知 \d+ 人/));
    const announcement = await api.waitForBot(zhao, withText(/有一场您可能感兴趣的讲座：法律知识进社区/), { timeoutMs: 30_000 });
    expect(announcement.text).toMatch(/^赵奶奶，您好！/);
    expect(buttons(announcement).map((b) => b.text)).toEqual(["📝 报名", "⭐ 感兴趣", expect.stringContaining("🔕")]);

    // She registers: a seat and her code.
    const registered = await after(zhao, () => api.press(zhao, announcement.messageId, button(announcement, "📝 报名")), withText(/报名成功/));
    const code = /签到码：([A-Z2-9]{4})/.exec(registered.text ?? "")?.[1];
    expect(code).toBeDefined();

    // Two minutes before the start: the reminder, with her code and "I can't come".
    const reminder = await api.waitForBot(zhao, withText(/⏰ 提醒：讲座「法律知识进社区」/), { afterSeq: registered.seq, timeoutMs: 5 * 60_000 });
    expect(reminder.text).toContain(`您的签到码：${code}`);
    expect(buttons(reminder).map((b) => b.text)).toEqual(["我来不了"]);

    // At the door the helper opens the check-in and types her code.
    const lecture = await after(
      HELPER,
      () => api.send(HELPER, "/lectures"),
      (m) => /法律知识进社区/.test(m.text ?? "") && buttons(m).some((b) => b.text === "🚪 现场签到"),
    );
    await after(HELPER, () => api.press(HELPER, lecture.messageId, button(lecture, "🚪 现场签到")), withText(/现场签到。请逐个输入/));
    const checked = await after(HELPER, () => api.send(HELPER, code!.toLowerCase()), withText(/签到/));
    expect(checked.text).toBe("✅ 赵奶奶：签到成功。");
    const again = await after(HELPER, () => api.send(HELPER, code!), withText(/签到/));
    expect(again.text).toBe("⚠️ 赵奶奶 已经签到过了。");

    // After the lecture: she is asked for 1–5 stars, rates it and leaves a comment.
    const ask = await api.waitForBot(zhao, withText(/感谢您参加「法律知识进社区」/), { afterSeq: reminder.seq, timeoutMs: 5 * 60_000 });
    expect(buttons(ask).map((b) => b.text)).toEqual(["1⭐", "2⭐", "3⭐", "4⭐", "5⭐"]);
    const thanks = await after(zhao, () => api.press(zhao, ask.messageId, button(ask, "5⭐")), withText(/感谢您打出 5 颗星/));
    expect(thanks.text).toContain("输入您的意见");
    const saved = await after(zhao, () => api.send(zhao, "讲得很清楚，很实用"), withText(/意见/));
    expect(saved.text).toMatch(/保存/);

    // Staff read the lecture's figures: one registered, one came, rated 5 with her comment.
    const past = await after(
      STAFF,
      () => api.send(STAFF, "/lectures"),
      (m) => buttons(m).some((b) => b.text.includes("法律知识进社区") && b.text.startsWith("📊")),
    );
    const figures = await after(STAFF, () => api.press(STAFF, past.messageId, button(past, /^📊.*法律知识进社区/)), withText(/📊 法律知识进社区/));
    expect(figures.text).toContain("报名：1 · 到场：1 · 现场直接来：0");
    expect(figures.text).toContain("平均评分：5.0（1 人评价）");
    expect(figures.text).toContain("★★★★★ 讲得很清楚，很实用");
  },
  12 * 60_000,
);
