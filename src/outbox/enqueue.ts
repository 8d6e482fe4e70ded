import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { outboxMessages } from "../db/schema/index.js";

/** Lower goes first: people's own notifications, then the staff group, then bulk. */
export const Priority = { person: 0, group: 1, bulk: 5 } as const;

/** A message to send later, as its deliverer will need it. */
export interface OutboxDraft {
  /** The deliverer that renders and sends it. */
  kind: string;
  chatId: number;
  /** The person it is for: their language is read when it is sent, and a 403 marks them blocked. */
  userId?: number | null;
  /** Ids and facts (JSON): rendered in the recipient's language at sending time. */
  payload: unknown;
  priority?: number;
  /** Not before this (a reminder); now when absent. */
  runAt?: Date;
  /** Enqueued at most once ever under this key: a second enqueue does nothing. */
  dedupeKey?: string;
  /** While a message of this topic is pending, another one is not added (it would say the same). */
  topic?: string;
}

/**
 * Writes messages into the outbox, normally inside the transaction of the change that causes
 * them: they exist exactly when the change does. One statement however many.
 */
export async function enqueueMessages(db: Database, drafts: readonly OutboxDraft[], at: Date): Promise<void> {
  if (drafts.length === 0) return;
  const rows = drafts.map((d) => ({
    kind: d.kind,
    chat_id: d.chatId,
    user_id: d.userId ?? null,
    payload: d.payload ?? {},
    priority: d.priority ?? Priority.person,
    run_at: (d.runAt ?? at).toISOString(),
    dedupe_key: d.dedupeKey ?? null,
    topic: d.topic ?? null,
  }));
  await db.execute(sql`
    insert into ${outboxMessages} (kind, chat_id, user_id, payload, priority, run_at, dedupe_key, topic, created_at)
    select m.kind, m.chat_id, m.user_id, coalesce(m.payload, '{}'::jsonb), m.priority, m.run_at, m.dedupe_key, m.topic, ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as m(kind text, chat_id bigint, user_id bigint, payload jsonb, priority smallint, run_at timestamptz, dedupe_key text, topic text)
    where m.topic is null
       or not exists (select 1 from ${outboxMessages} o where o.topic = m.topic and o.status = 'pending')
    on conflict (dedupe_key) do nothing`);
}

/** Cancels the pending message with this dedupe key (a reminder whose event moved or was cancelled). */
export async function cancelMessage(db: Database, dedupeKey: string): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: "cancelled" })
    .where(and(eq(outboxMessages.dedupeKey, dedupeKey), eq(outboxMessages.status, "pending")))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/** Moves the pending message with this dedupe key to another time; false when it is no longer pending. */
export async function rescheduleMessage(db: Database, dedupeKey: string, runAt: Date): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({ runAt })
    .where(and(eq(outboxMessages.dedupeKey, dedupeKey), eq(outboxMessages.status, "pending")))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}
