import { sql } from "drizzle-orm";
import { queryRows, type Database } from "./client.js";
import { processedUpdates } from "./schema/index.js";

// Housekeeping of the update ledger, run by a daily job: plain SQL on the table, so the jobs need
// nothing from the bot layer that fills the ledger.

/** Telegram keeps undelivered updates for 24 hours; a week of ledger is ample. Parked ones stay. */
export async function pruneUpdateLedger(db: Database, olderThan: Date): Promise<number> {
  const rows = await queryRows<{ update_id: string }>(
    db,
    sql`delete from ${processedUpdates} where claimed_at < ${olderThan.toISOString()}::timestamptz and status <> 'parked'
        returning update_id::text`,
  );
  return rows.length;
}
