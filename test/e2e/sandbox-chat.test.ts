import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pngImage, START_TIMEOUT_MS, startSandboxProcess, type ChatMessage, type SandboxProcess } from "./sandbox-process.js";

/*
 * The real program (`tsx src/main.ts` without BOT_TOKEN) driven only over HTTP, through the web
 * chat's API, the way the page does it: what the bot answered is what the chat shows.
 */

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess();
}, START_TIMEOUT_MS + 10_000);
afterAll(async () => {
  await sandbox?.dispose();
}, 30_000);

const WANG = 1001; // the built-in resident persona
const buttons = (message: ChatMessage) => (message.inlineKeyboard ?? []).flat();
const hasButton = (prefix: string) => (message: ChatMessage) => buttons(message).some((b) => b.data?.startsWith(prefix));

describe("the sandbox over HTTP", () => {
  it("/start answers with the welcome and the main menu, in Chinese", async () => {
    const api = sandbox.api;
    await api.send(WANG, "/start");
    const welcome = await api.waitForBot(WANG, hasButton("menu:"));
    expect(welcome.text).toContain("王阿姨");
    expect(welcome.text).toMatch(/您好/);
    const data = buttons(welcome).map((b) => b.data);
    expect(data).toEqual(expect.arrayContaining(["menu:report", "menu:language"]));
    expect(buttons(welcome).find((b) => b.data === "menu:report")?.text).toContain("上报");
  });

  it("a new resident made in the web chat switches to English with /language, and back", async () => {
    const api = sandbox.api;
    const created = await api.post<{ persona: { id: number; name: string } }>("/sandbox/api/personas", {
      kind: "resident",
      name: "Ann",
      language: "zh-hans",
    });
    const ann = created.persona.id;
    expect((await api.state()).personas.map((p) => p.id)).toContain(ann);

    await api.send(ann, "/start");
    const welcome = await api.waitForBot(ann, hasButton("menu:"));
    expect(welcome.text).toMatch(/^Ann，您好/);

    let after = await api.lastSeq(ann);
    await api.send(ann, "/language");
    const choice = await api.waitForBot(ann, hasButton("lang:"), { afterSeq: after });
    expect(buttons(choice).map((b) => b.text)).toEqual(["简体中文", "English"]);
    await api.press(ann, choice.messageId, "lang:en");
    // The question is edited into the confirmation, in the new language.
    await api.waitForBot(ann, (m) => m.messageId === choice.messageId && m.edited && /English/.test(m.text ?? ""));

    after = await api.lastSeq(ann);
    await api.send(ann, "/start");
    const english = await api.waitForBot(ann, hasButton("menu:"), { afterSeq: after });
    expect(english.text).toMatch(/^Hello, Ann!/);
    expect(buttons(english).find((b) => b.data === "menu:report")?.text).toMatch(/Report/);

    after = await api.lastSeq(ann);
    await api.send(ann, "/language");
    const again = await api.waitForBot(ann, hasButton("lang:"), { afterSeq: after });
    await api.press(ann, again.messageId, "lang:zh-CN");
    await api.waitForBot(ann, (m) => m.messageId === again.messageId && /简体中文/.test(m.text ?? ""));
  });

  it("takes a resident through /report, photo and shared location included, to a tracking number", async () => {
    const api = sandbox.api;
    let after = await api.lastSeq(WANG);
    await api.send(WANG, "/report");
    const categories = await api.waitForBot(WANG, hasButton("rcat:"), { afterSeq: after });
    expect(categories.text).toContain("第 1 步");
    const dirtySpot = buttons(categories).find((b) => b.text.includes("卫生死角"))!;
    await api.press(WANG, categories.messageId, dirtySpot.data!);

    await api.waitForBot(WANG, (m) => /第 2 步/.test(m.text ?? ""), { afterSeq: categories.seq });
    after = await api.lastSeq(WANG);
    await api.send(WANG, "3号楼东侧垃圾堆了三天没人清理");
    const photosPrompt = await api.waitForBot(WANG, hasButton("rdone"), { afterSeq: after });

    await api.photo(WANG, pngImage());
    const received = await api.waitForBot(WANG, hasButton("rdone"), { afterSeq: photosPrompt.seq });
    await api.press(WANG, received.messageId, "rdone");

    // The place is asked with Telegram's own "share my location" reply button.
    const ask = await api.waitForBot(WANG, (m) => /第 4 步|位置/.test(m.text ?? ""), { afterSeq: received.seq });
    const keyboard = (await api.chat(WANG)).replyKeyboard;
    expect(keyboard?.rows.flat().some((b) => b.requestLocation)).toBe(true);
    await api.location(WANG, 31.2306, 121.474);

    const summary = await api.waitForBot(WANG, hasButton("rsum:confirm"), { afterSeq: ask.seq });
    expect(summary.text).toContain("3号楼东侧垃圾堆了三天没人清理");
    expect(summary.text).toMatch(/1\s*张/);
    await api.press(WANG, summary.messageId, "rsum:confirm");

    // The tracking number takes the summary's place (an edit: a rerun cannot say it twice),
    // with the main menu under it.
    const filed = await api.waitForBot(WANG, (m) => m.messageId === summary.messageId && /R-\d{6}/.test(m.text ?? ""));
    // R-000001 to R-000003 are the demo reports a first start fills in.
    expect(filed.text).toMatch(/R-000004/);
    expect(filed.edited).toBe(true);
    expect(buttons(filed).map((b) => b.data)).toEqual(expect.arrayContaining(["menu:report", "menu:my"]));
    // The location keyboard is gone once the report is filed.
    expect((await api.chat(WANG)).replyKeyboard).toBeNull();

    // The photo the resident sent is served from the emulator's file storage.
    const sent = (await api.chat(WANG)).messages.find((m) => !m.fromBot && m.photo);
    const photo = await fetch(`${sandbox.base}/sandbox/api/files/${sent!.photo!.fileId}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await photo.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");

    after = await api.lastSeq(WANG);
    await api.send(WANG, "/my");
    const mine = await api.waitForBot(WANG, (m) => /R-000004/.test(m.text ?? ""), { afterSeq: after });
    expect(mine.text).toContain("卫生死角");
  });

  it("an inspector on /patrol shares a live location from the web chat: its moves become the route's points", async () => {
    const api = sandbox.api;
    const ZHANG = 1003; // the built-in inspector persona
    let after = await api.lastSeq(ZHANG);
    await api.send(ZHANG, "/patrol");
    const onPatrol = await api.waitForBot(ZHANG, (m) => /巡查开始/.test(m.text ?? ""), { afterSeq: after });

    const started = await api.live(ZHANG, { action: "start", latitude: 31.2323, longitude: 121.4766 });
    for (const [i, heading] of [90, 90, 360].entries()) {
      await api.live(ZHANG, { action: "move", messageId: started.messageId, latitude: 31.2323 + i * 0.0001, longitude: 121.4767 + i * 0.0001, heading });
    }
    await api.live(ZHANG, { action: "stop", messageId: started.messageId });
    // The chat shows one location message, moved in place and no longer live.
    const shared = (await api.chat(ZHANG)).messages.find((m) => m.messageId === started.messageId);
    expect(shared?.location?.live).toBeUndefined();
    expect(shared?.location?.latitude).toBeCloseTo(31.2325, 6);

    after = await api.lastSeq(ZHANG);
    await api.send(ZHANG, "/patrol");
    const ended = await api.waitForBot(ZHANG, (m) => /巡查结束/.test(m.text ?? ""), { afterSeq: after });
    // Points are kept one per second; the moves came faster than that, so at least one.
    const points = Number(/路线点 (\d+) 个/.exec(ended.text ?? "")?.[1]);
    expect(points).toBeGreaterThan(0);
    // The edits were taken silently: nothing between the two /patrol answers.
    expect((await api.chat(ZHANG)).messages.filter((m) => m.fromBot && m.seq > onPatrol.seq && m.seq < ended.seq).map((m) => m.text)).toEqual([]);
  });

  it("refuses to act as a persona in a chat it is not in", async () => {
    const response = await fetch(`${sandbox.base}/sandbox/api/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: WANG, chat: 1004, text: "hello" }),
    });
    expect(response.status).toBe(403);
  });

  it("a first start fills in the demo data: the staff group shows the demo reports' cards, the map its areas", async () => {
    const STAFF = 1004; // 陈主任
    const state = await sandbox.api.get<{ personas: Array<{ id: number; chats: number[] }>; areas: Array<{ name: string }> }>("/sandbox/api/state");
    expect(state.areas).toHaveLength(2);
    const group = state.personas.find((p) => p.id === STAFF)!.chats.find((c) => c < 0)!;
    const card = await sandbox.api.waitForBot(STAFF, (m) => /R-000001/.test(m.text ?? ""), { chat: group });
    expect(card.text).toContain("3号楼东侧垃圾堆");
  });

  // Last: it changes the community (areas, more reports) under the tests above.
  it("`npm run sandbox:seed` seeds the running sandbox through its API, once", async () => {
    const repo = fileURLToPath(new URL("../..", import.meta.url));
    const seed = () =>
      promisify(execFile)(join(repo, "node_modules", ".bin", "tsx"), ["src/sandbox/seed-cli.ts"], {
        cwd: repo,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: new URL(sandbox.base).port },
        timeout: 60_000,
      });
    const first = await seed();
    expect(first.stdout.trim()).toBe(`演示数据已就绪：2 个网格、9 个身份、3 条上报。 (through the running sandbox on port ${new URL(sandbox.base).port})`);
    await seed();
    const state = await sandbox.api.get<{ personas: Array<{ name: string; kind: string; chats: number[] }>; areas: Array<{ name: string }> }>(
      "/sandbox/api/state",
    );
    expect(state.areas.map((a) => a.name)).toEqual(["第一网格 · 幸福小区", "第二网格 · 和平里"]);
    expect(state.personas.filter((p) => p.name === "赵师傅")).toEqual([expect.objectContaining({ kind: "inspector" })]);

    // The seeded reports are there for staff; a resident's /my lists theirs.
    const QIAN = 1009;
    await sandbox.api.send(QIAN, "/my");
    const list = await sandbox.api.waitForBot(QIAN, (m) => /R-000003/.test(m.text ?? ""));
    expect(list.text).toContain("R-000002"); // R-000001 is Wang's demo report, R-000004 his own from the test above
  }, 120_000);
});
