import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { everyPeriod, hourKey } from "../../src/jobs/app-jobs.js";
import { jobs } from "../../src/jobs/job-table.js";
import { enqueueJob } from "../../src/jobs/queue.js";
import { createJobRunner, type JobHandler, type Schedule } from "../../src/jobs/runner.js";
import { silentLogger } from "../../src/logger.js";
import { FakeClock } from "../helpers/harness.js";
import { jobsTestDatabase } from "./helpers.js";

const database = jobsTestDatabase();

const runner = (clock: FakeClock, handlers: Record<string, JobHandler>, schedules: Schedule[] = []) =>
  createJobRunner({ db: database.db, clock, logger: silentLogger, handlers, schedules, leaseMs: 60_000 });
const later = (clock: FakeClock, ms: number) => new Date(clock.now().getTime() + ms);

it("runs a due job once and records it completed; a future job waits for its time", async () => {
  const clock = new FakeClock();
  const seen: unknown[] = [];
  const r = runner(clock, { greet: async (payload) => void seen.push(payload) });
  await enqueueJob(database.db, "greet", { to: "a" }, { runAt: clock.now() });
  await enqueueJob(database.db, "greet", { to: "b" }, { runAt: later(clock, 60_000) });
  expect(await r.tick()).toBe(1);
  expect(seen).toEqual([{ to: "a" }]);
  expect(await r.tick()).toBe(0);
  clock.advance(60_000);
  expect(await r.tick()).toBe(1);
  expect(seen).toEqual([{ to: "a" }, { to: "b" }]);
  expect((await database.db.select().from(jobs)).map((j) => j.state)).toEqual(["completed", "completed"]);
});

it("creates a job with a singleton key once, even after it ran", async () => {
  const clock = new FakeClock();
  const r = runner(clock, { x: async () => {} });
  expect(await enqueueJob(database.db, "x", {}, { runAt: clock.now(), singletonKey: "x:1" })).toBeTypeOf("string");
  expect(await enqueueJob(database.db, "x", {}, { runAt: clock.now(), singletonKey: "x:1" })).toBeUndefined();
  expect(await r.tick()).toBe(1);
  expect(await enqueueJob(database.db, "x", {}, { runAt: clock.now(), singletonKey: "x:1" })).toBeUndefined();
  expect(await database.db.select().from(jobs)).toHaveLength(1);
});

it("retries a failing job with backoff and gives up after maxAttempts", async () => {
  const clock = new FakeClock();
  let calls = 0;
  const r = runner(clock, {
    flaky: async () => {
      calls++;
      throw new Error("boom");
    },
  });
  const id = (await enqueueJob(database.db, "flaky", {}, { runAt: clock.now(), maxAttempts: 3 }))!;
  await r.tick();
  const [afterFirst] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  expect(afterFirst).toMatchObject({ state: "retry", output: { error: "Error: boom" } });
  expect(afterFirst!.startAfter.getTime()).toBeGreaterThan(clock.now().getTime());
  await r.tick();
  expect(calls).toBe(1); // not yet due again
  for (let i = 0; i < 4; i++) {
    clock.advance(10_000);
    await r.tick();
  }
  expect(calls).toBe(3);
  const [last] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  expect(last).toMatchObject({ state: "failed", retryCount: 2 });
});

it("runs each job once when two instances work the same queue", async () => {
  const clock = new FakeClock();
  const runs = new Map<number, number>();
  const handler: JobHandler = async (payload) => {
    const n = (payload as { n: number }).n;
    runs.set(n, (runs.get(n) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 1));
  };
  const a = runner(clock, { work: handler });
  const b = runner(clock, { work: handler });
  for (let n = 0; n < 40; n++) await enqueueJob(database.db, "work", { n }, { runAt: clock.now() });
  const [doneA, doneB] = await Promise.all([a.tick(), b.tick()]);
  expect(doneA + doneB).toBe(40);
  expect([...runs.values()].every((count) => count === 1)).toBe(true);
  expect(runs.size).toBe(40);
});

it("takes over a job whose runner died, once its lease has passed", async () => {
  const clock = new FakeClock();
  let calls = 0;
  const kinds = { work: { leaseSeconds: 30 } };
  await enqueueJob(database.db, "work", {}, { runAt: clock.now() });
  // One instance takes the job and hangs there (as good as dead: in tick() nothing renews a lease).
  const dead = createJobRunner({ db: database.db, clock, logger: silentLogger, handlers: { work: () => new Promise<void>(() => {}) }, kinds });
  void dead.tick();
  await expect.poll(async () => (await database.db.select().from(jobs))[0]?.state).toBe("active");

  const alive = createJobRunner({ db: database.db, clock, logger: silentLogger, handlers: { work: async () => void calls++ }, kinds });
  clock.advance(25_000);
  await alive.supervise();
  await alive.tick();
  expect(calls).toBe(0); // its lease is still running
  clock.advance(61_000); // the supervisor looks once a minute
  await alive.supervise(); // lease lost: failed, to be retried after a backoff of a few seconds
  clock.advance(10_000);
  await alive.tick();
  expect(calls).toBe(1);
  expect((await database.db.select().from(jobs))[0]).toMatchObject({ state: "completed", retryCount: 1 });
});

it("enqueues a periodic job once per period however many instances tick", async () => {
  const clock = new FakeClock(new Date("2026-05-01T02:10:00Z"));
  let calls = 0;
  const handlers = { hourly: async () => void calls++ };
  const a = runner(clock, handlers, [everyPeriod("hourly", hourKey)]);
  const b = runner(clock, handlers, [everyPeriod("hourly", hourKey)]);
  await Promise.all([a.tick(), b.tick()]);
  await a.tick();
  clock.advance(40 * 60_000); // 02:50, same hour
  await Promise.all([a.tick(), b.tick()]);
  expect(calls).toBe(1);
  clock.advance(3600_000);
  await Promise.all([a.tick(), b.tick()]);
  expect(calls).toBe(2);
  expect(await database.db.select().from(jobs)).toHaveLength(2);
});
