// Makes docs/sandbox.png, the README's picture of the web chat: the real program without a
// token, the demo data, and a resident filing a report in Chinese, in headless Chromium at a
// phone's size. Run by hand: node_modules/.bin/tsx test/e2e/docs-screenshot.ts
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchPhone } from "./chromium.js";
import { startSandboxProcess } from "./sandbox-process.js";

const output = fileURLToPath(new URL("../../docs/sandbox.png", import.meta.url));

/** A small drawing of the problem, as the resident's photo: bags piled by a building. */
const scene = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">
  <rect width="480" height="320" fill="#bcd7ea"/>
  <rect x="40" y="40" width="260" height="230" fill="#d9c8a9"/>
  ${[0, 1, 2].map((row) => [0, 1, 2, 3].map((col) => `<rect x="${62 + col * 58}" y="${62 + row * 58}" width="34" height="34" fill="#7a9cb8"/>`).join("")).join("")}
  <rect x="0" y="262" width="480" height="58" fill="#9e9e9e"/>
  <rect x="330" y="180" width="70" height="90" rx="6" fill="#2e7d32"/>
  <rect x="322" y="170" width="86" height="16" rx="4" fill="#1b5e20"/>
  <ellipse cx="300" cy="262" rx="46" ry="34" fill="#263238"/>
  <ellipse cx="360" cy="275" rx="40" ry="28" fill="#37474f"/>
  <ellipse cx="420" cy="268" rx="38" ry="30" fill="#212121"/>
  <ellipse cx="250" cy="280" rx="30" ry="20" fill="#455a64"/>
  <rect x="395" y="230" width="30" height="22" fill="#a1887f" transform="rotate(-12 410 241)"/>
</svg>`;

const sandbox = await startSandboxProcess();
const profile = mkdtempSync(join(tmpdir(), "cbt-chromium-"));
const context = await launchPhone(profile);
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);

  await page.setContent(`<body style="margin:0">${scene}</body>`);
  const photo = await page.locator("svg").screenshot({ type: "png", scale: "css" });

  await sandbox.api.post("/sandbox/api/seed", { lang: "zh-CN" });
  await page.goto(`${sandbox.base}/`);
  const last = (text: string) => page.locator(".msg.bot .text", { hasText: text }).last();
  const tap = (text: string) => page.locator(".inline-button", { hasText: text }).last().click();

  await page.locator("#start").click();
  await last("您好").waitFor();
  await tap("上报问题");
  await last("第 1 步").waitFor();
  await tap("卫生死角");
  await last("第 2 步").waitFor();
  await page.locator("#text").fill("3号楼东侧垃圾堆了三天没人清理，味道很大");
  await page.locator("#send").click();
  await last("第 3 步").waitFor();
  await page.locator("#attach").click();
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator("[data-attach=photo]").click()]);
  await chooser.setFiles({ name: "photo.png", mimeType: "image/png", buffer: photo });
  await page.locator(".msg.mine img.photo").waitFor();
  await last("收到").waitFor();
  await tap("完成");
  await page.locator(".reply-button").first().click();
  await page.locator("#location-dialog[open]").waitFor();
  await page.locator("#latitude").fill("31.22985");
  await page.locator("#longitude").fill("121.47285");
  await page.locator("#location-send").click();
  await last("请核对").waitFor();
  await tap("确认提交");
  await last("R-0000").waitFor();
  await page.waitForTimeout(800); // images and the last scroll
  mkdirSync(fileURLToPath(new URL("../../docs/", import.meta.url)), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await context.close();
  await sandbox.dispose();
  rmSync(profile, { recursive: true, force: true });
}
