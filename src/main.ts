// Entry point of `npm start`: configuration, then the app (or, without BOT_TOKEN, the local
// sandbox: the same app against the built-in Bot API emulator), then signal handling.
import { startApp, type RunningApp } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { startSandbox } from "./sandbox/start-sandbox.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
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
  const token = config.BOT_TOKEN;
  if (token) {
    app = await startApp({ ...config, BOT_TOKEN: token }, logger);
  } else {
    const sandbox = await startSandbox(config, logger);
    app = sandbox;
    logger.info({ url: sandbox.url }, `Sandbox: open ${sandbox.url} to chat with the bot (no BOT_TOKEN: nothing goes to Telegram)`);
  }
} catch (error) {
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
}
