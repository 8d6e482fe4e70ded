import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { syncCommandMenus } from "./bot/command-menus.js";
import { createBot } from "./bot/create-bot.js";
import { releaseAbandonedClaims } from "./bot/update-intake.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { DEFAULT_COMMUNITY_SLUG, ensureCommunity } from "./features/accounts/service.js";
import { seedDefaultCategories } from "./features/reports/categories.js";
import { createHttpApp } from "./http/server.js";
import { createI18n } from "./i18n.js";
import { appJobs } from "./jobs/app-jobs.js";
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

/** Start-up in order: config → database → bot runtime → HTTP server → job runner. */
export async function startApp(config: Config & { BOT_TOKEN: string }, logger: Logger, clock: Clock = systemClock): Promise<RunningApp> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate();
  logger.info({ database: database.kind }, "database ready");
  const i18n = createI18n();
  const home = await ensureCommunity(database.db, {
    slug: DEFAULT_COMMUNITY_SLUG,
    name: config.COMMUNITY_NAME,
    timezone: config.COMMUNITY_TIMEZONE,
  });
  await seedDefaultCategories(database.db, home.id, (locale, key) => i18n.t(locale, key));
  const { bot, registry } = createBot(config.BOT_TOKEN, {
    deps: { db: database.db, clock, logger, i18n, config },
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

  const webhookPath = config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL).pathname : undefined;
  const app = createHttpApp({
    ping: database.ping,
    ...(webhookPath
      ? { webhook: { path: webhookPath, handler: webhookCallback(bot, "hono", { secretToken: config.webhookSecret! }) } }
      : {}),
  });
  const server = await listen(app.fetch, config.PORT, config.HOST);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "HTTP server listening (/healthz)");

  let runner: RunnerHandle | undefined;
  if (config.WEBHOOK_URL) {
    await bot.api.setWebhook(config.WEBHOOK_URL, {
      secret_token: config.webhookSecret!,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    logger.info({ url: config.WEBHOOK_URL }, "webhook set");
  } else {
    await bot.api.deleteWebhook();
    const released = await releaseAbandonedClaims(database.db, bot.botInfo.id, clock.now());
    if (released > 0) logger.warn({ released }, "released updates a previous process died handling");
    runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    logger.info("long polling started");
  }

  const jobs = createJobRunner({ db: database.db, clock, logger, ...appJobs({ db: database.db, clock, logger, api: bot.api, i18n, config }) });
  jobs.start();

  return {
    database,
    port,
    async stop() {
      if (runner?.isRunning()) await runner.stop(); // resolves once updates in flight are done
      await jobs.stop(); // waits for the job in progress
      await closeServer(server); // waits for webhook requests in flight
      await database.close();
    },
  };
}

function listen(fetch: Parameters<typeof serve>[0]["fetch"], port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once("error", reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}
