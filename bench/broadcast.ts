// npm run bench:broadcast — one broadcast to 20,000 recipients through the project's Bot API
// emulator (30 messages/s overall and 1/s per chat enforced, 429 with retry_after past them),
// the sender configured at 25/s, against real Postgres; the sender runs in a child process that
// is killed with SIGKILL once mid-send and started again. Prints one JSON line, last.
//
// Time is compressed: the emulator runs at TIME_SCALE (default 10) and so does the sender's
// pacing clock, so 25/s and 30/s are 250/s and 300/s of real time, and the 800 s broadcast
// takes about 80 s. Rates in the output are per emulated second, over the sending time without
// the restart gap (kill → first message after the restart, reported as restart_gap_s). Leases
// and job polling use real time. The broadcast is marked urgent so that quiet hours
// (21:00–08:00) never pause it, whenever the bench runs.
//
// peak_rss_mb is the sender process's. It runs with SENDER_NODE_FLAGS (default
// "--max-semi-space-size=2": a small young generation; with node's default of 16 MB the peak is
// about 40 MB higher). Its baseline before sending anything is about 155 MB: tsx, and PGlite,
// grammY and drizzle loaded by the modules it imports.
//
//   DATABASE_URL      Postgres server (a scratch database is created on it and dropped)
//   BENCH_RECIPIENTS  default 20000
//   TIME_SCALE        default 10 (at 20 one sender, one message in flight, no longer keeps up)
//   SENDER_NODE_FLAGS default "--max-semi-space-size=2"
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { systemClock } from "../src/clock.js";
import { openPostgres, queryRows } from "../src/db/client.js";
import { broadcastJobs } from "../src/features/broadcasts/jobs.js";
import { scaledPace } from "../src/features/broadcasts/sender.js";
import { createBroadcast } from "../src/features/broadcasts/service.js";
import { ensureCommunity } from "../src/features/accounts/service.js";
import { createI18n } from "../src/i18n.js";
import { createJobRunner } from "../src/jobs/runner.js";
import { silentLogger } from "../src/logger.js";
import { createEmulator } from "../src/sandbox/emulator/index.js";

const TOKEN = "555001:bench-broadcast-token-aaaaaaaaaaaaa";
const RATE = 25;
const SCALE = Number(process.env.TIME_SCALE ?? 10);
const LEASE_MS = 2000;

if (process.argv[2] === "sender") {
  // ---- the sender process ----------------------------------------------------------------------
  const handle = openPostgres(process.env.BENCH_DB_URL!, 4);
  const jobs = broadcastJobs({
    db: handle.db,
    clock: systemClock,
    logger: silentLogger,
    api: { token: TOKEN, options: { apiRoot: process.env.API_ROOT! } },
    i18n: createI18n(),
    broadcast: { paid: false, ratePerSecond: RATE, quietHours: null },
    sender: { pace: scaledPace(SCALE), leaseMs: LEASE_MS },
  });
  const runner = createJobRunner({ db: handle.db, clock: systemClock, logger: silentLogger, handlers: jobs.handlers, schedules: jobs.schedules, pollMs: 20 });
  runner.start();
  const report = () => {
    const m = process.memoryUsage();
    process.stdout.write(
      `rss ${m.rss} ${process.resourceUsage().maxRSS * 1024} heap ${m.heapUsed} total ${m.heapTotal} ext ${m.external} ab ${m.arrayBuffers}\n`,
    );
    if (process.env.BENCH_DEBUG)
      process.stderr.write(`rss ${m.rss >> 20} heapUsed ${m.heapUsed >> 20} heapTotal ${m.heapTotal >> 20} ext ${m.external >> 20}\n`);
  };
  report();
  setInterval(report, 500).unref();
  process.on("SIGTERM", () => {
    report();
    void runner
      .stop()
      .then(() => handle.close())
      .then(() => process.exit(0));
  });
} else {
  // ---- the bench -------------------------------------------------------------------------------
  const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const recipients = Number(process.env.BENCH_RECIPIENTS ?? 20_000);
  const FIRST = 1_000_000;
  const STAFF = 999_999;
  const dbName = `bench_broadcast_${process.pid}`;
  const withDatabase = (url: string, name: string) => {
    const parsed = new URL(url);
    parsed.pathname = `/${name}`;
    return parsed.toString();
  };
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName}`);
  await admin.unsafe(`create database ${dbName}`);
  const url = withDatabase(baseUrl, dbName);
  const handle = openPostgres(url, 2);
  const emulator = createEmulator({ token: TOKEN, timeScale: SCALE, maxCallLog: 500_000 });
  const children: ChildProcess[] = [];
  let peakSenderRss = 0;

  const startSender = (apiRoot: string) => {
    // Node itself with tsx's loader (not the tsx wrapper), so SIGKILL reaches the sender.
    const child = spawn(
      process.execPath,
      [...(process.env.SENDER_NODE_FLAGS ?? "--max-semi-space-size=2").split(" ").filter(Boolean), "--import", "tsx", fileURLToPath(import.meta.url), "sender"],
      {
        env: { ...process.env, BENCH_DB_URL: url, API_ROOT: apiRoot, TIME_SCALE: String(SCALE) },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    children.push(child);
    child.stdout!.on("data", (d: Buffer) => {
      for (const line of String(d).split("\n")) {
        const m = /^rss (\d+) (\d+)/.exec(line);
        if (m) peakSenderRss = Math.max(peakSenderRss, Number(m[1]), Number(m[2]));
      }
    });
    return { child, exited: new Promise((resolve) => child.once("exit", resolve)) };
  };

  try {
    await handle.migrate();
    const { url: apiRoot } = await emulator.start();
    emulator.createUser({ id: STAFF, first_name: "Staff", started: true });
    for (let i = 0; i < recipients; i++) emulator.createUser({ id: FIRST + i, first_name: `R${i}`, started: true });
    const community = await ensureCommunity(handle.db, { slug: "default", name: "幸福社区", timezone: "Asia/Shanghai" });
    await handle.db.execute(sql`insert into users (id, first_name, first_seen_at, last_seen_at) values (${STAFF}, 'Staff', now(), now())`);
    await handle.db.execute(sql`
      insert into users (id, first_name, community_id, first_seen_at, last_seen_at)
      select g, 'R' || g, ${community.id}, now(), now() from generate_series(${FIRST}::bigint, ${FIRST + recipients - 1}::bigint) g`);

    const { id } = await createBroadcast(handle.db, {
      communityId: community.id,
      createdBy: STAFF,
      audience: "all",
      audienceRef: null,
      content: { kind: "text", text: "停水通知：明天 9:00–12:00 停水。Water off tomorrow 9:00–12:00.", entities: [{ type: "bold", offset: 0, length: 4 }] },
      urgent: true,
      runAt: new Date(),
      progressChatId: STAFF,
      progressLocale: "zh-CN",
      clientKey: `bench-${process.pid}`,
      at: new Date(),
    });
    const sends = () => emulator.calls().filter((c) => c.method === "sendMessage" && c.ok && Number(c.params.chat_id) >= FIRST);
    let delivered = 0;
    emulator.resetStats();
    const realStart = Date.now();

    let sender = startSender(apiRoot);
    // Kill the sender once, at about 40 %.
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      delivered = emulator.stats().perMethod.sendMessage ?? 0;
      if (delivered >= recipients * 0.4) break;
    }
    sender.child.kill("SIGKILL");
    await sender.exited;
    const killedAtEmulated = emulator.now();
    sender = startSender(apiRoot);
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await queryRows<{ status: string }>(handle.db, sql`select status from broadcasts where id = ${id}`);
      if (row?.status === "done") break;
      if (Date.now() - realStart > 30 * 60_000) throw new Error("the broadcast did not finish in 30 minutes");
    }
    sender.child.kill("SIGTERM");
    await sender.exited;
    const realSeconds = (Date.now() - realStart) / 1000;

    const calls = sends();
    const per = new Map<number, number>();
    for (const c of calls) per.set(Number(c.params.chat_id), (per.get(Number(c.params.chat_id)) ?? 0) + 1);
    let duplicates = 0;
    let lost = 0;
    for (let i = 0; i < recipients; i++) {
      const n = per.get(FIRST + i) ?? 0;
      if (n === 0) lost++;
      else duplicates += n - 1;
    }
    const got429 = emulator.calls().filter((c) => c.error_code === 429).length;
    // Sending time in emulated seconds, without the restart gap (kill → first send after restart).
    const ats = calls.map((c) => c.at).sort((a, b) => a - b);
    const before = ats.filter((a) => a <= killedAtEmulated);
    const after = ats.filter((a) => a > killedAtEmulated);
    const gapMs = after.length > 0 && before.length > 0 ? after[0]! - before.at(-1)! : 0;
    const activeSeconds = (ats.at(-1)! - ats[0]! - gapMs) / 1000;
    const achieved = (calls.length - 1) / activeSeconds;
    const [dbCounts] = await queryRows<{ sent: number; other: number }>(
      handle.db,
      sql`select count(*) filter (where state = 'sent')::int as sent, count(*) filter (where state <> 'sent')::int as other from broadcast_recipients where broadcast_id = ${id}`,
    );
    console.error(
      `sent rows ${dbCounts?.sent}, other rows ${dbCounts?.other}; real ${realSeconds.toFixed(1)} s at time scale ${SCALE}; restart gap ${(gapMs / 1000).toFixed(1)} emulated s (${(gapMs / SCALE / 1000).toFixed(2)} real s); bench process (emulator) rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
    );
    console.log(
      JSON.stringify({
        bench: "broadcast",
        recipients,
        configured_rate: RATE,
        achieved_rate: Math.round(achieved * 100) / 100,
        ratio: Math.round((achieved / RATE) * 1000) / 1000,
        got_429: got429,
        duplicates,
        lost,
        peak_rss_mb: Math.round(peakSenderRss / 1048576),
        time_scale: SCALE,
        senders_killed: 1,
        restart_gap_s: Math.round(gapMs / 100) / 10,
        real_seconds: Math.round(realSeconds * 10) / 10,
      }),
    );
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await emulator.stop();
    await handle.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
