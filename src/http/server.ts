import { Hono, type Context as HonoContext } from "hono";

export interface HttpAppOptions {
  /** True when the database answers. */
  ping: () => Promise<boolean>;
  /** This instance's part in long polling ("active" or "standby"); undefined in webhook mode. */
  polling?: () => "active" | "standby" | undefined;
  /** Present in webhook mode: Telegram POSTs updates here. */
  webhook?: { path: string; handler: (c: HonoContext) => Promise<Response> };
  /** The staff dashboard's routes (under /dashboard), once the bot is ready; 503 until then. */
  dashboard?: () => { fetch: (request: Request) => Response | Promise<Response> } | undefined;
}

const PING_TIMEOUT_MS = 2000;

/** The project's one HTTP server: health, the Telegram webhook, the staff dashboard. */
export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    const healthy = await Promise.race([
      // A ping that throws instead of rejecting must not turn /healthz into a 500.
      Promise.resolve()
        .then(() => options.ping())
        .catch(() => false),
      new Promise<boolean>((resolve) => setTimeout(resolve, PING_TIMEOUT_MS, false).unref()),
    ]);
    // A standby poller is healthy: it serves, runs jobs and takes over when the poller dies.
    const polling = options.polling?.();
    return c.json({ status: healthy ? "ok" : "unavailable", database: healthy, ...(polling ? { polling } : {}) }, healthy ? 200 : 503);
  });
  if (options.webhook) app.post(options.webhook.path, options.webhook.handler);
  if (options.dashboard) {
    const dashboard = options.dashboard;
    // Its routes are built after the server listens (they need the bot's API): asked per request.
    const serve = (c: HonoContext) => dashboard()?.fetch(c.req.raw) ?? c.text("starting", 503);
    app.all("/dashboard", serve);
    app.all("/dashboard/*", serve);
  }
  return app;
}
