import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { outboxMessages, outboxPace, users } from "../db/schema/index.js";

/** Only the claimer settles a message: one whose lease passed may belong to another by now. */
const heldBy = (id: number, claimer: string) => and(eq(outboxMessages.id, id), eq(outboxMessages.claimedBy, claimer), eq(outboxMessages.status, "sending"));

export async function markSent(db: Database, id: number, claimer: string, at: Date): Promise<void> {
  await db.update(outboxMessages).set({ status: "sent", sentAt: at, leaseUntil: null, lastError: null }).where(heldBy(id, claimer));
}

/** A live sender keeps what it is sending (a slow Telegram, a long card with photo and voice). */
export async function renewClaims(db: Database, claimer: string, leaseUntil: Date): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ leaseUntil })
    .where(and(eq(outboxMessages.claimedBy, claimer), eq(outboxMessages.status, "sending")));
}

/** Back to pending, to be sent at `runAt`; a 429 does not count as an attempt. */
export async function retryLater(db: Database, id: number, claimer: string, input: { runAt: Date; error: string; countAttempt: boolean }): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: "pending",
      runAt: input.runAt,
      claimedBy: null,
      leaseUntil: null,
      lastError: input.error,
      ...(input.countAttempt ? {} : { attempts: sql`${outboxMessages.attempts} - 1` }),
    })
    .where(heldBy(id, claimer));
}

/** Given up: Telegram refused it for good, or the person blocked the bot (then marked blocked). */
export async function markFinal(
  db: Database,
  message: { id: number; userId: number | null },
  claimer: string,
  input: { status: "failed" | "unreachable"; error: string; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(outboxMessages)
      .set({ status: input.status, sentAt: input.at, leaseUntil: null, lastError: input.error })
      .where(heldBy(message.id, claimer));
    // A user who blocked the bot gets nothing more until they write again (the intake clears it).
    if (input.status === "unreachable" && message.userId !== null) {
      await tx.update(users).set({ blockedAt: input.at }).where(eq(users.id, message.userId));
    }
  });
}

/** A 429: every instance holds its sends until then. */
export async function pauseAll(db: Database, botId: number, until: Date): Promise<void> {
  await db
    .update(outboxPace)
    .set({ pausedUntil: sql`greatest(coalesce(${outboxPace.pausedUntil}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)` })
    .where(eq(outboxPace.botId, botId));
}

/**
 * Finished messages older than `before` go (what was sent is history the bot does not need),
 * except a bulk send's: one row per recipient is that broadcast's record, which /broadcasts
 * counts (as its recipient list always was); /forget still takes a person's.
 */
export async function pruneOutbox(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(outboxMessages)
    .where(
      and(
        inArray(outboxMessages.status, ["sent", "failed", "unreachable", "cancelled"]),
        isNull(outboxMessages.bulkId),
        sql`coalesce(${outboxMessages.sentAt}, ${outboxMessages.createdAt}) < ${before.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}
