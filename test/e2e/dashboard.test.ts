import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchPhone } from "./chromium.js";
import { pngImage, START_TIMEOUT_MS, startSandboxProcess, type ChatMessage, type SandboxProcess } from "./sandbox-process.js";

/*
 * The staff dashboard in headless Chromium against the real program without BOT_TOKEN: a staff
 * persona asks the bot for /dashboard in the web chat, the link opens the dashboard on the same
 * port in the same browser, the list is filtered, a report assigned, and the report's card in the
 * staff group (the emulator's chat) changes. Skipped, and says so, where Chromium is missing.
 */

const available = existsSync(CHROMIUM);
const SKIPPED = available ? "" : ` [skipped: ${CHROMIUM} is missing; apt-get install chromium]`;
const outputDirectory = fileURLToPath(new URL("../../test-output/", import.meta.url));
const CHEN = "1004"; // the built-in staff persona
const ZHAO = "1007"; // an inspector of the demo data, lead of 第二网格

let sandbox: SandboxProcess | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;
let chat: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!available) return;
  mkdirSync(outputDirectory, { recursive: true });
  sandbox = await startSandboxProcess();
  profile = mkdtempSync(join(tmpdir(), "cbt-chromium-"));
  context = await launchPhone(profile);
  chat = context.pages()[0] ?? (await context.newPage());
  chat.setDefaultTimeout(20_000);
  context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(error.message)));
  chat.on("pageerror", (error) => pageErrors.push(error.message));
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await context?.close();
  await sandbox?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
}, 30_000);

const shot = (page: Page, name: string) => page.screenshot({ path: join(outputDirectory, name), fullPage: true });

describe("the staff dashboard in Chromium", () => {
  it.skipIf(!available)(
    `a staff member signs in by the bot's link, filters the list, assigns a report, and its card in the staff group changes${SKIPPED}`,
    async () => {
      await chat.goto(`${sandbox!.base}/`);
      await chat.locator("#persona").selectOption(CHEN);
      await chat.locator("#text").fill("/dashboard");
      await chat.locator("#send").click();
      const open = chat.locator(".inline-button", { hasText: "打开工作台" }).last();
      await open.waitFor();

      // The link opens in a new tab of the same browser, on the bot's own server.
      const [dashboard] = await Promise.all([context!.waitForEvent("page"), open.click()]);
      dashboard.setDefaultTimeout(20_000);
      await dashboard.waitForLoadState();
      expect(new URL(dashboard.url()).port).toBe(new URL(sandbox!.base).port);
      await dashboard.locator("text=此链接将以 陈主任 的身份登录。").waitFor();
      await dashboard.locator('[data-testid="sign-in"]').click();
      await dashboard.waitForURL(/\/dashboard\/reports$/);
      await expect.poll(() => dashboard.locator('[data-testid="report-count"]').textContent()).toBe("共 3 条");

      // Filtering: the area's drop-down applies at once.
      await dashboard.locator('select[name="area"]').selectOption({ label: "第二网格 · 和平里" });
      await dashboard.waitForURL(/area=\d+/);
      await expect.poll(() => dashboard.locator('[data-testid="report-count"]').textContent()).toBe("共 1 条");
      await dashboard.locator('tr[data-number="R-000002"]').waitFor();
      await shot(dashboard, "dashboard-list-zh-CN.png");

      // The filtered list as a CSV file for Excel, downloaded by the browser.
      const [download] = await Promise.all([dashboard.waitForEvent("download"), dashboard.locator('[data-testid="export-list"]').click()]);
      const csv = readFileSync((await download.path())!);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
      expect(rows[0]).toMatch(/^编号,类型,状态,网格,/);
      expect(rows.slice(1).map((row) => row.split(",")[0])).toEqual(["R-000002"]);

      await dashboard.locator('a[href="/dashboard/reports/2"]').click();
      await dashboard.locator('[data-testid="report-status"]', { hasText: "已提交" }).waitFor();
      await shot(dashboard, "dashboard-report-new-zh-CN.png");
      await dashboard.locator('[data-testid="assignee"]').selectOption(ZHAO);
      await dashboard.locator('[data-testid="action-assign"]').click();
      await dashboard.locator('[data-testid="notice"]', { hasText: "已将 R-000002 派给 赵师傅" }).waitFor();
      await expect.poll(() => dashboard.locator('[data-testid="report-assignee"]').textContent()).toBe("赵师傅");
      await shot(dashboard, "dashboard-report-zh-CN.png");

      // The card in the staff group, edited in place by the outbox, as after the group's own button.
      const state = await sandbox!.api.get<{ staffGroup: { id: number } }>("/sandbox/api/state");
      const card = await sandbox!.api.waitForBot(Number(CHEN), (m) => m.edited && /R-000002/.test(m.text ?? "") && /处理人：赵师傅/.test(m.text ?? ""), {
        chat: state.staffGroup.id,
        timeoutMs: 30_000,
      });
      expect(card.text).toContain("已派单");
      await chat.bringToFront();
      await chat.locator("#chats button", { hasText: "社区工作群" }).click();
      const shown = chat.locator(".msg.bot", { hasText: "处理人：赵师傅" }).last();
      await shown.waitFor();
      await shown.scrollIntoViewIfNeeded();
      await shown.screenshot({ path: join(outputDirectory, "dashboard-card-in-group.png") });

      // The map: the demo's two areas and its two open reports with a place, no tile server.
      await dashboard.locator("nav.sections a", { hasText: "地图" }).click();
      await dashboard.locator('[data-testid="map"]').waitFor();
      await expect.poll(() => dashboard.locator('[data-testid="pin"]').count()).toBe(2);
      expect(await dashboard.locator("g.area").count()).toBe(2);
      await dashboard.locator('[data-testid="pin"][data-number="R-000002"]').waitFor();
      await shot(dashboard, "dashboard-map-zh-CN.png");
      await dashboard.locator('[data-testid="pin"][data-number="R-000002"]').click();
      await dashboard.waitForURL(/\/dashboard\/reports\/2$/);

      // The same pages in English, on an office screen.
      await dashboard.bringToFront();
      await dashboard.setViewportSize({ width: 1280, height: 800 });
      await dashboard.locator('[data-testid="language-en"]').click();
      await dashboard.locator('[data-testid="notice"]').waitFor({ state: "detached" });
      await expect.poll(() => dashboard.locator("html").getAttribute("lang")).toBe("en");
      await dashboard.locator('[data-testid="report-assignee"]', { hasText: "赵师傅" }).waitFor();
      await shot(dashboard, "dashboard-report-en.png");
      await dashboard.locator("a", { hasText: "Back to the list" }).click();
      await expect.poll(() => dashboard.locator('[data-testid="report-count"]').textContent()).toBe("3 reports");
      await shot(dashboard, "dashboard-list-en.png");

      // This month's evaluation figures, drawn as charts by the server.
      await dashboard.locator("nav.sections a", { hasText: "Figures" }).click();
      await dashboard.locator('[data-testid="chart-per-day"] rect.bar').first().waitFor();
      expect(await dashboard.locator('[data-testid="figures-headline"] strong').first().textContent()).toBe("3");
      await shot(dashboard, "dashboard-figures-en.png");

      // Sign out: the list is closed to this browser until a new link.
      await dashboard.locator("button", { hasText: "Sign out" }).click();
      await dashboard.locator("text=You have signed out.").waitFor();
      await dashboard.goto(`${new URL(dashboard.url()).origin}/dashboard/reports`);
      // Nobody is signed in now: the page speaks the browser's language.
      await dashboard.locator("text=请先登录").waitFor();
      expect(pageErrors).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!available)(
    `a report's photo reaches the dashboard through the bot's server, fetched from the Bot API with the bot's token${SKIPPED}`,
    async () => {
      const api = sandbox!.api;
      const WANG = 1001; // the demo's resident, whose own earlier report nearby is not offered as "the same"
      const hasButton = (prefix: string) => (m: ChatMessage) => (m.inlineKeyboard ?? []).flat().some((b) => b.data?.startsWith(prefix));
      let after = await api.lastSeq(WANG);
      await api.send(WANG, "/report");
      const categories = await api.waitForBot(WANG, hasButton("rcat:"), { afterSeq: after });
      await api.press(WANG, categories.messageId, (categories.inlineKeyboard ?? []).flat().find((b) => b.text.includes("卫生死角"))!.data!);
      await api.waitForBot(WANG, (m) => /第 2 步/.test(m.text ?? ""), { afterSeq: categories.seq });
      after = await api.lastSeq(WANG);
      await api.send(WANG, "楼道里堆满了纸箱");
      const photos = await api.waitForBot(WANG, hasButton("rdone"), { afterSeq: after });
      await api.photo(WANG, pngImage(96, 64));
      const received = await api.waitForBot(WANG, hasButton("rdone"), { afterSeq: photos.seq });
      await api.press(WANG, received.messageId, "rdone");
      const ask = await api.waitForBot(WANG, (m) => /第 4 步|位置/.test(m.text ?? ""), { afterSeq: received.seq });
      await api.location(WANG, 31.2306, 121.474);
      const summary = await api.waitForBot(WANG, hasButton("rsum:confirm"), { afterSeq: ask.seq });
      await api.press(WANG, summary.messageId, "rsum:confirm");
      const filed = await api.waitForBot(WANG, (m) => m.messageId === summary.messageId && /R-\d{6}/.test(m.text ?? ""));
      const number = Number(/R-(\d{6})/.exec(filed.text ?? "")![1]);

      await chat.bringToFront();
      await chat.locator("#persona").selectOption(CHEN);
      await chat.locator("#chats button").first().click();
      await chat.locator("#text").fill("/dashboard");
      await chat.locator("#send").click();
      const open = chat.locator(".inline-button", { hasText: "打开工作台" }).last();
      await expect.poll(() => chat.locator(".inline-button", { hasText: "打开工作台" }).count()).toBeGreaterThanOrEqual(2);
      const [dashboard] = await Promise.all([context!.waitForEvent("page"), open.click()]);
      dashboard.setDefaultTimeout(20_000);
      await dashboard.locator('[data-testid="sign-in"]').click();
      await dashboard.waitForURL(/\/dashboard\/reports$/);
      await dashboard.goto(`${new URL(dashboard.url()).origin}/dashboard/reports/${number}`);
      const image = dashboard.locator(".photos img").first();
      await image.waitFor();
      await expect
        .poll(() =>
          image.evaluate((node) => {
            // No DOM types here: the page's <img> has these two.
            const img = node as unknown as { complete: boolean; naturalWidth: number };
            return img.complete && img.naturalWidth;
          }),
        )
        .toBe(96);
      expect(await image.getAttribute("src")).toMatch(/^\/dashboard\/reports\/\d+\/photos\/\d+$/);
      expect(await dashboard.content()).not.toContain("sandbox-token");
      await shot(dashboard, "dashboard-report-photo-zh-CN.png");
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );
});
