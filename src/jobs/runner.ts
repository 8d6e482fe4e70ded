import { PgBoss, TestClock, type Job as BossJob } from "pg-boss";
import { systemClock, type Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { bossConnection, JOB_SCHEMA } from "./connection.js";
import { DEFAULT_KIND, queueOn, queueOptions, type JobKind, type JobQueue } from "./queue.js";

export type JobHandler = (payload: unknown, job: { id: string; attempts: number }) => Promise<void>;

/** Something to put on the queue now and then: its singleton key makes each occurrence run once. */
export interface Schedule {
  name: string;
  /** Enqueues whatever is due at `now` (with singleton keys); called on every round. */
  enqueueDue(now: Date, queue: JobQueue): Promise<void>;
}

export interface JobRunnerOptions {
  /** The app's database handle (not a transaction); pg-boss's tables live in it. */
  db: Database;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  /** How each kind runs (concurrency, lease, timeout, retention, attempts); defaults in DEFAULT_KIND. */
  kinds?: Record<string, JobKind>;
  /** The lease of kinds that set none (see JobKind.leaseSeconds), in ms. */
  leaseMs?: number;
  /** How often schedules run and idle workers look for due jobs (at least 500 ms). */
  pollMs?: number;
}

/**
 * Runs jobs on pg-boss: its tables (installed by our migrations) hold the jobs, and any number of
 * instances share them. `start()` runs pg-boss's workers (per kind: concurrency, lease renewal,
 * retries, a wake-up on insert) and the schedules every pollMs, for the app; pg-boss's
 * supervisor fails and retries jobs whose runner died and deletes finished jobs past their
 * retention. `stop()` waits for the jobs in progress.
 *
 * `tick()` does one round by hand for tests: schedules, then every due job, one after another;
 * `supervise()` runs the supervisor. With any clock but the system clock, pg-boss's time (in
 * Postgres too) follows that clock through pg-boss's TestClock, so a test moves time for the queue
 * as for the app.
 */
export function createJobRunner(options: JobRunnerOptions) {
  const names = Object.keys(options.handlers);
  const pollMs = Math.max(500, options.pollMs ?? 5000);
  const kindOf = (name: string): JobKind => ({
    ...(options.leaseMs ? { leaseSeconds: Math.max(10, Math.round(options.leaseMs / 1000)) } : {}),
    ...options.kinds?.[name],
  });
  const testClock = options.clock === systemClock ? undefined : sharedTestClock(options.clock);
  let opened: Promise<PgBoss> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let stopped = false;

  /** The queue, opened once: by start() with a listener for wake-ups, by tick() without (nothing waits there). */
  const open = (listen = false) =>
    (opened ??= (async () => {
      const boss = new PgBoss({
        ...bossConnection(options.db),
        schema: JOB_SCHEMA,
        ...(testClock ? { clock: testClock.clock } : {}),
        // Migrations install the schema; a newer pg-boss migrates it from there at start.
        migrate: true,
        schedule: false,
        registerInstance: false,
        useListenNotify: listen,
        // Finished jobs past their retention are deleted by a sweep this often.
        maintenanceIntervalSeconds: 3600,
        openTelemetry: { enabled: false },
      });
      boss.on("error", (error) => options.logger.error({ err: error }, "job queue error"));
      boss.on("warning", (warning) => options.logger.warn({ warning: warning.message }, "job queue warning"));
      // Two runners sharing a test clock would both attach it at once (DDL on the same table).
      await (testClock ? testClock.exclusive(() => boss.start()) : boss.start());
      await ensureQueues(boss, Object.fromEntries(names.map((name) => [name, queueOptions(kindOf(name))])));
      return boss;
    })());

  /** Brings pg-boss's clock (JavaScript and Postgres) to ours. */
  async function syncTime(): Promise<void> {
    if (testClock) await testClock.setTime(options.clock.now().getTime());
  }

  async function runSchedules(queue: JobQueue): Promise<void> {
    for (const schedule of options.schedules ?? []) {
      try {
        await schedule.enqueueDue(options.clock.now(), queue);
      } catch (error) {
        options.logger.error({ err: error, schedule: schedule.name }, "schedule failed");
      }
    }
  }

  /** Runs one job's handler; throws what the handler threw, after logging it. */
  async function run(name: string, job: BossJob<unknown>): Promise<void> {
    const attempts = job.retryCount + 1;
    try {
      await options.handlers[name]!(job.data, { id: job.id, attempts });
    } catch (error) {
      options.logger.child({ job: job.id, name, attempt: attempts }).error({ err: error }, "job failed");
      throw error;
    }
  }

  async function tick(): Promise<number> {
    const boss = await open();
    await syncTime();
    await runSchedules(queueOn(boss));
    let done = 0;
    for (let found = true; found && !stopped; ) {
      found = false;
      for (const name of names) {
        const [job] = await boss.fetch<unknown>(name);
        if (!job) continue;
        found = true;
        const attempt = { id: job.id, retryCount: job.retryCount };
        try {
          await run(name, job);
        } catch (error) {
          await boss.fail(name, attempt, failure(error));
          continue;
        }
        await boss.complete(name, attempt);
        done++;
      }
    }
    return done;
  }

  const scheduleLoop = () => {
    if (stopped) return;
    round = open()
      .then((boss) => runSchedules(queueOn(boss)))
      .catch((error) => options.logger.error({ err: error }, "job schedules round failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(scheduleLoop, pollMs);
      });
  };

  return {
    tick,
    /**
     * pg-boss's supervisor, now (start() runs it every minute): jobs whose lease or timeout ran
     * out (their runner died) are failed, to be retried; finished jobs past their retention are
     * deleted (a sweep per kind at most hourly). Tests call it after moving the clock.
     */
    async supervise(): Promise<void> {
      const boss = await open();
      await syncTime();
      await boss.supervise();
    },
    /** Opens the queue (pg-boss's schema checked, our kinds' queues made), then starts the workers and schedules. */
    async start(): Promise<void> {
      if (testClock) throw new Error("start() runs on the system clock; drive a test clock with tick()");
      stopped = false;
      const boss = await open(true);
      for (const name of names) {
        const kind = { ...DEFAULT_KIND, ...kindOf(name) };
        await boss.work<unknown>(
          name,
          { batchSize: 1, localConcurrency: kind.concurrency, pollingIntervalSeconds: pollMs / 1000, notifyPollingIntervalSeconds: pollMs / 1000 },
          async ([job]) => {
            if (job) await run(name, job);
          },
        );
      }
      scheduleLoop();
    },
    /** Stops taking jobs and waits for those in progress (at most a minute), then lets go of the queue. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
      if (!opened) return;
      const boss = await opened.catch(() => undefined);
      await boss?.stop({ graceful: true, timeout: 60_000 });
      opened = undefined;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;

type QueueSettings = ReturnType<typeof queueOptions>;

/** Creates the queues that are missing and brings the others' options to ours (a start usually changes nothing). */
async function ensureQueues(boss: PgBoss, wanted: Record<string, QueueSettings>): Promise<void> {
  const existing = new Map((await boss.getQueues(Object.keys(wanted))).map((queue) => [queue.name, queue]));
  for (const [name, { policy, ...settings }] of Object.entries(wanted)) {
    const queue = existing.get(name);
    if (!queue) await boss.createQueue(name, { policy, ...settings });
    else if (Object.entries(settings).some(([key, value]) => queue[key as keyof typeof queue] !== value)) await boss.updateQueue(name, settings);
  }
}

function failure(error: unknown): { error: string } {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { error: message.slice(0, 2000) };
}

interface SharedTestClock {
  clock: TestClock;
  setTime(ms: number): Promise<void>;
  /** Runs `work` when no other move or attachment of this clock is under way. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * One pg-boss TestClock per clock of ours, shared by the runners a test makes with it (two
 * instances on one database): they attach to the same schema, and the schema keeps fake time
 * until the last of them stops. Moves and attachments take turns: a TestClock takes one at a time.
 */
const testClocks = new WeakMap<Clock, SharedTestClock>();
function sharedTestClock(ours: Clock): SharedTestClock {
  let shared = testClocks.get(ours);
  if (!shared) {
    const clock = new TestClock(ours.now());
    let chain: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
      const next = chain.then(work);
      chain = next.catch(() => {});
      return next;
    };
    shared = { clock, exclusive, setTime: (ms) => exclusive(async () => void (clock.now() === ms ? undefined : await clock.setTime(ms))) };
    testClocks.set(ours, shared);
  }
  return shared;
}
