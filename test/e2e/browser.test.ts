import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchPhone } from "./chromium.js";
import { START_TIMEOUT_MS, startSandboxProcess, type SandboxProcess } from "./sandbox-process.js";

/*
 * The web chat in headless Chromium (Debian's package; playwright-core never downloads a
 * browser), against the real program started without BOT_TOKEN. .ci/run installs chromium;
 * on a machine without it these tests are skipped, and say so.
 */

const available = existsSync(CHROMIUM);
const SKIPPED = available ? "" : ` [skipped: ${CHROMIUM} is missing; apt-get install chromium]`;
if (!available) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does it)`);

const outputDirectory = fileURLToPath(new URL("../../test-output/", import.meta.url));

let sandbox: SandboxProcess | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!available) return;
  mkdirSync(outputDirectory, { recursive: true });
  sandbox = await startSandboxProcess();
  profile = mkdtempSync(join(tmpdir(), "cbt-chromium-"));
  context = await launchPhone(profile);
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(15_000);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await context?.close();
  await sandbox?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
}, 30_000);

/** The newest bot message whose text contains `text`. */
const botMessage = (text: string) => page.locator(".msg.bot .text", { hasText: text }).last();

describe("the web chat in Chromium", () => {
  it.skipIf(!available)(
    `a resident taps START, gets the menu, and switches to English with /language${SKIPPED}`,
    async () => {
      await page.goto(`${sandbox!.base}/`);
      await expect.poll(() => page.title()).toBe("社区服务助手 · 本地沙盒");
      await expect.poll(() => page.locator("#persona option:checked").textContent()).toBe("王阿姨 · 居民");

      // An empty private chat offers START, as Telegram does.
      await page.locator("#start").click();
      await botMessage("王阿姨，您好").waitFor();
      await page.locator(".inline-button", { hasText: "📸 上报问题" }).last().waitFor();
      expect(await page.locator("#start").isHidden()).toBe(true);

      await page.locator("#text").fill("/language");
      await page.locator("#send").click();
      await page.locator(".inline-button", { hasText: "English" }).last().click();
      // The question is edited into the answer in place, marked as edited.
      await botMessage("English").waitFor();
      await page.locator(".msg.bot .meta .edited").first().waitFor();

      await page.locator("#text").fill("/start");
      await page.locator("#text").press("Enter");
      await botMessage("Hello, 王阿姨!").waitFor();
      await page.locator(".inline-button", { hasText: "Report a problem" }).last().waitFor();

      await page.screenshot({ path: join(outputDirectory, "sandbox-browser.png") });
      expect(pageErrors).toEqual([]);
    },
    90_000,
  );

  it.skipIf(!available)(
    `the page itself switches to English and keeps the conversation${SKIPPED}`,
    async () => {
      await page.locator('[data-testid="language-en"]').click();
      await page.waitForURL(/\?lang=en$/);
      await expect.poll(() => page.locator("#send").textContent()).toBe("Send");
      expect(await page.locator("#text").getAttribute("placeholder")).toBe("Message…");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await botMessage("Hello, 王阿姨!").waitFor();

      // Another persona, another private chat: the staff member also sees the staff group.
      await page.locator("#persona").selectOption({ label: "陈主任 · staff" });
      await page.locator("#chats button", { hasText: "社区工作群" }).waitFor();
      await page.locator("#start").waitFor();
      await page.screenshot({ path: join(outputDirectory, "sandbox-browser-en.png") });
      expect(pageErrors).toEqual([]);
    },
    90_000,
  );
});
