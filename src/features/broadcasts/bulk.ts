import { and, eq, gt, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { broadcasts, communities, outboxMessages } from "../../db/schema/index.js";
import { enqueueJob } from "../../jobs/queue.js";
import { enqueueMessages, Priority, type OutboxDraft } from "../../outbox/enqueue.js";
import { DEFAULT_TIMEZONE } from "../../time.js";
import type { QuietHours } from "./config.js";
import { move } from "./lifecycle.js";
import { inQuietHours, quietEndAfter } from "./time.js";

/**
 * The broadcast machinery, for every bulk send (a staff notice, an event or lecture
 * announcement): one row in `broadcasts` for the send and one Priority.bulk outbox row per
 * recipient (bulk_id), sent at the bot's shared pace by every instance's outbox sender, each
 * rendered in its recipient's language when it goes; quiet hours hold the rows (their run_at);
 * Stop cancels the pending ones; the author follows one progress message, edited in place.
 */

/** The job that starts a broadcast at its time. */
export const START_JOB = "broadcast.send";
/** Outbox kinds: a staff notice to one recipient, and the author's progress message. */
export const BROADCAST_MESSAGE = "broadcast.message";
export const BROADCAST_PROGRESS = "broadcast.progress";
/** The progress message is edited at most this often. */
export const PROGRESS_EVERY_MS = 5000;

/** What delivery follows (from readBroadcastConfig). */
export interface BulkRules {
  quietHours: QuietHours | null;
  /** Messages a second (shown in progress until a rate is measured). */
  ratePerSecond: number;
}

export const startJobKey = (id: number) => `${START_JOB}:${id}`;
const recipientKey = (id: number, userId: number) => `bulk:${id}:${userId}`;

/** When a message of a bulk may go: at `at`, or for one not urgent, at the end of the quiet hours `at` falls in. */
export function deliveryTime(at: Date, urgent: boolean, timezone: string, quiet: QuietHours | null): Date {
  return !urgent && quiet && inQuietHours(at, timezone, quiet) ? quietEndAfter(at, timezone, quiet) : at;
}

export interface ProgressPayload {
  broadcastId: number;
  rate: number;
}

const progressTopic = (id: number) => `bulk-progress:${id}`;

/**
 * The author's progress message as a coalesced outbox message: while one is pending no other is
 * added, and what it shows is read when it is sent. `now` brings a pending one forward.
 */
export async function showProgress(db: Database, b: { id: number; progressChatId: number | null }, rules: BulkRules, runAt: Date, at: Date): Promise<void> {
  if (b.progressChatId === null) return;
  await db
    .update(outboxMessages)
    .set({ runAt })
    .where(and(eq(outboxMessages.topic, progressTopic(b.id)), eq(outboxMessages.status, "pending"), gt(outboxMessages.runAt, runAt)));
  const draft: OutboxDraft = {
    kind: BROADCAST_PROGRESS,
    chatId: b.progressChatId,
    userId: b.progressChatId > 0 ? b.progressChatId : null,
    payload: { broadcastId: b.id, rate: rules.ratePerSecond } satisfies ProgressPayload,
    priority: Priority.person,
    runAt,
    topic: progressTopic(b.id),
  };
  await enqueueMessages(db, [draft], at);
}

export interface BulkRecipient {
  userId: number;
  /** The deliverer that renders and sends this person's message (registered in create-bot.ts). */
  kind: string;
  /** What it needs, rendered in the person's language when sent (ids and facts, not text). */
  payload: unknown;
}

/**
 * Writes recipients' outbox rows in one statement: people who blocked the bot are left out,
 * and each person has at most one row per bulk (a start run twice adds nothing).
 */
export async function insertBulkRows(db: Database, bulkId: number, recipients: readonly BulkRecipient[], runAt: Date, at: Date): Promise<void> {
  if (recipients.length === 0) return;
  const rows = recipients.map((r) => ({ user_id: r.userId, kind: r.kind, payload: r.payload ?? {}, dedupe_key: recipientKey(bulkId, r.userId) }));
  await db.execute(sql`
    insert into ${outboxMessages} (kind, chat_id, user_id, payload, priority, run_at, dedupe_key, bulk_id, created_at)
    select m.kind, m.user_id, m.user_id, coalesce(m.payload, '{}'::jsonb), ${Priority.bulk}, ${runAt.toISOString()}::timestamptz, m.dedupe_key, ${bulkId},
           ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(user_id bigint, kind text, payload jsonb, dedupe_key text)
    where not exists (select 1 from users u where u.id = m.user_id and u.blocked_at is not null)
    on conflict (dedupe_key) do nothing`);
}

export interface NewBulk {
  communityId: number;
  /** Who sends it (their role heads a staff notice; null for the bot itself). */
  createdBy: number | null;
  /** How /broadcasts names it (the event's or lecture's title). */
  label: string;
  urgent: boolean;
  /** Now, or when it should start. */
  runAt: Date;
  /** The author's chat for the progress message (null: no progress message), and its language. */
  progressChatId: number | null;
  progressLocale?: string;
  /** The same key twice makes one bulk (a confirmation handled twice, a job run again). */
  clientKey: string;
  recipients: readonly BulkRecipient[];
  rules: BulkRules;
  at: Date;
}

const BATCH = 1000;

/**
 * The service other features call to announce something to many people: each recipient's
 * message is an outbox draft of the caller's kind (its buttons, the person's name), sent through
 * the same machinery as a staff broadcast. Call it inside the transaction of the change that
 * causes it; recipients are written in batches of 1,000 statements-wise, all in that transaction.
 */
export async function sendBulk(db: Database, input: NewBulk): Promise<{ id: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(broadcasts)
      .values({
        communityId: input.communityId,
        createdBy: input.createdBy,
        audience: "list",
        kind: "drafts",
        text: input.label,
        urgent: input.urgent,
        status: "scheduled",
        runAt: input.runAt,
        total: new Set(input.recipients.map((r) => r.userId)).size,
        progressChatId: input.progressChatId,
        progressLocale: input.progressLocale ?? null,
        clientKey: input.clientKey,
        createdAt: input.at,
      })
      .onConflictDoNothing({ target: broadcasts.clientKey })
      .returning();
    if (!created) {
      const [existing] = await tx.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.clientKey, input.clientKey));
      return { id: existing!.id, created: false };
    }
    const timezone = await timezoneOf(tx, input.communityId);
    const start = new Date(Math.max(input.runAt.getTime(), input.at.getTime()));
    const runAt = deliveryTime(start, input.urgent, timezone, input.rules.quietHours);
    for (let i = 0; i < input.recipients.length; i += BATCH) await insertBulkRows(tx, created.id, input.recipients.slice(i, i + BATCH), runAt, input.at);
    if (input.runAt <= input.at) {
      await move(tx, created.id, "start", input.at);
      await showProgress(tx, created, input.rules, input.at, input.at);
    } else {
      await enqueueJob(tx, START_JOB, { broadcastId: created.id }, { runAt: input.runAt, singletonKey: startJobKey(created.id) });
    }
    return { id: created.id, created: true };
  });
}

export async function timezoneOf(db: Database, communityId: number): Promise<string> {
  const [row] = await db.select({ timezone: communities.timezone }).from(communities).where(eq(communities.id, communityId));
  return row?.timezone ?? DEFAULT_TIMEZONE;
}

/** How many of the bulk's messages are still to go. */
export async function openCount(db: Database, bulkId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${outboxMessages} where bulk_id = ${bulkId} and status in ('pending', 'sending')`,
  );
  return row?.n ?? 0;
}

/** Quiet hours began while sending: the bulk's pending messages wait for their end. */
export async function holdForQuietHours(db: Database, bulkId: number, until: Date): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ runAt: until })
    .where(and(eq(outboxMessages.bulkId, bulkId), eq(outboxMessages.status, "pending"), lt(outboxMessages.runAt, until)))
    .returning({ id: outboxMessages.id });
  return rows.length;
}
