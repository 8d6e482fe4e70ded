import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas, communities, events, reports, teamMembers, teams, userRoles } from "../../src/db/schema/index.js";
import { findMember } from "../../src/features/accounts/service.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { createEmulator, type Emulator } from "../../src/sandbox/emulator/index.js";
import { SANDBOX_STAFF_GROUP_ID } from "../../src/sandbox/seed.js";
import { createWebChat, type WebChat } from "../../src/sandbox/web-chat/server.js";
import { createWorld, type SandboxWorld } from "../../src/sandbox/world.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { seedDefaultCommunity } from "../helpers/harness.js";

/*
 * The web chat in process, with the emulator and the database but no bot: the tests play the
 * bot through the emulator's Bot API routes (as grammY would) and the person through the web
 * chat's API (as the page does).
 */

const TOKEN = "1000000:sandbox-token-for-tests";
let database: TestDatabase;
let emulator: Emulator;
let world: SandboxWorld;
let webChat: WebChat;
let server: Server;
let base: string;
const clock = { now: () => new Date("2026-05-01T08:00:00Z") };

beforeAll(async () => {
  database = await createTestDatabase();
  const home = await seedDefaultCommunity(database.db);
  emulator = createEmulator({ token: TOKEN, bot: { first_name: "社区服务助手", username: "community_sandbox_bot" } });
  world = await createWorld({ emulator, db: database.db, communityId: home.id, clock, staffGroupTitle: "社区工作群" });
  webChat = createWebChat({ world, i18n: createI18n(), logger: silentLogger });
  server = createServer((req, res) => {
    void (async () => {
      if (await emulator.handle(req, res)) return;
      if (await webChat.handle(req, res)) return;
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await webChat?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await database?.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

/** What the bot does: a Bot API call on the mounted emulator. */
async function bot(method: string, params: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${base}/bot${TOKEN}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  const json = (await response.json()) as { ok: boolean; result: unknown; description?: string };
  if (!json.ok) throw new Error(json.description);
  return json.result;
}

/** Opens the live stream; `next(predicate)` resolves with the first matching event from now on. */
async function liveStream() {
  const controller = new AbortController();
  const response = await fetch(`${base}/sandbox/api/events`, { signal: controller.signal });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: any[] = [];
  const waiting = new Set<() => void>();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("");
        buffer = buffer.slice(end + 2);
        if (data) events.push(JSON.parse(data));
        for (const wake of [...waiting]) wake();
      }
    }
  })();
  return {
    next(predicate: (event: any) => boolean, timeoutMs = 5000): Promise<any> {
      const from = events.length;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such event; got ${JSON.stringify(events.slice(from))}`)), timeoutMs);
        const check = (): void => {
          const found = events.slice(from).find(predicate);
          if (found) {
            clearTimeout(timer);
            waiting.delete(check);
            resolve(found);
          }
        };
        waiting.add(check);
      });
    },
    close: () => controller.abort(),
  };
}

describe("the page", () => {
  it("is in Simplified Chinese by default, its words from locales/, with a switch to English", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const i18n = createI18n();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<title>${i18n.t("zh-CN", "sandbox-page-title")}</title>`);
    expect(html).toContain(i18n.t("zh-CN", "sandbox-banner"));
    expect(html).toContain('href="/?lang=en"');
    // The words for the script travel as JSON that cannot close its <script> element.
    const boot = /<script id="boot" type="application\/json">([^<]*)<\/script>/.exec(html);
    expect(boot).not.toBeNull();
    expect(JSON.parse(boot![1]!).strings.start).toBe(i18n.t("zh-CN", "sandbox-start"));
  });

  it("switches to English with ?lang=en and remembers it in a cookie", async () => {
    const english = await fetch(`${base}/?lang=en`);
    const cookie = english.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sandbox-lang=en;/);
    const html = await english.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Local sandbox: the real bot runs, but nothing goes to Telegram.");
    const again = await (await fetch(`${base}/`, { headers: { cookie: "sandbox-lang=en" } })).text();
    expect(again).toContain('<html lang="en">');
    const unknown = await (await fetch(`${base}/?lang=fr`)).text();
    expect(unknown).toContain('<html lang="zh-CN">');
  });

  it("serves its script and style, and the script never parses HTML (bot text is drawn as nodes)", async () => {
    const script = await fetch(`${base}/sandbox/static/app.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    const source = await script.text();
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect((await fetch(`${base}/sandbox/static/app.css`)).headers.get("content-type")).toContain("text/css");
    expect((await fetch(`${base}/sandbox/static/../server.ts`)).status).toBe(404);
    // No address outside this server is ever loaded: no tiles, fonts or scripts from the network.
    for (const file of ["app.js", "app.css"]) {
      const text = readFileSync(new URL(`../../src/sandbox/web-chat/public/${file}`, import.meta.url), "utf8");
      expect(text, file).not.toMatch(/(src|href|url)\s*[=(]\s*["']?https?:/i);
    }
  });
});

describe("personas and chats", () => {
  it("starts with one persona of each kind; staff, admin and inspector also see the staff group", async () => {
    const state = (await (await fetch(`${base}/sandbox/api/state`)).json()) as any;
    expect(state.personas.map((p: any) => [p.name, p.kind])).toEqual([
      ["王阿姨", "resident"],
      ["李叔叔", "volunteer"],
      ["张师傅", "inspector"],
      ["陈主任", "staff"],
      ["刘书记", "admin"],
    ]);
    expect(state.personas.find((p: any) => p.kind === "staff").chats).toEqual([1004, SANDBOX_STAFF_GROUP_ID]);
    expect(state.personas.find((p: any) => p.kind === "resident").chats).toEqual([1001]);
    expect(state.staffGroup).toEqual({ id: SANDBOX_STAFF_GROUP_ID, title: "社区工作群" });
    // Their roles are real: granted in the database.
    expect((await findMember(database.db, 1005))?.roles).toEqual(["admin"]);
    expect((await findMember(database.db, 1002))?.roles).toEqual(["volunteer"]);
  });

  it("makes a new resident (unknown to the bot until they write) and a new staff member (role granted)", async () => {
    const resident = await post("/sandbox/api/personas", { kind: "resident", name: "新居民", language: "zh-hans" });
    expect(resident.status).toBe(200);
    expect(await findMember(database.db, resident.json.persona.id)).toBeUndefined();
    expect(emulator.users().some((u) => u.id === resident.json.persona.id && u.language_code === "zh-hans")).toBe(true);

    const staff = await post("/sandbox/api/personas", { kind: "staff", language: "en", lang: "en" });
    expect(staff.json.persona.name).toMatch(/^New staff \d+$/);
    expect((await findMember(database.db, staff.json.persona.id))?.roles).toEqual(["staff"]);
    // A staff member can write in the staff group at once.
    const sent = await post("/sandbox/api/send", { persona: staff.json.persona.id, chat: SANDBOX_STAFF_GROUP_ID, text: "大家好" });
    expect(sent.status).toBe(200);

    expect((await post("/sandbox/api/personas", { kind: "mayor" })).status).toBe(400);
  });

  it("refuses unknown personas, chats a persona is not in, and bad bodies", async () => {
    expect((await post("/sandbox/api/send", { persona: 424242, text: "hi" })).status).toBe(400);
    expect((await post("/sandbox/api/send", { persona: 1001, chat: SANDBOX_STAFF_GROUP_ID, text: "hi" })).status).toBe(403);
    expect((await post("/sandbox/api/send", { persona: 1001, text: "  " })).status).toBe(400);
    expect((await post("/sandbox/api/location", { persona: 1001, latitude: 95, longitude: 0 })).status).toBe(400);
    const broken = await fetch(`${base}/sandbox/api/send`, { method: "POST", body: "{oops" });
    expect(broken.status).toBe(400);
    expect((await fetch(`${base}/sandbox/api/nothing`)).status).toBe(404);
  });
});

describe("a chat, live", () => {
  it("shows the bot's formatted text as text plus entities, its buttons, edits and deletions as they happen", async () => {
    const stream = await liveStream();
    try {
      const sent = stream.next((e) => e.type === "message" && e.chatId === 1001 && e.message.fromBot);
      const message = await bot("sendMessage", {
        chat_id: 1001,
        text: '<b>您好</b>，<i>王阿姨</i>！<a href="https://example.org/x">详情</a> &lt;script&gt;',
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [[{ text: "📸 上报问题", callback_data: "menu:report" }]] },
      });
      const event = await sent;
      expect(event.message.text).toBe("您好，王阿姨！详情 <script>");
      expect(event.message.entities).toEqual([
        { type: "bold", offset: 0, length: 2 },
        { type: "italic", offset: 3, length: 3 },
        { type: "text_link", offset: 7, length: 2, url: "https://example.org/x" },
      ]);
      expect(event.message.inlineKeyboard).toEqual([[{ text: "📸 上报问题", data: "menu:report" }]]);

      const pressed = await post("/sandbox/api/press", { persona: 1001, chat: 1001, messageId: message.message_id, data: "menu:report" });
      expect(pressed.status).toBe(200);
      const answered = stream.next((e) => e.type === "callback_answer");
      await bot("answerCallbackQuery", { callback_query_id: pressed.json.callbackId, text: "好的", show_alert: true });
      expect((await answered).answer).toMatchObject({ text: "好的", show_alert: true });
      // A button that is not there is refused, not sent.
      expect((await post("/sandbox/api/press", { persona: 1001, chat: 1001, messageId: message.message_id, data: "forged" })).status).toBe(400);

      const edited = stream.next((e) => e.type === "edit" && e.message.messageId === message.message_id);
      await bot("editMessageText", { chat_id: 1001, message_id: message.message_id, text: "已更新" });
      expect((await edited).message).toMatchObject({ text: "已更新", edited: true });
      expect((await edited).message.inlineKeyboard).toBeUndefined();

      const typing = stream.next((e) => e.type === "chat_action");
      await bot("sendChatAction", { chat_id: 1001, action: "typing" });
      expect(await typing).toMatchObject({ chatId: 1001, action: "typing" });

      const deleted = stream.next((e) => e.type === "delete" && e.message.messageId === message.message_id);
      await bot("deleteMessage", { chat_id: 1001, message_id: message.message_id });
      expect((await deleted).message.deleted).toBe(true);
      const chat = (await (await fetch(`${base}/sandbox/api/chats/1001?persona=1001`)).json()) as any;
      expect(chat.messages.some((m: any) => m.messageId === message.message_id)).toBe(false);
    } finally {
      stream.close();
    }
  });

  it("carries the reply keyboard, with Telegram's location and contact buttons, and the command menu", async () => {
    await bot("setMyCommands", { commands: [{ command: "start", description: "开始 / 主菜单" }], language_code: "zh" });
    await bot("sendMessage", {
      chat_id: 1001,
      text: "第 4 步：请发送位置",
      reply_markup: {
        keyboard: [[{ text: "📍 发送我的位置", request_location: true }], [{ text: "📞", request_contact: true }], ["取消"]],
        resize_keyboard: true,
        one_time_keyboard: true,
      },
    });
    const chat = (await (await fetch(`${base}/sandbox/api/chats/1001?persona=1001`)).json()) as any;
    expect(chat.replyKeyboard.rows).toEqual([[{ text: "📍 发送我的位置", requestLocation: true }], [{ text: "📞", requestContact: true }], [{ text: "取消" }]]);
    expect(chat.commands).toEqual([{ command: "start", description: "开始 / 主菜单" }]);

    expect((await post("/sandbox/api/location", { persona: 1001, latitude: 31.2306, longitude: 121.474 })).status).toBe(200);
    const after = (await (await fetch(`${base}/sandbox/api/chats/1001?persona=1001`)).json()) as any;
    expect(after.replyKeyboard).toBeNull(); // one-time keyboard: gone once the user wrote
    expect(after.messages.at(-1)).toMatchObject({ fromBot: false, location: { latitude: 31.2306, longitude: 121.474 } });

    expect((await post("/sandbox/api/contact", { persona: 1001 })).status).toBe(200);
    const contact = emulator.history(1001).at(-1)!.message.contact;
    expect(contact).toMatchObject({ first_name: "王阿姨", user_id: 1001 });
  });

  it("takes photo and voice uploads and serves the files back from the emulator's storage", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000100000000c0806000000", "hex");
    const photo = await fetch(`${base}/sandbox/api/photo?persona=1001&chat=1001`, { method: "POST", headers: { "content-type": "image/png" }, body: png });
    expect(photo.status).toBe(200);
    const voice = await fetch(`${base}/sandbox/api/voice?persona=1001&chat=1001&duration=4`, { method: "POST", body: Buffer.from("OggS fake voice") });
    expect(voice.status).toBe(200);
    const chat = (await (await fetch(`${base}/sandbox/api/chats/1001?persona=1001`)).json()) as any;
    const [sentPhoto, sentVoice] = chat.messages.slice(-2);
    expect(sentPhoto.photo).toMatchObject({ width: 16, height: 12 });
    expect(sentVoice.voice).toMatchObject({ duration: 4 });
    const file = await fetch(`${base}/sandbox/api/files/${sentPhoto.photo.fileId}`);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(png);
    expect((await fetch(`${base}/sandbox/api/files/nope`)).status).toBe(404);
    expect((await fetch(`${base}/sandbox/api/photo?persona=1001`, { method: "POST", body: new Uint8Array() })).status).toBe(400);
  });
});

describe("the seed button", () => {
  it("fills demo data once: areas, people with roles, reports, the staff group bound; again changes nothing", async () => {
    const stream = await liveStream();
    try {
      const changed = stream.next((e) => e.type === "personas");
      const first = await post("/sandbox/api/seed", { lang: "zh-CN" });
      expect(first.status).toBe(200);
      expect(first.json.message).toBe("演示数据已就绪：2 个网格、9 个身份、3 条上报。");
      expect(first.json.summary.created).toEqual({ areas: 2, personas: 4, reports: 3, events: 3 });
      expect(first.json.summary.staffGroupBound).toBe(true);
      await changed;
    } finally {
      stream.close();
    }
    const second = await post("/sandbox/api/seed", { lang: "en" });
    expect(second.json.message).toBe("Demo data ready: 2 areas, 9 personas, 3 reports.");
    expect(second.json.summary.created).toEqual({ areas: 0, personas: 0, reports: 0, events: 0 });

    const db = database.db;
    expect(await db.select().from(areas)).toHaveLength(2);
    expect((await db.select().from(reports)).map((r) => r.number).sort()).toEqual([1, 2, 3]);
    expect((await db.select().from(userRoles).where(eq(userRoles.userId, 1007))).map((r) => r.role)).toEqual(["inspector"]);
    const [home] = await db.select().from(communities);
    expect(home?.staffGroupChatId).toBe(SANDBOX_STAFF_GROUP_ID);
    // The new people are personas now, the inspector in the staff group.
    expect(world.personas().map((p) => p.firstName)).toEqual(expect.arrayContaining(["孙老师", "赵师傅", "周阿姨", "钱大爷"]));
    expect(world.chatsOf(1007)).toEqual([1007, SANDBOX_STAFF_GROUP_ID]);
    const state = (await (await fetch(`${base}/sandbox/api/state`)).json()) as any;
    expect(state.areas.map((a: any) => a.name)).toEqual(["第一网格 · 幸福小区", "第二网格 · 和平里"]);

    // The drum team (周阿姨 leads, 李叔叔 drums) and its weekly rehearsals for its members, a
    // lecture duty and a clean-up day (issue 14, item 9).
    const [team] = await db.select().from(teams);
    expect(team).toMatchObject({ name: "腰鼓队", leaderId: 1008 });
    expect((await db.select().from(teamMembers)).map((m) => [m.userId, m.status])).toEqual([[1002, "approved"]]);
    const demo = await db.select().from(events).orderBy(events.startsAt);
    const rehearsals = demo.filter((e) => e.kind === "rehearsal");
    expect(rehearsals).toHaveLength(8);
    expect(new Set(rehearsals.map((e) => e.seriesId))).toEqual(new Set([rehearsals[0]!.id]));
    expect(rehearsals.every((e) => e.title === "腰鼓队排练" && e.audience === "team" && e.teamId === team!.id)).toBe(true);
    expect(rehearsals[1]!.startsAt.getTime() - rehearsals[0]!.startsAt.getTime()).toBe(7 * 24 * 3600_000);
    expect(demo.filter((e) => e.kind !== "rehearsal").map((e) => [e.kind, e.title])).toEqual([
      ["lecture_duty", "法治讲座值班"],
      ["cleanup", "周末环境整治日"],
    ]);
  });
});
