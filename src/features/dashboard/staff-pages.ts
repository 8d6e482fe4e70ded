import { createMiddleware } from "hono/factory";
import { hasAnyRole } from "../accounts/roles.js";
import type { DashboardContext, DashboardEnv } from "./context.js";
import { messagePage } from "./views/layout.js";

/**
 * The pages only staff and admins open, as the bot's /daily, /volunteers, /roster, /lectures_csv
 * and /broadcasts are: an inspector is refused (403) and shown no link to them.
 */
export const staffOnly = createMiddleware<DashboardEnv>(async (c, next) => {
  const s = c.get("signedIn");
  if (!hasAnyRole(s.session.roles, ["staff"])) return c.html(messagePage(s.frame(s.t("dashboard-title")), s.t("dashboard-forbidden")), 403);
  await next();
});

/** An id from the address ("12"): digits only, within JavaScript's safe integers (bigserial ids). */
export function idParam(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** "Not found" (or another refusal): another community's id is answered exactly like one that does not exist. */
export function notFoundPage(c: DashboardContext, messageKey: string, back: { href: string; labelKey: string }, status: 400 | 404 = 404) {
  const s = c.get("signedIn");
  return c.html(messagePage(s.frame(s.t("dashboard-title")), s.t(messageKey), { href: back.href, label: s.t(back.labelKey) }), status);
}

/** A CSV download: UTF-8 bytes (with the BOM csvBytes writes), never cached. */
export const csvDownload = (bytes: Buffer, name: string) =>
  new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
