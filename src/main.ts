// Entry point of `npm start`: configuration, then the app, then signal handling.
import { startApp, type RunningApp } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const token = config.BOT_TOKEN;
if (!token) {
  console.error("BOT_TOKEN is not set: get a token from @BotFather and run `BOT_TOKEN=123:abc npm start` (see README).");
  process.exit(2);
}

const logger = createLogger({ level: config.LOG_LEVEL, format: config.logFormat });
let app: RunningApp | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting now");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "stopping: finishing updates in flight");
  try {
    await app?.stop();
    logger.info("stopped cleanly");
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "error while stopping");
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  app = await startApp({ ...config, BOT_TOKEN: token }, logger);
} catch (error) {
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
}
