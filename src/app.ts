import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Context as HonoContext } from "hono";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { syncCommandMenus } from "./bot/command-menus.js";
import { createBot } from "./bot/create-bot.js";
import { IntakeTracker } from "./bot/intake-tracker.js";
import { startBotRuntime, type BotRuntime } from "./bot/runtime/bot-runtime.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { prepareDefaultCommunity } from "./default-community.js";
import { createDashboard } from "./features/dashboard/app.js";
import { createReportServices } from "./features/staff/report-services.js";
import { createHttpApp } from "./http/server.js";
import { telegramFileFetcher, telegramPhotoUploader } from "./http/telegram-files.js";
import { createWebhookHandler } from "./http/webhook.js";
import { createI18n } from "./i18n.js";
import { appJobs } from "./jobs/app-jobs.js";
import { telegramPace } from "./outbox/claim.js";
import { createJobRunner } from "./jobs/runner.js";
import type { Logger } from "./logger.js";

/** The update kinds we handle; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

export interface RunningApp {
  database: DatabaseHandle;
  /** The port the HTTP server listens on (useful when PORT=0). */
  port: number;
  /** Stops taking updates, finishes those in flight, closes the server and the database. */
  stop(): Promise<void>;
}

/**
 * More routes on the one HTTP server, in front of ours: `handle` answers a request and resolves
 * true, or resolves false without touching the response. `close` runs at stop, before the
 * server closes (end long-lived responses there).
 */
export interface HttpMount {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close?(): Promise<void>;
}

export interface StartOptions {
  /** An opened database to use (and close at stop) instead of opening one from config. */
  database?: DatabaseHandle;
  http?: HttpMount;
}

/**
 * Start-up in order: config → database → HTTP server → bot → job runner → bot runtime. The server
 * listens before the bot starts, so a Bot API server mounted on it (options.http) answers the
 * bot's first calls; the webhook route answers 503 until the bot is ready.
 */
export async function startApp(
  config: Config & { BOT_TOKEN: string },
  logger: Logger,
  clock: Clock = systemClock,
  options: StartOptions = {},
): Promise<RunningApp> {
  const database = options.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  await database.migrate();
  logger.info({ database: database.kind }, "database ready");

  const webhookPath = config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL).pathname : undefined;
  let webhookHandler: ((c: HonoContext) => Promise<Response>) | undefined;
  let runtime: BotRuntime | undefined;
  let dashboard: ReturnType<typeof createDashboard> | undefined;
  const app = createHttpApp({
    dashboard: () => dashboard,
    ping: database.ping,
    polling: () => runtime?.polling(),
    ...(webhookPath
      ? { webhook: { path: webhookPath, handler: async (c: HonoContext) => (webhookHandler ? webhookHandler(c) : c.text("starting", 503)) } }
      : {}),
  });
  const server = await listen(app.fetch, config.PORT, config.HOST, options.http);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "HTTP server listening (/healthz)");

  const i18n = createI18n();
  await prepareDefaultCommunity(database.db, config, i18n);
  const tracker = new IntakeTracker();
  const { bot, registry, outbox } = createBot(config.BOT_TOKEN, {
    tracker,
    deps: { db: database.db, clock, logger, i18n, config },
    pace: telegramPace(config.broadcast.ratePerSecond),
    ...(config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT } } : {}),
  });
  await bot.init();
  logger.info({ username: bot.botInfo.username }, "bot identity confirmed");
  try {
    await syncCommandMenus(bot.api, database.db, registry, i18n, logger);
  } catch (error) {
    // A stale command menu is no reason to stay down.
    logger.warn({ err: error }, "could not set command menus");
  }

  const reportServices = createReportServices({ db: database.db, clock, logger });
  dashboard = createDashboard({
    db: database.db,
    clock,
    logger,
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    workflow: reportServices.workflow,
    refreshViews: reportServices.refreshViews,
    telegramFile: telegramFileFetcher(bot.api, config.BOT_TOKEN, config.TELEGRAM_API_ROOT),
    uploadPhoto: telegramPhotoUploader(bot.api),
    sessionHours: config.DASHBOARD_SESSION_HOURS,
    secureCookies: config.publicUrl?.startsWith("https:") ?? false,
    mapTiles: config.DASHBOARD_MAP_TILES,
  });

  // The job queue before the bot: an update may enqueue a job (a broadcast sent now).
  const jobs = createJobRunner({ db: database.db, clock, logger, ...appJobs({ db: database.db, clock, logger, api: bot.api, i18n, config }) });
  try {
    await jobs.start();
  } catch (error) {
    await jobs.stop().catch(() => {});
    throw error;
  }

  if (config.WEBHOOK_URL) {
    runtime = startBotRuntime({ bot, db: database.db, clock, logger, tracker, mode: "webhook", allowedUpdates: ALLOWED_UPDATES });
    const dispatcher = runtime.dispatcher;
    webhookHandler = createWebhookHandler({ secretToken: config.webhookSecret!, handleUpdate: (update) => dispatcher.handle(update), logger });
    await bot.api.setWebhook(config.WEBHOOK_URL, {
      secret_token: config.webhookSecret!,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    logger.info({ url: config.WEBHOOK_URL }, "webhook set");
  } else {
    await bot.api.deleteWebhook();
    // Of all instances, the one holding the polling lease polls; the others stand by.
    runtime = startBotRuntime({ bot, db: database.db, clock, logger, tracker, mode: "polling", allowedUpdates: ALLOWED_UPDATES });
    logger.info("long polling: this instance polls while it holds the lease, and stands by otherwise");
  }

  outbox.start();

  return {
    database,
    port,
    async stop() {
      await runtime?.stop(); // no more updates taken; those in flight finish
      await outbox.stop(); // takes no more messages; those in flight are sent
      await jobs.stop(); // waits for the jobs in progress
      await options.http?.close?.();
      await closeServer(server); // waits for webhook requests in flight
      await database.close();
    },
  };
}

function listen(fetch: Parameters<typeof getRequestListener>[0], port: number, hostname: string, mount?: HttpMount): Promise<Server> {
  const ours = getRequestListener(fetch, { hostname });
  const server = createServer((req, res) => {
    if (!mount) {
      void ours(req, res);
      return;
    }
    mount.handle(req, res).then(
      (handled) => (handled ? undefined : ours(req, res)),
      () => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}
