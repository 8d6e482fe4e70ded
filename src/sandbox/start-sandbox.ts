import { createServer } from "node:net";
import { startApp, type RunningApp } from "../app.js";
import { systemClock, type Clock } from "../clock.js";
import type { Config } from "../config.js";
import { eq } from "drizzle-orm";
import { openDatabase, type Database } from "../db/client.js";
import { areas, communities } from "../db/schema/index.js";
import { prepareDefaultCommunity } from "../default-community.js";
import { createI18n, defaultLocale } from "../i18n.js";
import type { Logger } from "../logger.js";
import { createEmulator } from "./emulator/index.js";
import { createWebChat } from "./web-chat/server.js";
import { createWorld } from "./world.js";

/**
 * The sandbox's bot token: shaped like one from @BotFather so config accepts it, known only to
 * the emulator. The bot's id is its prefix.
 */
export const SANDBOX_TOKEN = "1000000:sandbox-token-not-a-secret";

export interface RunningSandbox extends RunningApp {
  /** Where a person opens the web chat. */
  url: string;
}

/**
 * `npm start` without BOT_TOKEN: the real app (startApp, unchanged) pointed through
 * TELEGRAM_API_ROOT at the Bot API emulator, which is mounted on the app's own HTTP server
 * next to the web chat. The bot cannot tell it is not talking to Telegram.
 */
export async function startSandbox(config: Config, logger: Logger, clock: Clock = systemClock): Promise<RunningSandbox> {
  const port = config.PORT === 0 ? await freePort(config.HOST) : config.PORT;
  const { database, home, i18n } = await openSandboxDatabase(config);
  try {
    const emulator = createEmulator({
      token: SANDBOX_TOKEN,
      bot: { first_name: i18n.t(defaultLocale, "sandbox-bot-name"), username: "community_sandbox_bot" },
      // The update ledger remembers update ids across restarts; the emulator's memory does not.
      // Starting from the clock keeps new updates above every id handled before.
      firstUpdateId: clock.now().getTime(),
      answerDelayMs: config.EMULATOR_ANSWER_DELAY_MS,
    });
    const world = await createWorld({
      emulator,
      db: database.db,
      communityId: home.id,
      clock,
      staffGroupTitle: i18n.t(defaultLocale, "sandbox-staff-group-title"),
    });
    const webChat = createWebChat({ world, i18n, logger });
    // A newcomer's first start shows the whole loop at once: a staff group to see the cards in,
    // the areas on the map, people with every role, a few reports and duties. Only a database
    // with no staff group and no areas is seeded, so a sandbox someone set up is left alone.
    if (config.SANDBOX_DEMO_DATA === "on" && (await isFresh(database.db, home.id))) {
      const summary = await world.seed();
      logger.info({ summary: summary.created }, "Sandbox: first start, demo data filled in (SANDBOX_DEMO_DATA=off for an empty one)");
    }

    const apiRoot = `http://${loopbackHost(config.HOST)}:${port}`;
    // The dashboard's sign-in links open in the browser showing the web chat, on this same port.
    const publicUrl = config.publicUrl ?? `http://${shownHost(config.HOST)}:${port}`;
    const app = await startApp({ ...config, PORT: port, BOT_TOKEN: SANDBOX_TOKEN, TELEGRAM_API_ROOT: apiRoot, publicUrl }, logger, clock, {
      database,
      http: {
        handle: async (req, res) => (await emulator.handle(req, res)) || (await webChat.handle(req, res)),
        async close() {
          await webChat.close();
          await emulator.stop(); // answers a long poll still open, if any
        },
      },
    });
    return { ...app, url: `http://${shownHost(config.HOST)}:${app.port}/` };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/**
 * The database as start-up leaves it (migrated, the default community with its categories),
 * for the sandbox and its seed, which need the community before the bot starts.
 */
export async function openSandboxDatabase(config: Config) {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    const i18n = createI18n();
    const home = await prepareDefaultCommunity(database.db, config, i18n);
    return { database, home, i18n };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

async function isFresh(db: Database, communityId: number): Promise<boolean> {
  const [community] = await db.select({ group: communities.staffGroupChatId }).from(communities).where(eq(communities.id, communityId));
  return community?.group == null && (await db.$count(areas, eq(areas.communityId, communityId))) === 0;
}

/** The address the bot uses to reach its own server. */
export function loopbackHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** The address to tell a person. */
function shownHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "127.0.0.1" || host === "::1") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

/** PORT=0: the bot must know the port before the server starts, so pick a free one first. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
