import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { broadcasts, outboxMessages } from "../../db/schema/index.js";

export interface Figures {
  /** Recipients fixed at start: one outbox row each, and those skipped as unreachable then. */
  total: number;
  sent: number;
  failed: number;
  /** Unreachable at start (no row written), or stopped before their turn. */
  skipped: number;
  /** Not yet sent (pending, or in flight). */
  left: number;
  /** Failures and skips by reason: blocked, bad-request, network, cancelled, … */
  reasons: Record<string, number>;
  /** Sent in the last RATE_WINDOW_MS before `at`. */
  recent: number;
  /** The earliest time a pending message may go (later than now: paused for quiet hours). */
  nextAt: Date | null;
}

export const RATE_WINDOW_MS = 10_000;

/** Why a finished outbox row did not reach its person, in the words the summary uses. */
export function reasonOf(status: string, lastError: string | null): string {
  if (status === "cancelled") return "cancelled";
  if (status === "unreachable") return "blocked";
  if (lastError?.startsWith("telegram 5")) return "server-error";
  if (lastError?.startsWith("telegram 4") || lastError === "unknown kind") return "bad-request";
  return "network";
}

/**
 * Counts from the bulk's outbox rows (its index on bulk_id, status: no rows read into memory).
 * Until the recipients are all written (total unset) the rows written so far are the total.
 */
export async function figuresOf(db: Database, bulkId: number, at: Date): Promise<Figures> {
  const since = new Date(at.getTime() - RATE_WINDOW_MS).toISOString();
  const rows = await queryRows<{ status: string; last_error: string | null; n: number; recent: number; next_ms: number | null }>(
    db,
    sql`select status, case when status in ('failed', 'unreachable') then last_error end as last_error, count(*)::int as n,
          (count(*) filter (where status = 'sent' and sent_at > ${since}::timestamptz))::int as recent,
          (extract(epoch from min(run_at) filter (where status = 'pending')) * 1000)::float8 as next_ms
        from ${outboxMessages} where bulk_id = ${bulkId}
        group by 1, 2`,
  );
  const [head] = await queryRows<{ total: number | null }>(db, sql`select total from ${broadcasts} where id = ${bulkId}`);
  const f: Figures = { total: 0, sent: 0, failed: 0, skipped: 0, left: 0, reasons: {}, recent: 0, nextAt: null };
  let written = 0;
  for (const r of rows) {
    written += r.n;
    f.recent += r.recent;
    if (r.next_ms !== null) f.nextAt = new Date(Number(r.next_ms));
    if (r.status === "sent") f.sent += r.n;
    else if (r.status === "pending" || r.status === "sending") f.left += r.n;
    else {
      if (r.status === "cancelled") f.skipped += r.n;
      else f.failed += r.n;
      const reason = reasonOf(r.status, r.last_error);
      f.reasons[reason] = (f.reasons[reason] ?? 0) + r.n;
    }
  }
  f.total = Math.max(written, head?.total ?? 0);
  const unreachable = f.total - written;
  if (unreachable > 0) {
    f.skipped += unreachable;
    f.reasons.unreachable = (f.reasons.unreachable ?? 0) + unreachable;
  }
  return f;
}
