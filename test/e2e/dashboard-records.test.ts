import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayIn } from "../../src/features/evaluation/days.js";
import { CHROMIUM, launchPhone } from "./chromium.js";
import { START_TIMEOUT_MS, startSandboxProcess, type SandboxProcess } from "./sandbox-process.js";

/*
 * The dashboard's records in headless Chromium against the real program without BOT_TOKEN: a
 * staff persona keeps yesterday's daily record with /daily in the web chat and reads it on the
 * dashboard, on a phone in Chinese and on an office screen in English. Skipped, and says so,
 * where Chromium is missing.
 */

const available = existsSync(CHROMIUM);
const SKIPPED = available ? "" : ` [skipped: ${CHROMIUM} is missing; apt-get install chromium]`;
const outputDirectory = fileURLToPath(new URL("../../test-output/", import.meta.url));
const CHEN = 1004; // the built-in staff persona
const LI = 1002; // 李叔叔, who drums in the demo's drum team

let sandbox: SandboxProcess | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!available) return;
  mkdirSync(outputDirectory, { recursive: true });
  sandbox = await startSandboxProcess();
  profile = mkdtempSync(join(tmpdir(), "cbt-chromium-"));
  context = await launchPhone(profile);
  context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(error.message)));
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await context?.close();
  await sandbox?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
}, 30_000);

const shot = (page: Page, name: string) => page.screenshot({ path: join(outputDirectory, name), fullPage: true });

/** Chen's sign-in link from /dashboard in the web chat, opened in the browser and used. */
async function signIn(): Promise<Page> {
  const api = sandbox!.api;
  const after = await api.lastSeq(CHEN);
  await api.send(CHEN, "/dashboard");
  const link = await api.waitForBot(CHEN, (m) => (m.inlineKeyboard ?? []).flat().some((b) => b.url?.includes("/dashboard/sign-in")), { afterSeq: after });
  const page = await context!.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(link.inlineKeyboard!.flat().find((b) => b.url)!.url!);
  await page.locator('[data-testid="sign-in"]').click();
  await page.waitForURL(/\/dashboard\/reports$/);
  return page;
}

describe("the dashboard's records in Chromium", () => {
  it.skipIf(!available)(
    `yesterday's daily record, kept by /daily in the chat, read on the dashboard in both languages${SKIPPED}`,
    async () => {
      const api = sandbox!.api;
      const yesterday = addDays(dayIn(new Date(), "Asia/Shanghai"), -1);
      const after = await api.lastSeq(CHEN);
      await api.send(CHEN, `/daily ${yesterday}`);
      await api.waitForBot(CHEN, (m) => (m.text ?? "").includes(yesterday), { afterSeq: after });

      const page = await signIn();
      const origin = new URL(page.url()).origin;
      await page.locator("nav.sections a", { hasText: "日记录" }).click();
      await page.goto(`${origin}/dashboard/daily?day=${yesterday}`);
      await page.locator('[data-testid="daily-when"]', { hasText: "全天，按记录。" }).waitFor();
      await shot(page, "dashboard-daily-zh-CN.png");
      // The day before has no record: said so.
      await page.locator('[data-testid="day-before"]').click();
      await page.locator('[data-testid="daily-none"]').waitFor();

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.locator('[data-testid="language-en"]').click();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      await page.locator('[data-testid="day-after"]').click();
      await page.locator('[data-testid="daily-when"]', { hasText: "The whole day, as recorded." }).waitFor();
      await shot(page, "dashboard-daily-en.png");
      expect(pageErrors).toEqual([]);
    },
    180_000,
  );
  it.skipIf(!available)(
    `the volunteers page and a drum-team rehearsal's roster, after a drummer signs up in the chat${SKIPPED}`,
    async () => {
      const api = sandbox!.api;
      const after = await api.lastSeq(LI);
      await api.send(LI, "/events");
      const card = await api.waitForBot(LI, (m) => /腰鼓队排练/.test(m.text ?? "") && (m.inlineKeyboard ?? []).flat().some((b) => b.data?.startsWith("evj:")), {
        afterSeq: after,
      });
      const drummer = card.inlineKeyboard!.flat().find((b) => b.text.includes("鼓手"))!;
      await api.press(LI, card.messageId, drummer.data!);
      await api.waitForBot(LI, (m) => /报名成功/.test(m.text ?? ""), { afterSeq: card.seq });

      const page = await signIn();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator("nav.sections a", { hasText: "志愿者" }).click();
      await page.locator('[data-testid="volunteers"]').waitFor();
      await page.locator('[data-testid="teams"]', { hasText: "腰鼓队" }).waitFor();
      await shot(page, "dashboard-volunteers-zh-CN.png");

      await page.locator("nav.sections a", { hasText: "活动" }).click();
      await page.locator('[data-testid="events-coming"] a', { hasText: "腰鼓队排练" }).first().click();
      await page.locator('[data-testid="roster"]', { hasText: "李叔叔" }).waitFor();
      expect(await page.locator('[data-testid="event-seats"]').textContent()).toContain("鼓手: 1/12");
      await shot(page, "dashboard-roster-zh-CN.png");
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="roster-csv"]').click()]);
      const csv = readFileSync((await download.path())!);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString("utf8")).toContain("李叔叔");

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.locator('[data-testid="language-en"]').click();
      await page.locator('[data-testid="roster"]', { hasText: "signed up" }).waitFor();
      await shot(page, "dashboard-roster-en.png");
      await page.locator("nav.sections a", { hasText: "Events" }).click();
      await page.locator('[data-testid="events-coming"]').waitFor();
      await shot(page, "dashboard-events-en.png");
      await page.locator("nav.sections a", { hasText: "Volunteers" }).click();
      await page.locator('[data-testid="volunteers"]').waitFor();
      await shot(page, "dashboard-volunteers-en.png");
      // The demo has no lecture or broadcast yet: both pages say so.
      await page.locator("nav.sections a", { hasText: "Lectures" }).click();
      await page.locator("text=No lectures to come.").waitFor();
      await page.locator("nav.sections a", { hasText: "Broadcasts" }).click();
      await page.locator("text=No broadcasts yet.").waitFor();
      expect(pageErrors).toEqual([]);
    },
    180_000,
  );
});
