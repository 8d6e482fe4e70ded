// `npm run sandbox:seed`: demo data for the sandbox (areas, people with roles, reports, the
// staff group). When the sandbox is running it is asked to do it (its embedded database may
// have only one user); otherwise the database in DATA_DIR (or DATABASE_URL) is seeded directly.
import { systemClock } from "../clock.js";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { defaultLocale } from "../i18n.js";
import { seedSandbox } from "./seed.js";
import { loopbackHost, openSandboxDatabase } from "./start-sandbox.js";

type Answer = { kind: "seeded"; message: string } | { kind: "nobody" } | { kind: "other"; status: number };

/** POSTs to a running sandbox; "nobody" when nothing listens on the port. */
async function askRunningSandbox(config: Config): Promise<Answer> {
  const url = `http://${loopbackHost(config.HOST)}:${config.PORT}/sandbox/api/seed`;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lang: defaultLocale }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return { kind: "other", status: response.status };
    const body = (await response.json()) as { message: string };
    return { kind: "seeded", message: body.message };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === "ECONNREFUSED" || code === "EADDRNOTAVAIL") return { kind: "nobody" };
    throw error;
  }
}

try {
  const config = loadConfig();
  if (config.BOT_TOKEN) {
    console.error("sandbox:seed fills the sandbox with demo data; BOT_TOKEN is set, so this is a real bot's database. Unset BOT_TOKEN to seed the sandbox.");
    process.exit(2);
  }
  const answer = config.PORT === 0 ? ({ kind: "nobody" } as const) : await askRunningSandbox(config);
  if (answer.kind === "seeded") {
    console.log(`${answer.message} (through the running sandbox on port ${config.PORT})`);
  } else if (answer.kind === "other") {
    console.error(`something on port ${config.PORT} answered ${answer.status} and it is not the sandbox; stop it or set PORT`);
    process.exit(1);
  } else {
    const { database, home, i18n } = await openSandboxDatabase(config);
    try {
      const summary = await seedSandbox(database.db, home.id, systemClock.now());
      console.log(
        `${i18n.t(defaultLocale, "sandbox-seed-done", { areas: summary.areas, personas: summary.personas, reports: summary.reports })} (${database.kind})`,
      );
    } finally {
      await database.close();
    }
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
