import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.js";
import { jobs } from "../db/schema/index.js";

export interface EnqueueOptions {
  runAt: Date;
  /** A job with this key is created once; later enqueues with the same key do nothing. */
  singletonKey?: string;
  maxAttempts?: number;
}

/** Adds a job; returns its id, or undefined when a job with the singleton key already exists. */
export async function enqueueJob(db: Database, name: string, payload: unknown, options: EnqueueOptions): Promise<number | undefined> {
  const rows = await db
    .insert(jobs)
    .values({
      name,
      payload: payload ?? {},
      runAt: options.runAt,
      singletonKey: options.singletonKey ?? null,
      maxAttempts: options.maxAttempts ?? 5,
      createdAt: options.runAt,
    })
    .onConflictDoNothing({ target: jobs.singletonKey })
    .returning({ id: jobs.id });
  return rows[0]?.id;
}

export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/**
 * Takes the oldest due job (or one whose runner's lease ran out). SKIP LOCKED lets several
 * instances claim at once without waiting on each other or taking the same job.
 */
export async function claimJob(db: Database, runnerId: string, now: Date, leaseMs: number, names: readonly string[]): Promise<ClaimedJob | undefined> {
  if (names.length === 0) return undefined;
  const at = now.toISOString();
  const [row] = await queryRows<{ id: string; name: string; payload: unknown; attempts: number; max_attempts: number }>(
    db,
    sql`update ${jobs} set status = 'running', attempts = attempts + 1, locked_by = ${runnerId},
          locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        where id = (
          select id from ${jobs}
          where name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
            and ((status = 'queued' and run_at <= ${at}::timestamptz)
              or (status = 'running' and locked_until < ${at}::timestamptz))
          order by run_at, id
          for update skip locked
          limit 1)
        returning id::text, name, payload, attempts, max_attempts`,
  );
  if (!row) return undefined;
  return { id: Number(row.id), name: row.name, payload: row.payload, attempts: row.attempts, maxAttempts: row.max_attempts };
}

export async function finishJob(db: Database, id: number, runnerId: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", finishedAt: now, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, runnerId)));
}

/** A failed attempt: tried again later with exponential backoff, until maxAttempts. */
export async function failJob(db: Database, job: ClaimedJob, runnerId: string, now: Date, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const final = job.attempts >= job.maxAttempts;
  const backoffMs = Math.min(3600_000, 1000 * 2 ** job.attempts);
  await db
    .update(jobs)
    .set({
      status: final ? "failed" : "queued",
      runAt: final ? undefined : new Date(now.getTime() + backoffMs),
      finishedAt: final ? now : null,
      lockedUntil: null,
      lastError: message.slice(0, 2000),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, runnerId)));
}
