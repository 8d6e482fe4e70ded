import { Hono, type Context as HonoContext } from "hono";

export interface HttpAppOptions {
  /** True when the database answers. */
  ping: () => Promise<boolean>;
  /** This instance's part in long polling ("active" or "standby"); undefined in webhook mode. */
  polling?: () => "active" | "standby" | undefined;
  /** Present in webhook mode: Telegram POSTs updates here. */
  webhook?: { path: string; handler: (c: HonoContext) => Promise<Response> };
}

const PING_TIMEOUT_MS = 2000;

/** The project's one HTTP server: health, the Telegram webhook, later the dashboard. */
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
  return app;
}
