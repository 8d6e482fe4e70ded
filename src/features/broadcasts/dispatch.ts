import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { broadcasts, communities, outboxMessages } from "../../db/schema/index.js";
import type { JobQueue } from "../../jobs/queue.js";
import { Priority } from "../../outbox/enqueue.js";
import { audienceQuery } from "./audience.js";
import {
  BROADCAST_MESSAGE,
  type BulkRules,
  deliveryTime,
  holdForQuietHours,
  openCount,
  PROGRESS_EVERY_MS,
  showProgress,
  START_JOB,
  startJobKey,
  timezoneOf,
} from "./bulk.js";
import { move } from "./lifecycle.js";
import { inQuietHours, quietEndAfter } from "./time.js";

const BATCH = 1000;

/** What a staff notice's outbox row carries: the broadcast (its content is read when sent). */
export interface BroadcastMessagePayload {
  broadcastId: number;
  /** Sent with allow_paid_broadcast. */
  paid?: true;
}

export interface StartRules extends BulkRules {
  paid: boolean;
}

/**
 * Starts a broadcast whose time has come (the job queued with it): scheduled → sending, then one
 * outbox row per reachable recipient of its audience, in batches of 1,000, each batch one
 * statement in a transaction that also checks the broadcast is still sending (a Stop between
 * batches ends the writing). The first batch commits with the move, so the broadcast is never
 * seen sending with nothing to send. A start run again (a redelivered job, a crash halfway)
 * continues: each person has one row per broadcast. `total` is written last and marks the
 * recipients complete; until then the broadcast cannot finish.
 */
export async function startBroadcast(db: Database, id: number, now: Date, rules: StartRules): Promise<"started" | "not-due" | "gone"> {
  const [b] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
  if (!b || (b.status !== "scheduled" && b.status !== "sending")) return "gone";
  if (b.status === "scheduled" && b.runAt > now) return "not-due";
  if (b.audience === "list") {
    // Its rows were written with it: starting is the move alone.
    if (b.status === "scheduled" && (await move(db, id, "start", now))) await showProgress(db, b, rules, now, now);
    return "started";
  }
  const timezone = await timezoneOf(db, b.communityId);
  const runAt = deliveryTime(now, b.urgent, timezone, rules.quietHours);
  const payload: BroadcastMessagePayload = { broadcastId: id, ...(rules.paid ? { paid: true as const } : {}) };
  const audience = audienceQuery({ communityId: b.communityId, audience: b.audience, audienceRef: b.audienceRef });
  let cursor = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const [row] = await tx.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, id)).for("update");
      if (row?.status === "scheduled") await move(tx, id, "start", now);
      else if (row?.status !== "sending") return undefined;
      const [written] = await queryRows<{ n: number; last: string | null }>(
        tx,
        sql`with batch as (
              select a.user_id from (${audience}) a
              where a.blocked_at is null and a.user_id > ${cursor}
              order by a.user_id limit ${BATCH}),
            written as (
              insert into ${outboxMessages} (kind, chat_id, user_id, payload, priority, run_at, dedupe_key, bulk_id, created_at)
              select ${BROADCAST_MESSAGE}, user_id, user_id, ${JSON.stringify(payload)}::jsonb, ${Priority.bulk}, ${runAt.toISOString()}::timestamptz,
                     'bulk:' || ${id} || ':' || user_id, ${id}, ${now.toISOString()}::timestamptz
              from batch
              on conflict (dedupe_key) do nothing)
            select count(*)::int as n, max(user_id)::text as last from batch`,
      );
      return written!;
    });
    if (!batch) return "gone";
    if (batch.n < BATCH || batch.last === null) break;
    cursor = Number(batch.last);
  }
  return db.transaction(async (tx) => {
    // The total: everyone written, and those of the audience skipped as unreachable.
    const [counts] = await queryRows<{ total: number }>(
      tx,
      sql`select ((select count(*) from ${outboxMessages} where bulk_id = ${id})
                + (select count(*) from (${audience}) a where a.blocked_at is not null))::int as total`,
    );
    const [set] = await tx
      .update(broadcasts)
      .set({ total: counts!.total })
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, "sending"), isNull(broadcasts.total)))
      .returning();
    if (!set) return "started" as const;
    // Nobody reachable (or all sent already): done at once, the summary says so.
    if ((await openCount(tx, id)) === 0) await move(tx, id, "finish", now);
    await showProgress(tx, set, rules, now, now);
    return "started" as const;
  });
}

/**
 * Every runner tick, on every instance: a scheduled broadcast that is due gets its start job
 * (once: the job's key is the broadcast's), quiet hours hold what is pending, a broadcast with
 * nothing left to send finishes (sending → done, the summary shown), and the progress message
 * is refreshed (coalesced: at most one edit pending, PROGRESS_EVERY_MS apart).
 */
export async function dispatchBroadcasts(db: Database, queue: JobQueue, now: Date, rules: BulkRules): Promise<void> {
  const open = await db
    .select({
      id: broadcasts.id,
      status: broadcasts.status,
      runAt: broadcasts.runAt,
      urgent: broadcasts.urgent,
      total: broadcasts.total,
      progressChatId: broadcasts.progressChatId,
      timezone: communities.timezone,
    })
    .from(broadcasts)
    .innerJoin(communities, eq(communities.id, broadcasts.communityId))
    .where(inArray(broadcasts.status, ["scheduled", "sending"]));
  for (const b of open) {
    if (b.status === "scheduled") {
      if (b.runAt <= now) await queue.enqueue(START_JOB, { broadcastId: b.id }, { runAt: now, singletonKey: startJobKey(b.id) });
      continue;
    }
    if (!b.urgent && rules.quietHours && inQuietHours(now, b.timezone, rules.quietHours)) {
      await holdForQuietHours(db, b.id, quietEndAfter(now, b.timezone, rules.quietHours));
    }
    if (b.total !== null && (await openCount(db, b.id)) === 0) {
      await db.transaction(async (tx) => {
        if (await move(tx, b.id, "finish", now)) await showProgress(tx, b, rules, now, now);
      });
      continue;
    }
    await showProgress(db, b, rules, new Date(now.getTime() + PROGRESS_EVERY_MS), now);
  }
}
