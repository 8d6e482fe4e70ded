import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { fromDrizzle, PgBoss, type Db } from "pg-boss";
import type { Database } from "../db/client.js";
import { JOB_SCHEMA } from "./connection.js";

export interface EnqueueOptions {
  runAt: Date;
  /**
   * A job with this key is created once: later enqueues with the same key do nothing while the
   * first is kept (until retention deletes it after it finished). It is also the key that
   * cancel and reschedule find the job by.
   */
  singletonKey?: string;
  maxAttempts?: number;
}

/** Putting jobs on the queue, and taking back or moving those not yet started. */
export interface JobQueue {
  /** Adds a job; its id, or undefined when a job with the singleton key already exists. */
  enqueue(name: string, payload: object, options: EnqueueOptions): Promise<string | undefined>;
  /** Cancels the jobs with this key that have not started; how many. */
  cancel(name: string, key: string): Promise<number>;
  /** Moves the jobs with this key that have not started to runAt; how many. */
  reschedule(name: string, key: string, runAt: Date): Promise<number>;
}

/**
 * The id of the job with a singleton key: the same key gives the same id, so the second insert
 * meets the first on pg-boss's primary key and is skipped, in one statement, however many
 * instances enqueue at once. pg-boss's own singleton options only hold while a job waits (or
 * within a time slot); ours must hold for a job that already ran, like a day's report.
 */
export function singletonJobId(name: string, key: string): string {
  const hex = createHash("sha256").update(`${name}\u0000${key}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** How a kind of job is run; every field has a default (see DEFAULT_KIND). */
export interface JobKind {
  /** Jobs of this kind one instance runs at once. */
  concurrency?: number;
  /**
   * The lease: a running job's runner renews it every half of this; a job whose runner stopped
   * renewing (it died) is failed and retried by another instance once it runs out. At least 10.
   */
  leaseSeconds?: number;
  /** The longest a job may run, however often its lease is renewed. */
  timeoutSeconds?: number;
  /** How long a finished (done, failed or cancelled) job is kept before it is deleted. */
  retentionSeconds?: number;
  /** Tries before a failing job is given up (failed), with backoff from 2 s, doubling, at most 1 h apart. */
  maxAttempts?: number;
}

export const DEFAULT_KIND: Required<JobKind> = {
  concurrency: 1,
  leaseSeconds: 30,
  timeoutSeconds: 3600,
  retentionSeconds: 7 * 24 * 3600,
  maxAttempts: 5,
};

/** A kind as pg-boss's queue options. */
export function queueOptions(kind: JobKind = {}) {
  const k = { ...DEFAULT_KIND, ...kind };
  return {
    policy: "standard",
    retryLimit: k.maxAttempts - 1,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 3600,
    heartbeatSeconds: Math.max(10, k.leaseSeconds),
    expireInSeconds: k.timeoutSeconds,
    deleteAfterSeconds: k.retentionSeconds,
    // A job not yet run is kept this long past its time (reminders may be weeks ahead).
    retentionSeconds: 30 * 24 * 3600,
    // An insert wakes the workers at once (after its commit) instead of at their next poll.
    notify: true,
  } as const;
}

const QUEUE_NOT_FOUND = "PGBOSS_QUEUE_NOT_FOUND";
const queueMissing = (error: unknown) => (error as { code?: unknown } | null)?.code === QUEUE_NOT_FOUND;
/** A kind without a queue has no jobs to cancel or move. */
async function orIfNoQueue<T>(work: Promise<T>, none: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (queueMissing(error)) return none;
    throw error;
  }
}

/**
 * The queue of a started pg-boss, every statement on `db`: the connection that instance runs on
 * (its own, or a caller's transaction it was made for). A kind nobody created yet gets a queue
 * with the default options, in the same transaction; a runner of that kind sets its own.
 */
export function queueOn(boss: PgBoss, db: Db = boss.getDb()): JobQueue {
  const send = (name: string, payload: object, options: EnqueueOptions) =>
    boss.send(name, payload, {
      db,
      startAfter: options.runAt,
      ...(options.singletonKey ? { id: singletonJobId(name, options.singletonKey), singletonKey: options.singletonKey } : {}),
      ...(options.maxAttempts ? { retryLimit: Math.max(0, options.maxAttempts - 1) } : {}),
    });
  return {
    async enqueue(name, payload, options) {
      try {
        return (await send(name, payload, options)) ?? undefined;
      } catch (error) {
        if (!queueMissing(error)) throw error;
        // pg-boss's documented SQL function; createQueue() would wrap it in a transaction of its own.
        await db.executeSql(`SELECT ${JOB_SCHEMA}.create_queue($1, $2::jsonb)`, [name, JSON.stringify(queueOptions())]);
        return (await send(name, payload, options)) ?? undefined;
      }
    },
    async cancel(name, key) {
      const waiting = await orIfNoQueue(boss.findJobs(name, { db, key, queued: true }), []);
      if (waiting.length === 0) return 0;
      await boss.cancel(
        name,
        waiting.map((job) => job.id),
        { db },
      );
      return waiting.length;
    },
    async reschedule(name, key, runAt) {
      const { updated } = await orIfNoQueue(boss.update(name, undefined, { db, singletonKey: key, startAfter: runAt, match: "all" }), { jobs: [], updated: 0 });
      return updated;
    },
  };
}

/** A drizzle handle (the app's or a transaction) as pg-boss's connection. */
export const drizzleDb = (db: Database): Db => fromDrizzle(db as Parameters<typeof fromDrizzle>[0], sql);

/**
 * For code that holds only a database handle, such as a service inside its transaction: a
 * pg-boss instance for this one call, every statement on `db` (so the job commits or rolls back
 * with the caller's work). It starts without touching the schema (migrations install it) and
 * stops at once; four short statements more than a running queue's `enqueue`.
 */
async function withQueue<T>(db: Database, use: (queue: JobQueue) => Promise<T>): Promise<T> {
  const handle = drizzleDb(db);
  const boss = new PgBoss({
    db: handle,
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: false,
    schedule: false,
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  // Failures reach the caller through the awaited calls; the emitter must not throw them again.
  boss.on("error", () => {});
  await boss.start();
  try {
    return await use(queueOn(boss, handle));
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

/** Adds a job through `db` (see EnqueueOptions); undefined when its singleton key exists. */
export function enqueueJob(db: Database, name: string, payload: object, options: EnqueueOptions): Promise<string | undefined> {
  return withQueue(db, (queue) => queue.enqueue(name, payload, options));
}

/** Cancels, through `db`, the jobs with this key that have not started (a reminder whose event was called off). */
export function cancelJobs(db: Database, name: string, key: string): Promise<number> {
  return withQueue(db, (queue) => queue.cancel(name, key));
}

/** Moves, through `db`, the jobs with this key that have not started (a reminder whose event moved). */
export function rescheduleJobs(db: Database, name: string, key: string, runAt: Date): Promise<number> {
  return withQueue(db, (queue) => queue.reschedule(name, key, runAt));
}
