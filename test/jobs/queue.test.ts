import { eq } from "drizzle-orm";
import { PgBoss } from "pg-boss";
import { expect, it } from "vitest";
import { users } from "../../src/db/schema/index.js";
import { bossConnection, JOB_SCHEMA } from "../../src/jobs/connection.js";
import { jobs } from "../../src/jobs/job-table.js";
import { cancelJobs, enqueueJob, rescheduleJobs } from "../../src/jobs/queue.js";
import { createJobRunner } from "../../src/jobs/runner.js";
import { silentLogger } from "../../src/logger.js";
import { FakeClock } from "../helpers/harness.js";
import { jobsTestDatabase } from "./helpers.js";

const database = jobsTestDatabase();

// First: the runners below attach a test clock, which swaps pg-boss's time function for one that reads it.
it("the migrated database holds pg-boss's schema as pg-boss expects it", async () => {
  const boss = new PgBoss({ ...bossConnection(database.db), schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false, registerInstance: false });
  await boss.start(); // would refuse a missing or older schema with migrate: false
  try {
    expect(await boss.schemaVersion()).toBeGreaterThanOrEqual(46);
    expect((await boss.detectSchemaDrift()).ok).toBe(true);
  } finally {
    await boss.stop();
  }
});

const at = (clock: FakeClock, minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);

/** A reminder job kind whose runs are recorded by event id. */
function reminders(clock: FakeClock, kinds = {}) {
  const sent: number[] = [];
  const runner = createJobRunner({
    db: database.db,
    clock,
    logger: silentLogger,
    handlers: { "event.reminder": async (payload) => void sent.push((payload as { eventId: number }).eventId) },
    kinds,
  });
  return { runner, sent };
}

it("cancels a job by its key before it runs, and leaves the other keys alone", async () => {
  const clock = new FakeClock();
  const { runner, sent } = reminders(clock);
  await enqueueJob(database.db, "event.reminder", { eventId: 1 }, { runAt: at(clock, 60), singletonKey: "event:1" });
  await enqueueJob(database.db, "event.reminder", { eventId: 2 }, { runAt: at(clock, 60), singletonKey: "event:2" });

  expect(await cancelJobs(database.db, "event.reminder", "event:1")).toBe(1);
  expect(await cancelJobs(database.db, "event.reminder", "event:1")).toBe(0); // nothing left to cancel
  expect(await cancelJobs(database.db, "no.such.kind", "event:1")).toBe(0);
  clock.advance(60 * 60_000);
  await runner.tick();
  expect(sent).toEqual([2]);
  const states = await database.db.select({ key: jobs.singletonKey, state: jobs.state }).from(jobs).orderBy(jobs.singletonKey);
  expect(states).toEqual([
    { key: "event:1", state: "cancelled" },
    { key: "event:2", state: "completed" },
  ]);
});

it("moves a job by its key: a reminder follows its event", async () => {
  const clock = new FakeClock();
  const { runner, sent } = reminders(clock);
  await enqueueJob(database.db, "event.reminder", { eventId: 7 }, { runAt: at(clock, 60), singletonKey: "event:7" });

  expect(await rescheduleJobs(database.db, "event.reminder", "event:7", at(clock, 180))).toBe(1);
  clock.advance(60 * 60_000);
  await runner.tick();
  expect(sent).toEqual([]); // not at the old time
  clock.advance(120 * 60_000);
  await runner.tick();
  expect(sent).toEqual([7]);
  // A job that already ran does not move (the event moved after its reminder went out).
  expect(await rescheduleJobs(database.db, "event.reminder", "event:7", at(clock, 60))).toBe(0);
});

it("enqueues inside the caller's transaction: gone when it rolls back, there when it commits", async () => {
  const clock = new FakeClock();
  const { runner, sent } = reminders(clock);
  const user = (id: number) => ({ id, firstName: `U${id}`, firstSeenAt: clock.now(), lastSeenAt: clock.now() });

  await expect(
    database.db.transaction(async (tx) => {
      await tx.insert(users).values(user(90_001));
      await enqueueJob(tx, "event.reminder", { eventId: 1 }, { runAt: clock.now() });
      throw new Error("the change fails after the job was enqueued");
    }),
  ).rejects.toThrow("the change fails");
  expect(await database.db.select().from(jobs)).toEqual([]);

  await database.db.transaction(async (tx) => {
    await tx.insert(users).values(user(90_002));
    await enqueueJob(tx, "event.reminder", { eventId: 2 }, { runAt: clock.now() });
    // Moving and cancelling take part in the transaction as well.
    await enqueueJob(tx, "event.reminder", { eventId: 3 }, { runAt: at(clock, 10), singletonKey: "event:3" });
    await rescheduleJobs(tx, "event.reminder", "event:3", clock.now());
  });
  await runner.tick();
  expect(sent.sort()).toEqual([2, 3]);
  expect(await database.db.select({ id: users.id }).from(users).where(eq(users.id, 90_001))).toEqual([]);
});

it("deletes finished jobs once their retention has passed, and keeps those still waiting", async () => {
  const clock = new FakeClock();
  const failing = createJobRunner({
    db: database.db,
    clock,
    logger: silentLogger,
    handlers: {
      "event.reminder": async () => {},
      broken: async () => {
        throw new Error("always");
      },
    },
    kinds: { "event.reminder": { retentionSeconds: 3600 }, broken: { retentionSeconds: 3600, maxAttempts: 1 } },
  });
  await failing.tick(); // the kinds' queues take their options; jobs enqueued from now on carry them
  await enqueueJob(database.db, "event.reminder", { eventId: 1 }, { runAt: clock.now() });
  await enqueueJob(database.db, "broken", {}, { runAt: clock.now() });
  await enqueueJob(database.db, "event.reminder", { eventId: 2 }, { runAt: at(clock, 24 * 60) });
  await failing.tick();
  const states = async () => (await database.db.select({ name: jobs.name, state: jobs.state }).from(jobs)).map((j) => `${j.name} ${j.state}`).sort();
  expect(await states()).toEqual(["broken failed", "event.reminder completed", "event.reminder created"]);

  clock.advance(30 * 60_000);
  await failing.supervise();
  expect(await states()).toHaveLength(3); // half the retention

  clock.advance(61 * 60_000);
  await failing.supervise();
  expect(await states()).toEqual(["event.reminder created"]);
});
