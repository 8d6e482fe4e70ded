import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { jobs } from "../../src/db/schema/index.js";
import { everyPeriod, hourKey } from "../../src/jobs/app-jobs.js";
import { enqueueJob } from "../../src/jobs/queue.js";
import { createJobRunner, type JobHandler } from "../../src/jobs/runner.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FakeClock } from "../helpers/harness.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.delete(jobs);
});

const runner = (clock: FakeClock, handlers: Record<string, JobHandler>, schedules = [] as ReturnType<typeof everyPeriod>[]) =>
  createJobRunner({ db: database.db, clock, logger: silentLogger, handlers, schedules, leaseMs: 60_000 });

it("runs a due job once and records it done; a future job waits for its time", async () => {
  const clock = new FakeClock();
  const seen: unknown[] = [];
  const r = runner(clock, { greet: async (payload) => void seen.push(payload) });
  await enqueueJob(database.db, "greet", { to: "a" }, { runAt: clock.now() });
  await enqueueJob(database.db, "greet", { to: "b" }, { runAt: new Date(clock.now().getTime() + 60_000) });
  expect(await r.tick()).toBe(1);
  expect(seen).toEqual([{ to: "a" }]);
  expect(await r.tick()).toBe(0);
  clock.advance(60_000);
  expect(await r.tick()).toBe(1);
  expect(seen).toEqual([{ to: "a" }, { to: "b" }]);
  expect((await database.db.select().from(jobs)).map((j) => j.status)).toEqual(["done", "done"]);
});

it("creates a job with a singleton key once", async () => {
  const clock = new FakeClock();
  expect(await enqueueJob(database.db, "x", {}, { runAt: clock.now(), singletonKey: "x:1" })).toBeTypeOf("number");
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
  expect(afterFirst).toMatchObject({ status: "queued", attempts: 1, lastError: "Error: boom" });
  expect(afterFirst!.runAt.getTime() - clock.now().getTime()).toBe(2000);
  await r.tick();
  expect(calls).toBe(1); // not yet due again
  clock.advance(2000);
  await r.tick();
  clock.advance(4000);
  await r.tick();
  expect(calls).toBe(3);
  const [last] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  expect(last).toMatchObject({ status: "failed", attempts: 3 });
});

it("runs each job once when two instances work the same queue", async () => {
  const clock = new FakeClock();
  const runs = new Map<number, number>();
  const handler: JobHandler = async (payload) => {
    const n = (payload as { n: number }).n;
    runs.set(n, (runs.get(n) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 1));
  };
  for (let n = 0; n < 40; n++) await enqueueJob(database.db, "work", { n }, { runAt: clock.now() });
  const a = runner(clock, { work: handler });
  const b = runner(clock, { work: handler });
  const [doneA, doneB] = await Promise.all([a.tick(), b.tick()]);
  expect(doneA + doneB).toBe(40);
  expect([...runs.values()].every((count) => count === 1)).toBe(true);
  expect(runs.size).toBe(40);
});

it("takes over a job whose runner died, once its lease has passed", async () => {
  const clock = new FakeClock();
  await database.db.insert(jobs).values({
    name: "work",
    payload: {},
    runAt: clock.now(),
    status: "running",
    attempts: 1,
    lockedBy: "dead-runner",
    lockedUntil: new Date(clock.now().getTime() + 30_000),
    createdAt: clock.now(),
  });
  let calls = 0;
  const r = runner(clock, { work: async () => void calls++ });
  await r.tick();
  expect(calls).toBe(0);
  clock.advance(31_000);
  await r.tick();
  expect(calls).toBe(1);
});

it("enqueues a periodic job once per period however many instances tick", async () => {
  const clock = new FakeClock(new Date("2026-05-01T02:10:00Z"));
  let calls = 0;
  const handlers = { hourly: async () => void calls++ };
  const a = runner(clock, handlers, [everyPeriod(database.db, "hourly", hourKey)]);
  const b = runner(clock, handlers, [everyPeriod(database.db, "hourly", hourKey)]);
  await Promise.all([a.tick(), b.tick()]);
  await a.tick();
  expect(calls).toBe(1);
  clock.advance(3600_000);
  await Promise.all([a.tick(), b.tick()]);
  expect(calls).toBe(2);
});

it("start() keeps ticking until stop(), which waits for the job in progress", async () => {
  const clock = new FakeClock();
  let finished = 0;
  const r = createJobRunner({
    db: database.db,
    clock,
    logger: silentLogger,
    pollMs: 10,
    handlers: { slow: async () => void (await new Promise((res) => setTimeout(res, 50)), finished++) },
  });
  await enqueueJob(database.db, "slow", {}, { runAt: clock.now() });
  r.start();
  await new Promise((res) => setTimeout(res, 20));
  await r.stop();
  expect(finished).toBe(1);
  expect((await database.db.select().from(jobs))[0]?.status).toBe("done");
});
