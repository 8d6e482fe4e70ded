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

  it.skipIf(!available)(
    `an inspector on /patrol shares a live location: it moves every few seconds, the route gets points, Stop ends it${SKIPPED}`,
    async () => {
      const ZHANG = "1003"; // the built-in inspector persona
      const count = (text: string) => page.locator(".msg.bot .text", { hasText: text }).count();
      const rounds = [
        ["zh-CN", "停止共享", "正在共享实时位置"],
        ["en", "Stop sharing", "Sharing live location"],
      ] as const;
      for (const [round, [lang, stop, sharing]] of rounds.entries()) {
        await page.goto(`${sandbox!.base}/?lang=${lang}`);
        await page.locator("#persona").selectOption(ZHANG);
        await page.locator("#text").fill("/patrol");
        await page.locator("#send").click();
        await expect.poll(() => count("巡查开始")).toBe(round + 1);
        const before = await page.locator(".msg.bot").count();

        await page.locator("#attach").click();
        await page.locator('[data-attach="location"]').click();
        // Geolocation is not granted here: the page walks a simulated route from the chosen point.
        await page.locator("#location-live").click();
        await page.locator("#live-bar", { hasText: sharing }).waitFor();
        const liveCard = page.locator(".msg.mine .location-card").last();
        await liveCard.locator(".live-badge").waitFor();
        const firstPosition = await liveCard.locator(".coordinates-text").textContent();
        // Two moves at least (each is an edited_message for the bot), seen as the pin moving.
        const moves = async () => Number(/\d+/.exec((await page.locator("#live-text").textContent()) ?? "")?.[0]);
        await expect.poll(moves, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
        expect(await liveCard.locator(".coordinates-text").textContent()).not.toBe(firstPosition);
        await page.screenshot({ path: join(outputDirectory, `sandbox-live-location-${lang}.png`) });

        await page.locator("#live-stop", { hasText: stop }).click();
        await page.locator("#live-bar").waitFor({ state: "hidden" });
        await liveCard.locator(".live-badge").waitFor({ state: "detached" });
        // The bot answered none of the moves.
        expect(await page.locator(".msg.bot").count()).toBe(before);

        await page.locator("#text").fill("/patrol");
        await page.locator("#send").click();
        await expect.poll(() => count("巡查结束")).toBe(round + 1);
        const ended = await botMessage("巡查结束").textContent();
        expect(Number(/路线点 (\d+) 个/.exec(ended ?? "")?.[1])).toBeGreaterThanOrEqual(2);
      }
      expect(pageErrors).toEqual([]);
    },
    150_000,
  );
});
