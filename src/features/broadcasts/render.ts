import type { Figures } from "./figures.js";
import { RATE_WINDOW_MS } from "./figures.js";
import type { Translate } from "../../i18n.js";

export type { Translate };

/** Failure and skip reasons, in the order a summary lists them. */
export const reasonKeys: Record<string, string> = {
  blocked: "broadcast-reason-blocked",
  unreachable: "broadcast-reason-unreachable",
  "bad-request": "broadcast-reason-bad-request",
  network: "broadcast-reason-network",
  "server-error": "broadcast-reason-server-error",
  cancelled: "broadcast-reason-cancelled",
};

export function reasonLines(t: Translate, reasons: Record<string, number>): string[] {
  return Object.entries(reasons)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => t("broadcast-reason-line", { reason: t(reasonKeys[reason] ?? "broadcast-reason-bad-request"), count }));
}

/** The progress line: figures, the rate of the last seconds and the time left at that rate (or the configured one). */
export function progressText(t: Translate, id: number, f: Figures, configuredRate: number): string {
  const measured = f.recent / (RATE_WINDOW_MS / 1000);
  const rate = Math.round((measured > 0 ? measured : configuredRate) * 10) / 10;
  const seconds = rate > 0 ? Math.ceil(f.left / rate) : 0;
  return t("broadcast-progress", {
    id,
    sent: f.sent,
    failed: f.failed,
    left: f.left,
    total: f.total,
    rate: rate.toFixed(1),
    minutes: Math.floor(seconds / 60),
    seconds: seconds % 60,
  });
}

export function summaryText(t: Translate, id: number, f: Figures, outcome: "done" | "cancelled"): string {
  const head = t(outcome === "done" ? "broadcast-summary-done" : "broadcast-summary-cancelled", {
    id,
    sent: f.sent,
    failed: f.failed,
    skipped: f.skipped,
    total: f.total,
  });
  const lines = reasonLines(t, f.reasons);
  return lines.length > 0 ? `${head}\n${lines.join("\n")}` : head;
}
