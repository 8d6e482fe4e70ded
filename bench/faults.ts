// npm run bench:faults — issue 10's fault-tolerance target, end to end, with the bot as a black
// box: two bot processes (`node --import tsx src/main.ts`) on one scratch Postgres database and
// the project's Bot API emulator (in this process, on a loopback port); residents file reports
// through /report at a human pace while the polling process is SIGKILLed and started again at
// random moments. Progress on stderr; one JSON line, last, on stdout. Exit 0 whatever the
// figures (the line says whether the target is met); non-zero only when the bench cannot run.
//
//   DATABASE_URL                  Postgres server (default postgres://postgres@127.0.0.1:5432/test);
//                                 a scratch database is created on it and dropped at the end
//   BENCH_FAULTS_SECONDS          length of the run (180)
//   BENCH_FAULTS_KILLS            SIGKILLs of the polling process (20)
//   BENCH_FAULTS_RESIDENTS        residents (200)
//   BENCH_FAULTS_CONCURRENCY      residents filing at the same time (50); the others wait their
//                                 turn, one report per turn (200 at once saturated 2 shared cores)
//   BENCH_FAULTS_THINK_MS         pause between a resident's messages, "low-high" ms (1000-3000)
//   BENCH_FAULTS_STEP_TIMEOUT_S   how long a resident waits for an answer (60)
//   BENCH_FAULTS_DRAIN_S          after the run, how long answers are still awaited (30)
//   BENCH_FAULTS_STAFF_GROUP=0    no staff group (default: one is bound, so each report posts a card)
//   BENCH_FAULTS_BOT_DIR          run the bot processes from another checkout (default this one),
//                                 e.g. `git archive HEAD | tar -x -C /tmp/head` plus a node_modules link
//   BENCH_FAULTS_TELEGRAM_LIMITS=1  the emulator's flood limits on (default off: the residents'
//                                 answers and the cards exceed Telegram's rates, which are not under test)
//   BENCH_FAULTS_DEBUG=1          also print stuck residents' chats, off-track answers, each kill's
//                                 takeover and every process's getUpdates
//
// The bot processes get BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL, HOST, PORT, LOG_FORMAT=json,
// LOG_LEVEL=warn, ADMIN_TELEGRAM_IDS (the staff group's admin) and REPORT_DAILY_LIMIT=1000000
// (a resident files a report every ~15 s); their output goes to bench-output/faults-<time>/.
//
// What is measured (details in bench/faults/*.ts):
// - updates: messages and button presses the residents sent during the run (and drain).
// - lost: of those, the ones that never got an answer: a resident waits up to the step timeout
//   (cut at the end of the drain, 30 s after the run); a step still unanswered then, and not
//   answered in a final 15 s either, is lost (any bot message the resident was not waiting for,
//   arriving while a step is unanswered, counts as its late answer: late_answers). After an
//   unanswered or wrong answer (off_track) the resident sends /cancel and starts a new report.
//   The previous question asked again (an update handled twice) is counted (repeated_answers)
//   and the resident keeps waiting for its own answer.
// - double_effects: the same draft stored as two reports (each description carries a marker), a
//   tracking number told twice (it comes as an edit of the confirmed summary: a message that
//   changes into "report received" counts once), a staff card posted twice for one report.
// - stuck_conversations: after the drain (no more kills), each resident whose report is half-way
//   tries to finish it as a person reading the chat would (send again what got no answer, then
//   answer the bot's latest question; no pauses, 15 s per answer): no tracking number = stuck.
// - takeover: from each SIGKILL to the first getUpdates the emulator receives afterwards from
//   another process (the emulator front attributes each request to the process that sent it).
// - crashes: processes that exited on their own; each is started again at once.
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { countEffects, percentile, round } from "./faults/analysis.js";
import { EmulatorHost } from "./faults/emulator-host.js";
import { BotInstance } from "./faults/instances.js";
import { whoPolls, type PollerSource } from "./faults/poller.js";
import { dispatchMessages, newCounters, Resident, Texts, type RunClock } from "./faults/residents.js";

const env = process.env;
const num = (name: string, fallback: number) => {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number, got "${value}"`);
  return parsed;
};
const SECONDS = num("BENCH_FAULTS_SECONDS", 180);
const KILLS = Math.floor(num("BENCH_FAULTS_KILLS", 20));
const RESIDENTS = Math.max(1, Math.floor(num("BENCH_FAULTS_RESIDENTS", 200)));
const CONCURRENCY = Math.max(1, Math.min(RESIDENTS, Math.floor(num("BENCH_FAULTS_CONCURRENCY", 50))));
const [THINK_LOW, THINK_HIGH] = (env.BENCH_FAULTS_THINK_MS ?? "1000-3000").split("-").map(Number) as [number, number];
const STEP_TIMEOUT_MS = num("BENCH_FAULTS_STEP_TIMEOUT_S", 60) * 1000;
const DRAIN_MS = num("BENCH_FAULTS_DRAIN_S", 30) * 1000;
/** After the drain, unanswered steps are still given this long before anyone sends anything. */
const FINAL_WAIT_MS = 15_000;
const FINISH_STEP_TIMEOUT_MS = 15_000;
const FINISH_MAX_MS = 45_000;
const STAFF_GROUP = env.BENCH_FAULTS_STAFF_GROUP !== "0";
const TELEGRAM_LIMITS = env.BENCH_FAULTS_TELEGRAM_LIMITS === "1";
const START_TIMEOUT_MS = 120_000;
const TAKEOVER_TARGET_S = 10;

const repo = fileURLToPath(new URL("..", import.meta.url));
const botDir = env.BENCH_FAULTS_BOT_DIR ?? repo;
const baseUrl = env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const dbName = `bench_faults_${process.pid}`;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = join(repo, "bench-output", `faults-${stamp}`);
const TOKEN = `777001:bench-faults-${Math.random().toString(36).slice(2, 12)}-token`;

const started = performance.now();
const log = (line: string) => process.stderr.write(`[faults ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// ---- set-up ------------------------------------------------------------------------------------
mkdirSync(outDir, { recursive: true });
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
const host = new EmulatorHost({ token: TOKEN, ...(TELEGRAM_LIMITS ? {} : { limits: { enabled: false } }), maxCallLog: 1000 });
const instances: BotInstance[] = [];
let databaseCreated = false;
let cleanedUp = false;

async function cleanUp(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const instance of instances) instance.killNow();
  await host.stop().catch(() => {});
  if (databaseCreated) {
    await sleep(200);
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch((error: unknown) => log(`could not drop ${dbName}: ${String(error)}`));
  }
  await admin.end({ timeout: 5 }).catch(() => {});
}

process.on("exit", () => {
  for (const instance of instances) instance.killNow();
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the bots and dropping the scratch database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await admin.unsafe(`drop database if exists ${dbName}`);
  await admin.unsafe(`create database ${dbName}`);
  databaseCreated = true;
  const databaseUrl = withDatabase(baseUrl, dbName);
  await host.start();
  const emulator = host.emulator;
  log(`emulator at ${host.url}; scratch database ${dbName}; bot logs in ${outDir}`);

  const staffAdmin = STAFF_GROUP ? emulator.createUser({ first_name: "陈主任", username: "bench_admin", language_code: "zh-hans", started: true }) : undefined;
  const ports = [await freePort(), await freePort()];
  for (const [i, name] of ["A", "B"].entries()) {
    instances.push(
      new BotInstance({
        name,
        port: ports[i]!,
        repo: botDir,
        logDir: outDir,
        log,
        env: (incarnation) => ({
          PATH: env.PATH ?? "/usr/bin:/bin",
          HOME: env.HOME ?? "/tmp",
          BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: host.apiRoot(incarnation),
          DATABASE_URL: databaseUrl,
          HOST: "127.0.0.1",
          PORT: String(ports[i]),
          LOG_FORMAT: "json",
          LOG_LEVEL: "warn",
          // Each resident files a report every ~15 s: far past the default 10 a day.
          REPORT_DAILY_LIMIT: "1000000",
          ...(staffAdmin ? { ADMIN_TELEGRAM_IDS: String(staffAdmin.id) } : {}),
        }),
      }),
    );
  }
  const [a, b] = instances as [BotInstance, BotInstance];

  // A first (it applies the migrations), until it polls; then B.
  a.start();
  await waitUntil(
    "the first bot process to poll",
    async () => host.polls.some((p) => p.incarnation.startsWith("A")) || (await whoPolls([a], host))?.source === "healthz",
    START_TIMEOUT_MS,
  );
  log(`${a.incarnation} polls (pid ${a.pid}); starting B`);
  b.start();
  await waitUntil("the second bot process to answer /healthz", async () => (await b.health())?.status === 200, START_TIMEOUT_MS);
  log(`${b.incarnation} answers /healthz`);

  // The staff group: the admin binds it, so every report posts a card there. Tried a few times:
  // before issue 10 the two processes knock each other out and lose updates meanwhile.
  let staffGroupId: number | undefined;
  if (staffAdmin) {
    const group = emulator.createGroup({ title: "社区工作群", type: "supergroup", members: [staffAdmin.id] });
    const ask = async (chatId: number, text: string): Promise<string | undefined> => {
      const answer = emulator.waitFor((m) => m.chatId === chatId, 15_000);
      emulator.sendText(staffAdmin.id, text, chatId === staffAdmin.id ? {} : { chatId });
      return answer.then(
        (m) => m.text ?? "",
        () => undefined,
      );
    };
    const giveUpAt = performance.now() + 60_000;
    while (performance.now() < giveUpAt && staffGroupId === undefined) {
      if ((await ask(staffAdmin.id, "/start")) === undefined) continue;
      const bound = await ask(group.id, "/bindgroup");
      if (bound !== undefined) {
        staffGroupId = group.id;
        log(`staff group bound: "${bound}"`);
      }
    }
    if (staffGroupId === undefined) log("could not bind a staff group (no answer within 60 s); going on without cards");
  }

  // ---- the run -----------------------------------------------------------------------------------
  const texts = new Texts();
  const counters = newCounters();
  const runStart = performance.now();
  const clock: RunClock = { endAt: runStart + SECONDS * 1000, drainUntil: runStart + SECONDS * 1000 + DRAIN_MS };
  let spot = 0;
  const nextSpot = () => {
    // ~110 m (latitude) and ~190 m (longitude) apart: never "the same problem nearby".
    const k = spot++;
    return { latitude: 31 + (k % 500) * 0.001, longitude: 121 + Math.floor(k / 500) * 0.002 };
  };
  const residents: Resident[] = [];
  for (let i = 0; i < RESIDENTS; i++) {
    const languageCode = i % 2 === 0 ? "zh-hans" : "en";
    const user = emulator.createUser({ first_name: `居民${i}`, language_code: languageCode, started: true });
    residents.push(
      new Resident(i, user.id, languageCode, { emulator, texts, counters, clock, stepTimeoutMs: STEP_TIMEOUT_MS, thinkMs: [THINK_LOW, THINK_HIGH], nextSpot }),
    );
  }
  const unsubscribe = dispatchMessages(emulator, new Map(residents.map((r) => [r.chatId, r])));
  log(`${RESIDENTS} residents, ${CONCURRENCY} at a time, ${SECONDS} s, ${KILLS} kills, think ${THINK_LOW}-${THINK_HIGH} ms`);

  const queue = [...residents];
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < clock.endAt) {
      const resident = queue.shift();
      if (!resident) {
        await sleep(100);
        continue;
      }
      await resident.fileOneReport();
      queue.push(resident);
    }
  });

  // The killer: at random moments, SIGKILL whichever process polls and start it again at once.
  interface Kill {
    at: number;
    incarnation: string;
    source: PollerSource;
  }
  const kills: Kill[] = [];
  let skippedKills = 0;
  const killer = (async () => {
    // One kill at a random moment in each of KILLS equal slots: random, yet never two so close
    // that the second finds nobody polling yet (a takeover takes seconds).
    const offsets = Array.from({ length: KILLS }, (_, i) => (0.05 + (0.9 * (i + Math.random())) / KILLS) * SECONDS * 1000);
    for (const offset of offsets) {
      await sleep(Math.max(0, runStart + offset - performance.now()));
      let poller: Awaited<ReturnType<typeof whoPolls>>;
      // Nobody polls (a takeover or a restart under way): wait for one, within the run.
      while (!(poller = await whoPolls(instances, host)) && performance.now() < clock.endAt) await sleep(200);
      if (!poller || performance.now() >= clock.endAt) {
        skippedKills++;
        continue;
      }
      const at = performance.now();
      kills.push({ at, incarnation: poller.instance.incarnation, source: poller.source });
      log(`kill ${kills.length}/${KILLS}: SIGKILL ${poller.instance.incarnation} (pid ${poller.instance.pid}, polling per ${poller.source})`);
      await poller.instance.killAndRestart();
    }
  })();

  const progress = setInterval(() => {
    const recent = counters.latenciesMs.slice(-500);
    log(
      `updates ${counters.updates}, answered ${counters.answered}, unanswered ${counters.unanswered} (late ${counters.late}), off-track ${counters.offTrack}, ` +
        `filed ${counters.reportsFiled}, kills ${kills.length}/${KILLS}, crashes ${a.crashes.length + b.crashes.length}, ` +
        `answer p50 ${round(percentile(recent, 50), 0)} ms p99 ${round(percentile(recent, 99), 0)} ms`,
    );
  }, 10_000);

  await Promise.all([...workers, killer]);
  // The drain, and a final wait: steps still unanswered may get their answer yet.
  for (;;) {
    for (const resident of residents) resident.drainStrays();
    if (performance.now() >= clock.drainUntil + FINAL_WAIT_MS || residents.every((r) => r.lost === 0)) break;
    await sleep(500);
  }
  clearInterval(progress);
  log(`run over: ${counters.updates} updates, ${residents.reduce((sum, r) => sum + r.lost, 0)} still unanswered after the drain`);

  // ---- stuck conversations: finish what is half-way, with no more kills -----------------------
  for (const resident of residents) resident.drainStrays();
  const finishDeadline = performance.now() + FINISH_MAX_MS;
  const finishClock = { endAt: Number.POSITIVE_INFINITY, drainUntil: finishDeadline };
  Object.assign(clock, finishClock);
  const outcomes = await Promise.all(
    residents.map((resident) => Promise.race([resident.finish(FINISH_STEP_TIMEOUT_MS), sleep(FINISH_MAX_MS + 1000).then(() => "stuck" as const)])),
  );
  const finish = { clean: 0, finished: 0, stuck: 0 };
  for (const outcome of outcomes) finish[outcome]++;
  log(`finishing: ${finish.finished} finished their report, ${finish.clean} had nothing open, ${finish.stuck} stuck`);

  // Late answers that came in meanwhile.
  await sleep(1000);
  for (const resident of residents) resident.drainStrays();
  unsubscribe();

  // ---- stop ------------------------------------------------------------------------------------
  const stops = await Promise.all(instances.map((instance) => instance.stop(20_000)));
  log(
    `bots stopped: ${stops.map((s, i) => `${instances[i]!.incarnation} ${s ? `code ${s.code}${s.killed ? " (SIGKILLed after 20 s)" : ""}` : "was not running"}`).join(", ")}`,
  );

  const sql = postgres(withDatabase(baseUrl, dbName), { max: 1, onnotice: () => {} });
  const effects = await countEffects(sql, emulator, residents, staffGroupId);
  // What the bot's own ledger says: every update it received should be done.
  const ledgerRows = await sql<{ status: string; last_error: string | null; n: number }[]>`
    select status, last_error, count(*)::int as n from processed_updates group by status, last_error order by status`;
  const ledger = Object.fromEntries(ledgerRows.map((row) => [`${row.status}${row.last_error ? ` (${row.last_error})` : ""}`, row.n]));
  await sql.end();

  // Takeover: kill → first getUpdates from another process.
  const lastObserved = performance.now();
  let takeoverMissing = 0;
  const takeovers = kills.map((kill) => {
    const poll = host.firstPollAfter(kill.at, kill.incarnation);
    if (!poll) takeoverMissing++;
    return ((poll?.at ?? lastObserved) - kill.at) / 1000;
  });

  const crashes = [...a.crashes, ...b.crashes];
  const lost = residents.reduce((sum, r) => sum + r.lost, 0);
  const doubleEffects = effects.duplicate_reports + effects.duplicate_tracking_messages + (effects.duplicate_staff_cards ?? 0);
  const takeoverP99 = round(percentile(takeovers, 99));
  const targetMet =
    lost === 0 && doubleEffects === 0 && finish.stuck === 0 && takeoverMissing === 0 && (takeoverP99 ?? 0) < TAKEOVER_TARGET_S && kills.length === KILLS;
  const sources = [...new Set(kills.map((k) => k.source))];

  const line = {
    bench: "faults",
    kills: kills.length,
    updates: counters.updates,
    lost,
    double_effects: doubleEffects,
    stuck_conversations: finish.stuck,
    takeover_p50_s: round(percentile(takeovers, 50)),
    takeover_p99_s: takeoverP99,
    takeover_max_s: round(takeovers.length ? Math.max(...takeovers) : null),
    target_met: targetMet,
    target: "lost 0, double_effects 0, stuck 0, takeover p99 < 10 s",
    kills_planned: KILLS,
    kills_skipped: skippedKills,
    takeover_missing: takeoverMissing,
    poller_detected_by: sources.join("+") || null,
    crashes: crashes.length,
    crash_reasons: countBy(crashes.map((c) => `exit ${c.code ?? c.signal}: ${c.reason.slice(0, 140)}`)),
    process_starts: a.starts + b.starts,
    residents: RESIDENTS,
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    think_ms: `${THINK_LOW}-${THINK_HIGH}`,
    step_timeout_s: STEP_TIMEOUT_MS / 1000,
    answered: counters.answered,
    unanswered_steps: counters.unanswered,
    late_answers: counters.late,
    off_track: counters.offTrack,
    extra_answers: counters.extra,
    repeated_answers: counters.repeated,
    apologies: counters.apologies,
    refused_actions: counters.refused,
    cancels: counters.cancels,
    answer_p50_ms: round(percentile(counters.latenciesMs, 50), 0),
    answer_p99_ms: round(percentile(counters.latenciesMs, 99), 0),
    reports_started: counters.reportsStarted,
    confirm_presses: residents.reduce((sum, r) => sum + r.confirmed.size, 0),
    reports_filed: counters.reportsFiled,
    ...effects,
    double_effects_detail: {
      reports: effects.duplicate_reports,
      tracking_messages: effects.duplicate_tracking_messages,
      staff_cards: effects.duplicate_staff_cards,
    },
    finish_updates: counters.finishUpdates,
    finish_finished: finish.finished,
    finish_clean: finish.clean,
    telegram_limits: TELEGRAM_LIMITS,
    staff_group: staffGroupId !== undefined,
    logs: outDir,
    duration_s: round((performance.now() - started) / 1000, 0),
    ledger,
    unconfirmed_at_end: emulator.pendingUpdates().length,
  };
  if (env.BENCH_FAULTS_DEBUG) {
    for (const resident of residents.filter((_, i) => outcomes[i] === "stuck").slice(0, 5)) {
      log(`stuck resident ${resident.index} (${resident.locale}): ${resident.trace.join(" | ")}`);
      log(`  the chat's end:`);
      for (const m of emulator.history(resident.chatId).slice(-8)) {
        log(
          `   ${m.fromBot ? "bot " : "user"} #${m.messageId} ${m.kind} ${JSON.stringify((m.text ?? m.caption ?? "").slice(0, 70))}${m.replyMarkup ? ` ${JSON.stringify(m.replyMarkup).slice(0, 90)}` : ""}`,
        );
      }
    }
    for (const resident of residents.filter((r) => r.lost > 0).slice(0, 5)) {
      log(`resident ${resident.index} lost ${resident.lost}: ${resident.trace.join(" | ")}`);
      for (const m of emulator.history(resident.chatId).slice(-12)) {
        log(`   ${m.fromBot ? "bot " : "user"} #${m.messageId} ${m.kind} ${JSON.stringify((m.text ?? m.caption ?? "").slice(0, 70))}`);
      }
    }
    for (const sample of counters.offTrackSamples) log(`off-track: ${sample}`);
    for (const sample of counters.offTrackSamples.slice(0, 3)) {
      const resident = residents[Number(/resident (\d+)/.exec(sample)?.[1])];
      if (resident) log(`resident ${resident.index}: ${resident.trace.join(" | ")}`);
    }
    for (const [i, kill] of kills.entries())
      log(`kill ${i + 1} at ${((kill.at - runStart) / 1000).toFixed(1)} s of ${kill.incarnation}: takeover ${takeovers[i]?.toFixed(2)} s`);
    const at = (t: number | undefined) => (t === undefined ? "-" : ((t - runStart) / 1000).toFixed(1));
    const byIncarnation = new Map<string, typeof host.polls>();
    for (const poll of host.polls) byIncarnation.set(poll.incarnation, [...(byIncarnation.get(poll.incarnation) ?? []), poll]);
    for (const [incarnation, polls] of byIncarnation) {
      log(
        `${incarnation}: ${polls.length} getUpdates from ${at(polls[0]!.at)} s to ${at(polls.at(-1)!.at)} s; ` +
          [...host.requests]
            .filter(([key]) => key.startsWith(`${incarnation} `))
            .map(([key, n]) => `${key.split(" ")[1]} ${n}`)
            .join(", "),
      );
      for (const poll of polls.slice(-3))
        log(`   getUpdates at ${at(poll.at)} s → ${poll.status ?? "open"} at ${at(poll.answeredAt)} s, ${poll.updates ?? "?"} updates`);
    }
  }
  await cleanUp();
  console.log(JSON.stringify(line));
  process.exit(0);
} catch (error) {
  log(`the bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanUp();
  process.exit(1);
}
