// npm run bench:reports — N residents go through the whole /report conversation in-process
// against real Postgres, 50 at a time; in the same run, the bare database ceiling: as many
// single-row INSERTs through postgres.js, 50 in parallel. Prints one JSON line, last.
//
//   DATABASE_URL   Postgres server to use (a scratch database is created on it and dropped)
//   BENCH_REPORTS  number of residents / reports (default 1000)
//   BENCH_STEPS=1  also print each step's p50/p99 to stderr
//   BENCH_POOL     the bot's connection pool (default: the app's, 10); BENCH_CONCURRENCY (50)
//
// Besides the figures it prints the same conversation at a human pace (paced_*: 300
// residents, 50 at once, ~BENCH_THINK_MS=500 between messages), the bot's CPU per update, and
// the framework floor (bench/framework-floor.ts): grammY + conversations alone, no database.
import postgres from "postgres";
import { createBot } from "../src/bot/create-bot.js";
import { systemClock } from "../src/clock.js";
import { openPostgres } from "../src/db/client.js";
import { reportCategories } from "../src/db/schema/index.js";
import { ensureCommunity } from "../src/features/accounts/service.js";
import { seedDefaultCategories } from "../src/features/reports/categories.js";
import { createI18n } from "../src/i18n.js";
import { silentLogger } from "../src/logger.js";
import { FakeTelegram, TEST_TOKEN, testBotInfo } from "../test/helpers/fake-telegram.js";
import { TEST_BOT_CONFIG } from "../test/helpers/harness.js";
import { UpdateFactory } from "../test/helpers/updates.js";
import { measureFrameworkFloor } from "./framework-floor.js";

const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const reportsWanted = Number(process.env.BENCH_REPORTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** The paced run: this many residents, 50 at a time, pausing ~this long between messages. */
const PACED_USERS = 300;
const PACED_THINK_MS = Number(process.env.BENCH_THINK_MS ?? 500);
/** The bot's pool: the app's default (openPostgres) unless BENCH_POOL says otherwise. */
const BOT_POOL = process.env.BENCH_POOL ? Number(process.env.BENCH_POOL) : undefined;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runPool(count: number, worker: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await worker(next++);
    }),
  );
}

const dbName = `bench_reports_${process.pid}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${dbName}`);
await admin.unsafe(`create database ${dbName}`);
const url = withDatabase(baseUrl, dbName);
const handle = openPostgres(url, BOT_POOL);

try {
  await handle.migrate();
  const i18n = createI18n();
  const community = await ensureCommunity(handle.db, { slug: "default", name: "幸福社区", timezone: "Asia/Shanghai" });
  await seedDefaultCategories(handle.db, community.id, (l, k) => i18n.t(l, k));
  const [category] = await handle.db.select().from(reportCategories).limit(1);

  const telegram = new FakeTelegram();
  const { bot } = createBot(TEST_TOKEN, {
    deps: {
      db: handle.db,
      clock: systemClock,
      logger: silentLogger,
      i18n,
      config: TEST_BOT_CONFIG,
    },
    botInfo: testBotInfo,
    client: { fetch: telegram.fetch },
  });

  const u = new UpdateFactory();
  const latencies: number[] = [];
  /** Per step of the conversation, with BENCH_STEPS=1 (printed to stderr). */
  const stepLatencies: number[][] = [];
  /** thinkMs: the pause a person takes between two messages (0: fire back to back). */
  const fileOne = async (index: number, measure: boolean, into = latencies, thinkMs = 0) => {
    const user = u.user(1_000_000 + index, { languageCode: index % 2 ? "en" : "zh-hans" });
    // Spots ~110 m apart, so no report is offered as a duplicate of another.
    const steps = [
      u.command(user, "report"),
      u.callback(user, `rcat:${category!.id}`),
      u.text(user, "楼下垃圾堆了三天没人清理"),
      u.photo(user),
      u.callback(user, "rdone"),
      u.location(user, 30 + index * 0.001, 120),
      u.callback(user, "rsum:confirm"),
    ];
    for (const [step, update] of steps.entries()) {
      if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
      const started = performance.now();
      await bot.handleUpdate(update);
      const took = performance.now() - started;
      if (measure) {
        into.push(took);
        if (into === latencies) (stepLatencies[step] ??= []).push(took);
      }
      telegram.calls.length = 0;
    }
  };

  // Warm-up (JIT, connection pool, caches), not measured.
  await runPool(CONCURRENCY, (i) => fileOne(reportsWanted + i, false));

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await runPool(reportsWanted, (i) => fileOne(i, true));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (process.env.BENCH_STEPS) {
    for (const [step, took] of stepLatencies.entries()) {
      took.sort((a, b) => a - b);
      console.error(`step ${step + 1}: p50 ${percentile(took, 50).toFixed(1)} ms, p99 ${percentile(took, 99).toFixed(1)} ms`);
    }
  }
  const filed = await handle.db.$count((await import("../src/db/schema/index.js")).reports);
  if (filed !== reportsWanted + CONCURRENCY) throw new Error(`expected ${reportsWanted + CONCURRENCY} reports, found ${filed}`);

  // The same conversation at a human pace: 50 people at once, each pausing about PACED_THINK_MS
  // between messages (real residents take seconds), so the bot is not saturated.
  const pacedLatencies: number[] = [];
  const pacedUsers = Math.min(reportsWanted, PACED_USERS);
  const pacedStarted = performance.now();
  await runPool(pacedUsers, (i) => fileOne(2 * reportsWanted + CONCURRENCY + i, true, pacedLatencies, PACED_THINK_MS));
  const pacedSeconds = (performance.now() - pacedStarted) / 1000;
  pacedLatencies.sort((a, b) => a - b);

  await handle.close();

  const floorPerSecond = await measureFrameworkFloor(u, reportsWanted, runPool);

  // The ceiling: the same number of single-row INSERT transactions, 50 in parallel.
  const raw = postgres(url, { max: CONCURRENCY, onnotice: () => {} });
  await raw`create table bench_inserts (id serial primary key, user_id bigint not null, body text not null, created_at timestamptz not null)`;
  const inserts = latencies.length;
  await runPool(CONCURRENCY, (i) => raw`insert into bench_inserts (user_id, body, created_at) values (${i}, ${"warm-up"}, now())`.then(() => {}));
  const insertStarted = performance.now();
  await runPool(inserts, (i) => raw`insert into bench_inserts (user_id, body, created_at) values (${i}, ${"楼下垃圾堆了三天没人清理"}, now())`.then(() => {}));
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  await raw.end();

  latencies.sort((a, b) => a - b);
  const updatesPerSecond = latencies.length / seconds;
  const insertsPerSecond = inserts / insertSeconds;
  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      bench: "reports",
      reports: reportsWanted,
      updates: latencies.length,
      updates_per_s: round(updatesPerSecond),
      p50_ms: round(percentile(latencies, 50), 2),
      p99_ms: round(percentile(latencies, 99), 2),
      db_inserts_per_s: round(insertsPerSecond),
      ratio: round(updatesPerSecond / insertsPerSecond, 3),
      paced_think_ms: PACED_THINK_MS,
      paced_updates_per_s: round(pacedLatencies.length / pacedSeconds),
      paced_p50_ms: round(percentile(pacedLatencies, 50), 2),
      paced_p99_ms: round(percentile(pacedLatencies, 99), 2),
      node_cpu_ms_per_update: round((cpu.user + cpu.system) / 1000 / latencies.length, 3),
      framework_floor_updates_per_s: round(floorPerSecond),
      framework_floor_ratio: round(floorPerSecond / insertsPerSecond, 3),
    }),
  );
} finally {
  await handle.close().catch(() => {});
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
