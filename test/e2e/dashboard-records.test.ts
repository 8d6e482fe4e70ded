import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
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
});
