import { chromium, type BrowserContext } from "playwright-core";

/** Debian's chromium (.ci/run installs it); playwright-core never downloads a browser. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Headless Chromium at a phone's size in Chinese, with a fresh profile folder. The flags stop
 * Chromium's own traffic: this machine has no network but loopback.
 */
export function launchPhone(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
  });
}
