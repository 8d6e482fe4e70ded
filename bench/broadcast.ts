// npm run bench:broadcast — a broadcast through the outbox, against real Postgres and the
// project's Bot API emulator answering every call 100 ms late (Telegram that far away; the
// emulator also enforces 30 messages/s overall and 1/s per chat, 429 with retry_after past them).
// The bot is configured at 25/s. Two runs, each a fresh broadcast to the same recipients:
//   1. one sending instance, SIGKILLed once at about 40 % and started again;
//   2. two sending instances sharing the one pace (the ratio is against the one configured
//      rate, not twice it), one of them SIGKILLed once and started again.
// An instance is a child process running what the app runs for this: the outbox sender (several
// sends in flight, the pace in Postgres) and the job runner (the broadcast's start and its
// dispatcher). Real time throughout. Prints one JSON line per run, the two-instance one last.
//
// ratio: recipients' messages per second over the sending time (the restart gap of a run with
// no other instance left excluded) ÷ the configured rate. lost: recipients who got nothing.
// duplicates: extra copies (a kill loses the answers of the messages on their way, which are
// then sent again once their lease passes). rss_mb: the largest RSS of any sending process.
//
//   DATABASE_URL            Postgres server (default the local test one); a scratch database
//                           is created on it and dropped at the end
//   BENCH_RECIPIENTS        default 1500 (a minute at 25/s per run)
//   BENCH_ANSWER_DELAY_MS   default 100
//   SENDER_NODE_FLAGS       default "--max-semi-space-size=2": a small young generation (with
//                           node's default of 16 MB RSS is about 100 MB higher with no more
//                           live data). Its baseline before sending anything is about 130 MB:
//                           tsx, and grammY, drizzle, pg-boss and PGlite loaded by the imports.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Api } from "grammy";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { tolerateReplays } from "../src/bot/tolerate-replays.js";
import { systemClock } from "../src/clock.js";
import { openPostgres, queryRows } from "../src/db/client.js";
import { ensureCommunity } from "../src/features/accounts/service.js";
import { broadcastDeliverers } from "../src/features/broadcasts/deliverers.js";
import { broadcastJobs } from "../src/features/broadcasts/jobs.js";
import { createBroadcast } from "../src/features/broadcasts/service.js";
import { createI18n } from "../src/i18n.js";
import { createJobRunner } from "../src/jobs/runner.js";
import { silentLogger } from "../src/logger.js";
import { telegramPace } from "../src/outbox/claim.js";
import { createOutboxSender } from "../src/outbox/sender.js";
import { createEmulator } from "../src/sandbox/emulator/index.js";

const TOKEN = "555001:bench-broadcast-token-aaaaaaaaaaaaa";
const RATE = 25;
const config = { paid: false, ratePerSecond: RATE, quietHours: null };

if (process.argv[2] === "sender") {
  // ---- one sending instance ----------------------------------------------------------------------
  const handle = openPostgres(process.env.BENCH_DB_URL!, 4);
  const api = new Api(TOKEN, { apiRoot: process.env.API_ROOT! });
  api.config.use(tolerateReplays);
  const sender = createOutboxSender({
    db: handle.db,
    api,
    deliverers: broadcastDeliverers(handle.db),
    translate: (() => {
      const i18n = createI18n();
      return (locale: string, key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
    })(),
    clock: systemClock,
    logger: silentLogger,
    botId: Number(TOKEN.split(":")[0]), // as createBot names the pace row: per bot token
    pace: telegramPace(RATE),
  });
  const jobs = broadcastJobs({ db: handle.db, clock: systemClock, logger: silentLogger, broadcast: config });
  const runner = createJobRunner({ db: handle.db, clock: systemClock, logger: silentLogger, ...jobs, pollMs: 500 });
  await runner.start();
  sender.start();
  const report = () => process.stdout.write(`rss ${process.memoryUsage().rss} ${process.resourceUsage().maxRSS * 1024}\n`);
  report();
  setInterval(report, 500).unref();
  process.on("SIGTERM", () => {
    report();
    void sender
      .stop()
      .then(() => runner.stop())
      .then(() => handle.close())
      .then(() => process.exit(0));
  });
} else {
  // ---- the bench -------------------------------------------------------------------------------
  const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const recipients = Number(process.env.BENCH_RECIPIENTS ?? 1500);
  const answerDelayMs = Number(process.env.BENCH_ANSWER_DELAY_MS ?? 100);
  const FIRST = 1_000_000;
  const STAFF = 999_999;
  const dbName = `bench_broadcast_${process.pid}`;
  const parsed = new URL(baseUrl);
  parsed.pathname = `/${dbName}`;
  const url = parsed.toString();
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName}`);
  await admin.unsafe(`create database ${dbName}`);
  const handle = openPostgres(url, 2);
  const emulator = createEmulator({ token: TOKEN, answerDelayMs, maxCallLog: 1_000_000 });
  const children = new Set<ChildProcess>();
  let peakRss = 0;

  const startInstance = (apiRoot: string) => {
    // Node itself with tsx's loader (not the tsx wrapper), so SIGKILL reaches the sender.
    const flags = (process.env.SENDER_NODE_FLAGS ?? "--max-semi-space-size=2").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...flags, "--import", "tsx", fileURLToPath(import.meta.url), "sender"], {
      env: { ...process.env, BENCH_DB_URL: url, API_ROOT: apiRoot },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.add(child);
    child.stdout!.on("data", (d: Buffer) => {
      for (const line of String(d).split("\n")) {
        const m = /^rss (\d+) (\d+)/.exec(line);
        if (m) peakRss = Math.max(peakRss, Number(m[1]), Number(m[2]));
      }
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    return { child, exited };
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function run(apiRoot: string, communityId: number, instances: number) {
    const tag = `#${instances}`;
    const { id } = await createBroadcast(handle.db, {
      communityId,
      createdBy: STAFF,
      audience: "all",
      audienceRef: null,
      content: {
        kind: "text",
        text: `停水通知：明天 9:00–12:00 停水。Water off tomorrow 9:00–12:00. ${tag}`,
        entities: [{ type: "bold", offset: 0, length: 4 }],
      },
      urgent: true,
      runAt: new Date(),
      progressChatId: STAFF,
      progressLocale: "zh-CN",
      clientKey: `bench-${process.pid}-${instances}`,
      at: new Date(),
    });
    const ours = () =>
      emulator.calls().filter((c) => c.method === "sendMessage" && c.ok && Number(c.params.chat_id) >= FIRST && String(c.params.text).endsWith(tag));
    const started = Date.now();
    const running = Array.from({ length: instances }, () => startInstance(apiRoot));
    while (ours().length < recipients * 0.4) await sleep(50);
    running[0]!.child.kill("SIGKILL");
    await running[0]!.exited;
    const killedAt = Date.now();
    running[0] = startInstance(apiRoot);
    for (;;) {
      await sleep(200);
      const [row] = await queryRows<{ status: string }>(handle.db, sql`select status from broadcasts where id = ${id}`);
      if (row?.status === "done") break;
      if (Date.now() - started > 20 * 60_000) throw new Error("the broadcast did not finish in 20 minutes");
    }
    for (const r of running) r.child.kill("SIGTERM");
    await Promise.all(running.map((r) => r.exited));

    const calls = ours();
    const per = new Map<number, number>();
    for (const c of calls) per.set(Number(c.params.chat_id), (per.get(Number(c.params.chat_id)) ?? 0) + 1);
    let duplicates = 0;
    let lost = 0;
    for (let i = 0; i < recipients; i++) {
      const n = per.get(FIRST + i) ?? 0;
      if (n === 0) lost++;
      else duplicates += n - 1;
    }
    const ats = calls.map((c) => c.at).sort((a, b) => a - b);
    // With one instance the restart is a pause in sending (kill → first message after it); with
    // two the other goes on alone and there is none to leave out.
    const after = ats.findIndex((a) => a > killedAt);
    const gapMs = instances === 1 && after > 0 ? ats[after]! - ats[after - 1]! : 0;
    const activeSeconds = (ats.at(-1)! - ats[0]! - gapMs) / 1000;
    const achieved = (calls.length - 1) / activeSeconds;
    const got429 = emulator.calls().filter((c) => c.error_code === 429).length;
    return {
      bench: "broadcast",
      instances,
      recipients,
      answer_delay_ms: answerDelayMs,
      configured_rate: RATE,
      achieved_rate: Math.round(achieved * 100) / 100,
      ratio: Math.round((achieved / RATE) * 1000) / 1000,
      lost,
      duplicates,
      senders_killed: 1,
      got_429: got429,
      restart_gap_s: Math.round(gapMs / 100) / 10,
      rss_mb: Math.round(peakRss / 1048576),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  }

  try {
    await handle.migrate();
    const { url: apiRoot } = await emulator.start();
    emulator.createUser({ id: STAFF, first_name: "Staff", started: true });
    for (let i = 0; i < recipients; i++) emulator.createUser({ id: FIRST + i, first_name: `R${i}`, started: true });
    const community = await ensureCommunity(handle.db, { slug: "default", name: "幸福社区", timezone: "Asia/Shanghai" });
    await handle.db.execute(sql`insert into users (id, first_name, first_seen_at, last_seen_at) values (${STAFF}, 'Staff', now(), now())`);
    // Half read Chinese, half English: each gets the heading in their language.
    await handle.db.execute(sql`
      insert into users (id, first_name, community_id, telegram_language, first_seen_at, last_seen_at)
      select g, 'R' || g, ${community.id}, case when g % 2 = 0 then 'zh-hans' else 'en' end, now(), now()
      from generate_series(${FIRST}::bigint, ${FIRST + recipients - 1}::bigint) g`);
    for (const instances of [1, 2]) {
      peakRss = 0;
      console.log(JSON.stringify(await run(apiRoot, community.id, instances)));
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await emulator.stop();
    await handle.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
