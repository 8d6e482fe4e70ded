import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchPhone } from "./chromium.js";
import { pngImage, START_TIMEOUT_MS, startSandboxProcess, type SandboxProcess } from "./sandbox-process.js";

/*
 * Resolving with an after-photo and hiding a description from the dashboard, in headless Chromium
 * against the real program without BOT_TOKEN: the photo chosen in the browser goes to the staff
 * member's chat with the bot (the emulator), its file id is kept, and the report's page shows it
 * back through the server; the staff group's card changes. Skipped, and says so, where Chromium
 * is missing.
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

/** Chen asks the bot for /dashboard in the web chat and signs in with the link, in a new tab. */
async function signIn(): Promise<Page> {
  const chat = context!.pages()[0] ?? (await context!.newPage());
  chat.setDefaultTimeout(20_000);
  await chat.goto(`${sandbox!.base}/`);
  await chat.locator("#persona").selectOption(String(CHEN));
  await chat.locator("#text").fill("/dashboard");
  await chat.locator("#send").click();
  const open = chat.locator(".inline-button", { hasText: "打开工作台" }).last();
  await open.waitFor();
  const [dashboard] = await Promise.all([context!.waitForEvent("page"), open.click()]);
  dashboard.setDefaultTimeout(20_000);
  await dashboard.locator('[data-testid="sign-in"]').click();
  await dashboard.waitForURL(/\/dashboard\/reports$/);
  return dashboard;
}

describe("resolving and hiding from the dashboard in Chromium", () => {
  it.skipIf(!available)(
    `staff resolve a report with an after-photo chosen in the browser; the page shows it back and the group's card changes${SKIPPED}`,
    async () => {
      const dashboard = await signIn();
      const origin = new URL(dashboard.url()).origin;
      await dashboard.goto(`${origin}/dashboard/reports/3`);
      await dashboard.locator('[data-testid="action-accept"]').click();
      await dashboard.locator('[data-testid="report-status"]', { hasText: "已受理" }).waitFor();

      // A file that only calls itself a photo is refused, and nothing changes.
      await dashboard.locator('[data-testid="resolve-template"]').selectOption({ label: "已依法拆除。" });
      await dashboard
        .locator('[data-testid="resolve-photos"]')
        .setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a photo at all") });
      await dashboard.locator('[data-testid="action-resolve"]').click();
      await dashboard.locator('[data-testid="notice"]', { hasText: "“photo.jpg”不是 JPEG、PNG 或 WebP 照片。未做任何更改。" }).waitFor();
      expect(await dashboard.locator('[data-testid="report-status"]').textContent()).toBe("已受理");
      await shot(dashboard, "dashboard-resolve-refused-zh-CN.png");

      await dashboard.locator('[data-testid="resolve-template"]').selectOption({ label: "已依法拆除。" });
      await dashboard
        .locator('[data-testid="resolve-photos"]')
        .setInputFiles({ name: "after.png", mimeType: "image/png", buffer: Buffer.from(pngImage(120, 90)) });
      await dashboard.locator('[data-testid="action-resolve"]').click();
      await dashboard.locator('[data-testid="notice"]', { hasText: "已将 R-000003 标为已处理" }).waitFor();
      await dashboard.locator('[data-testid="report-status"]', { hasText: "已处理待确认" }).waitFor();
      const after = dashboard.locator("figure.photo-group", { hasText: "处理后" }).locator("img");
      await after.waitFor();
      await expect.poll(() => after.evaluate((node) => (node as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(120);
      expect(await dashboard.content()).not.toContain("sandbox-token");
      await shot(dashboard, "dashboard-resolved-zh-CN.png");

      // The photo went to Chen's own chat with the bot, captioned; the group's card says it is dealt with.
      const sent = await sandbox!.api.waitForBot(CHEN, (m) => m.photo !== undefined && /R-000003 的处理后照片/.test(m.text ?? ""));
      expect(sent.photo?.fileId).toBeTruthy();
      const state = await sandbox!.api.get<{ staffGroup: { id: number } }>("/sandbox/api/state");
      // (Posted or edited: the demo's cards may still be on their way to the group, paced per chat.)
      await sandbox!.api.waitForBot(CHEN, (m) => /^R-000003/.test(m.text ?? "") && /状态：已处理待确认/.test(m.text ?? ""), {
        chat: state.staffGroup.id,
        timeoutMs: 30_000,
      });

      // The same page in English on an office screen.
      await dashboard.setViewportSize({ width: 1280, height: 800 });
      await dashboard.locator('[data-testid="language-en"]').click();
      await expect.poll(() => dashboard.locator("html").getAttribute("lang")).toBe("en");
      await dashboard.locator("figure.photo-group", { hasText: "After the fix" }).waitFor();
      await shot(dashboard, "dashboard-resolved-en.png");

      // Hiding a description: the box must be ticked; then the words are gone from the page.
      await dashboard.goto(`${origin}/dashboard/reports/1`);
      await dashboard.locator('[data-testid="hide-description-confirm"]').check();
      await dashboard.locator('[data-testid="hide-description"]').click();
      await dashboard.locator('[data-testid="notice"]', { hasText: "The description of R-000001 is hidden" }).waitFor();
      expect(await dashboard.content()).not.toContain("3号楼东侧垃圾堆了三天没人清理");
      await shot(dashboard, "dashboard-hidden-en.png");
      expect(pageErrors).toEqual([]);
    },
    180_000,
  );
});
