import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.js";
import { processedUpdates } from "../db/schema/index.js";
import { chatKeyOf } from "./chat-key.js";
import { claimerGone, DEFAULT_LEDGER_TIMING, MAX_ATTEMPTS } from "./update-intake.js";

// The ledger as an inbox: what the poller stores before confirming, and what recovery runs
// again. Claiming, finishing and failing an update are in update-intake.ts.

/**
 * Polled updates are written here before Telegram hears that they arrived (the next offset):
 * whatever happens after this, they are run. Already known ones are left as they are.
 */
export async function saveReceived(
  db: Database,
  received: { botId: number; instanceId: string; at: Date; updates: readonly { update_id: number }[] },
): Promise<void> {
  if (received.updates.length === 0) return;
  const rows = received.updates.map((update) => ({ update_id: update.update_id, payload: update, chat_key: chatKeyOf(update) ?? null }));
  await db.execute(
    sql`insert into ${processedUpdates} (bot_id, update_id, status, claimed_at, claimed_by, attempts, payload, chat_key)
        select ${received.botId}, r.update_id, 'received', ${received.at.toISOString()}::timestamptz, ${received.instanceId}, 0, r.payload, r.chat_key
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(update_id bigint, payload jsonb, chat_key text)
        order by r.update_id
        on conflict (bot_id, update_id) do nothing`,
  );
}

/**
 * An update that ended without reaching the intake (dropped by the flood guard, filtered
 * before the ledger): it is done, and nobody should run it again.
 */
export async function markSkipped(db: Database, skipped: { botId: number; updateId: number; at: Date }): Promise<void> {
  await db.execute(
    sql`update ${processedUpdates} set status = 'done', payload = null, chat_key = null, finished_at = ${skipped.at.toISOString()}::timestamptz
        where bot_id = ${skipped.botId} and update_id = ${skipped.updateId} and status = 'received'`,
  );
}

export interface RecoverableUpdate {
  updateId: number;
  payload: unknown;
  /** This instance's own claim, whose end could not be recorded: claim it with `reclaim`. */
  own: boolean;
}

/**
 * Updates that nobody is running and that must run: failures whose retry is due, this
 * instance's own claims that are not in flight here (their failure could not be written during
 * an outage), and, when `othersToo`, the claims of dead instances. Those that had
 * MAX_ATTEMPTS claims already are parked instead (an update that kills its process each time).
 */
export async function findRecoverable(
  db: Database,
  query: { botId: number; instanceId: string; at: Date; inFlight: readonly number[]; othersToo: boolean; limit: number },
  timing = DEFAULT_LEDGER_TIMING,
): Promise<RecoverableUpdate[]> {
  const at = sql`${query.at.toISOString()}::timestamptz`;
  const recoverable = sql`p.bot_id = ${query.botId} and p.payload is not null and (
      (p.status = 'failed' and p.next_attempt_at <= ${at})
      or (p.status in ('received', 'processing') and p.claimed_by = ${query.instanceId}
          and not (p.update_id = any(${`{${query.inFlight.join(",")}}`}::bigint[])))
      or (${query.othersToo} and p.status in ('received', 'processing') and p.claimed_by is distinct from ${query.instanceId}
          and ${claimerGone("p", at, timing)}))`;
  await db.execute(
    sql`update ${processedUpdates} p set status = 'parked', last_error = coalesce(p.last_error, 'abandoned'), finished_at = ${at}
        where p.status in ('received', 'processing', 'failed') and p.attempts >= ${MAX_ATTEMPTS} and ${recoverable}`,
  );
  const rows = await queryRows<{ update_id: string; payload: unknown; own: boolean }>(
    db,
    sql`select p.update_id::text, p.payload, p.claimed_by = ${query.instanceId} and p.status = 'processing' as own
        from ${processedUpdates} p
        where p.status in ('received', 'processing', 'failed') and ${recoverable}
        order by p.update_id limit ${query.limit}`,
  );
  return rows.map((row) => ({ updateId: Number(row.update_id), payload: row.payload, own: row.own }));
}
