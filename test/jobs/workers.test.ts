// The runner as the app runs it: start() and pg-boss's workers, on real time.
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { queryRows } from "../../src/db/client.js";
import { jobs } from "../../src/jobs/job-table.js";
import { enqueueJob } from "../../src/jobs/queue.js";
import { createJobRunner, type JobHandler, type JobRunnerOptions } from "../../src/jobs/runner.js";
import { silentLogger } from "../../src/logger.js";
import { jobsTestDatabase } from "./helpers.js";

const database = jobsTestDatabase();

const started: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const r of started) await r.stop();
});
async function start(options: Pick<JobRunnerOptions, "handlers" | "kinds">) {
  const runner = createJobRunner({ db: database.db, clock: systemClock, logger: silentLogger, pollMs: 500, ...options });
  started.push(runner);
  await runner.start();
  return runner;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stateOf = async (kind: string) =>
  (await database.db.select({ name: jobs.name, state: jobs.state }).from(jobs)).filter((j) => j.name === kind).map((j) => j.state);

/** A handler that holds each job until released, counting how many it holds at once. */
function gate() {
  let running = 0;
  let release!: () => void;
  let open = new Promise<void>((resolve) => (release = resolve));
  const state = { peak: 0, done: 0 };
  const handler: JobHandler = async () => {
    running++;
    state.peak = Math.max(state.peak, running);
    await open;
    running--;
    state.done++;
  };
  return {
    handler,
    state,
    running: () => running,
    release: () => {
      release();
      open = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

it("runs as many jobs of a kind at once as its concurrency, each kind on its own", async () => {
  const wide = gate();
  const narrow = gate();
  const runner = await start({ handlers: { wide: wide.handler, narrow: narrow.handler }, kinds: { wide: { concurrency: 3 }, narrow: { concurrency: 1 } } });
  for (let i = 0; i < 6; i++) await enqueueJob(database.db, "wide", { i }, { runAt: new Date() });
  for (let i = 0; i < 3; i++) await enqueueJob(database.db, "narrow", { i }, { runAt: new Date() });

  await expect.poll(() => wide.running(), { timeout: 5000 }).toBe(3);
  await expect.poll(() => narrow.running(), { timeout: 5000 }).toBe(1);
  await sleep(1200); // two more polls: no one takes a fourth or a second
  expect([wide.running(), narrow.running()]).toEqual([3, 1]);

  for (let round = 0; round < 3 && (wide.state.done < 6 || narrow.state.done < 3); round++) {
    wide.release();
    narrow.release();
    await sleep(1200);
  }
  await expect.poll(() => [wide.state.done, narrow.state.done], { timeout: 10_000, interval: 300 }).toEqual([6, 3]);
  expect([wide.state.peak, narrow.state.peak]).toEqual([3, 1]);
  await runner.stop();
});

it("renews a long job's lease while it runs, so no other instance takes it over", async () => {
  const long = gate();
  let runs = 0;
  const handler: JobHandler = async (payload, job) => {
    runs++;
    await long.handler(payload, job);
  };
  // Lease 10 s (pg-boss's least), renewed every 5 s; the job runs 12 s.
  const kinds = { long: { leaseSeconds: 10 } };
  const a = await start({ handlers: { long: handler }, kinds });
  await enqueueJob(database.db, "long", {}, { runAt: new Date() });
  await expect.poll(() => long.running(), { timeout: 5000 }).toBe(1);

  await sleep(12_000);
  // Another instance's supervisor looks (now: it looks once a minute across instances, and the
  // first instance's may have looked at start): the lease was renewed, the job stays with its runner.
  const b = await start({ handlers: { long: handler }, kinds });
  await database.db.execute(sql`update pgboss.queue set monitor_on = null, monitor_claim_on = null where name = 'long'`);
  await b.supervise();
  expect(await queryRows(database.db, sql`select monitor_on is not null as looked from pgboss.queue where name = 'long'`)).toEqual([{ looked: true }]);
  expect(await stateOf("long")).toEqual(["active"]);
  const [row] = await database.db.select().from(jobs);
  expect(Date.now() - row!.heartbeatOn!.getTime()).toBeLessThan(10_000);

  long.release();
  await expect.poll(() => stateOf("long"), { timeout: 5000 }).toEqual(["completed"]);
  expect(runs).toBe(1);
  await Promise.all([a.stop(), b.stop()]);
}, 40_000);

it("stop() waits for the job in progress", async () => {
  const slow = gate();
  const runner = await start({ handlers: { slow: slow.handler } });
  await enqueueJob(database.db, "slow", {}, { runAt: new Date() });
  await expect.poll(() => slow.running(), { timeout: 5000 }).toBe(1);
  const stopping = runner.stop();
  await sleep(300);
  expect(slow.state.done).toBe(0);
  slow.release();
  await stopping;
  expect(slow.state.done).toBe(1);
  expect(await stateOf("slow")).toEqual(["completed"]);
});
