import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { processedUpdates } from "../db/schema/index.js";

/**
 * A claim taken while an update is being handled. If the process dies mid-way the claim
 * expires after this long, and a redelivery of the update is handled again.
 */
export const CLAIM_LEASE_MS = 60_000;

/**
 * Claims an update for handling. False when it was already handled, or is being handled by
 * another instance right now: the caller must then skip it. A failed update can be claimed again.
 */
export async function claimUpdate(db: Database, botId: number, updateId: number, at: Date): Promise<boolean> {
  const staleBefore = new Date(at.getTime() - CLAIM_LEASE_MS);
  const rows = await db
    .insert(processedUpdates)
    .values({ botId, updateId, status: "processing", claimedAt: at })
    .onConflictDoUpdate({
      target: [processedUpdates.botId, processedUpdates.updateId],
      set: { status: "processing", claimedAt: at, finishedAt: null },
      setWhere: sql`${processedUpdates.status} = 'failed' or (${processedUpdates.status} = 'processing' and ${processedUpdates.claimedAt} < ${staleBefore.toISOString()}::timestamptz)`,
    })
    .returning({ updateId: processedUpdates.updateId });
  return rows.length === 1;
}

export async function finishUpdate(
  db: Database,
  botId: number,
  updateId: number,
  status: "done" | "failed",
  at: Date,
): Promise<void> {
  await db
    .update(processedUpdates)
    .set({ status, finishedAt: at })
    .where(and(eq(processedUpdates.botId, botId), eq(processedUpdates.updateId, updateId)));
}

/** Telegram keeps undelivered updates for 24 hours; a week of ledger is ample. */
export async function pruneUpdateLedger(db: Database, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(processedUpdates)
    .where(lt(processedUpdates.claimedAt, olderThan))
    .returning({ updateId: processedUpdates.updateId });
  return rows.length;
}
