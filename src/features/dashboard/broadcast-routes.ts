import type { Hono } from "hono";
import { listBroadcasts } from "../broadcasts/service.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import { staffOnly } from "./staff-pages.js";
import { broadcastsPage } from "./views/broadcasts-page.js";

/** Broadcasts shown: the latest ones, as /broadcasts lists them (which shows ten). */
const BROADCASTS_SHOWN = 50;

/**
 * Broadcasts for staff and admins, as /broadcasts: the community's latest notices and bulk
 * announcements with their state and progress, counted from their outbox rows.
 */
export function broadcastRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  app.get("/broadcasts", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const list = await listBroadcasts(deps.db, s.community.id, deps.clock.now(), BROADCASTS_SHOWN);
    return c.html(broadcastsPage(s.frame(s.t("dashboard-broadcasts-title"), c.req.path), { list, timezone: s.community.timezone, shown: BROADCASTS_SHOWN }));
  });
}
