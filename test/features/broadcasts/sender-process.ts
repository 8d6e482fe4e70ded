// A bot instance that only sends broadcasts: the job runner with the broadcast jobs, against
// the Bot API at API_ROOT. The crash test starts it, kills it with SIGKILL mid-send and starts
// it again.
//
//   DATABASE_URL or DATA_DIR   the database (Postgres, or a PGlite folder)
//   API_ROOT, BOT_TOKEN        the Bot API (the emulator)
//   RATE, LEASE_MS, SLICE_MS   sender settings
import { systemClock } from "../../../src/clock.js";
import { openDatabase } from "../../../src/db/client.js";
import { broadcastJobs } from "../../../src/features/broadcasts/jobs.js";
import { createI18n } from "../../../src/i18n.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { silentLogger } from "../../../src/logger.js";

const env = process.env;
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? "./data", maxConnections: 4 });
const jobs = broadcastJobs({
  db: handle.db,
  clock: systemClock,
  logger: silentLogger,
  api: { token: env.BOT_TOKEN!, options: { apiRoot: env.API_ROOT! } },
  i18n: createI18n(),
  broadcast: { paid: false, ratePerSecond: Number(env.RATE ?? 25), quietHours: null },
  sender: { leaseMs: Number(env.LEASE_MS ?? 30_000), sliceMs: Number(env.SLICE_MS ?? 30_000) },
});
const runner = createJobRunner({ db: handle.db, clock: systemClock, logger: silentLogger, handlers: jobs.handlers, schedules: jobs.schedules, pollMs: 100 });
runner.start();
process.stdout.write(`ready ${jobs.sender.senderId}\n`);
process.on("SIGTERM", () => {
  void runner
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
