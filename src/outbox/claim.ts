import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.js";
import { outboxChatPace, outboxMessages, outboxPace, users } from "../db/schema/index.js";

/** Telegram's limits, for the whole bot (shared by every instance through Postgres). */
export interface PaceRules {
  /** Messages a second over all chats (about 30 free, up to 1,000 with paid broadcasts). */
  ratePerSecond: number;
  /** Tokens the bucket holds at most: how many may go at once after a quiet spell. */
  burst: number;
  /** Between two messages to one private chat (1 a second). */
  privateIntervalMs: number;
  /** Between two messages to one group (20 a minute). */
  groupIntervalMs: number;
}

export const telegramPace = (ratePerSecond: number): PaceRules => ({
  ratePerSecond,
  burst: Math.max(1, Math.ceil(ratePerSecond / 2)),
  privateIntervalMs: 1000,
  groupIntervalMs: 3000,
});

export interface ClaimedMessage {
  id: number;
  kind: string;
  chatId: number;
  userId: number | null;
  payload: unknown;
  /** Claims so far, this one included. */
  attempts: number;
  /** The recipient's stored language choice and Telegram's language, read now. */
  locale: string | null;
  telegramLanguage: string | null;
}

export interface Claim {
  messages: ClaimedMessage[];
  /** Every instance waits until then (a 429 said so). */
  pausedUntil: Date | null;
  /** Tokens left in the bucket after this claim (pace only). */
  tokensLeft: number;
}

interface ClaimInput {
  botId: number;
  claimer: string;
  want: number;
  now: Date;
  leaseMs: number;
  /** Null: no pace at all (tests drain the outbox at once). */
  pace: PaceRules | null;
}

interface Row {
  id: string;
  kind: string;
  chat_id: string;
  user_id: string | null;
  payload: unknown;
  attempts: number;
  locale: string | null;
  telegram_language: string | null;
}

/**
 * Takes up to `want` due messages to send, as the bot's pace allows. Claims of all instances
 * queue on the pace row's lock, so the bucket is shared exactly; each chat gets its messages in
 * id order, one at a time, no faster than its interval. A message whose sender died (lease
 * passed) is taken again.
 */
export async function claimMessages(db: Database, input: ClaimInput): Promise<Claim> {
  const at = input.now.toISOString();
  return db.transaction(async (tx) => {
    let tokens = Number.POSITIVE_INFINITY;
    if (input.pace) {
      const bucket = await lockBucket(tx, input.botId, input.now, input.pace);
      if (bucket.pausedUntil && bucket.pausedUntil > input.now) return { messages: [], pausedUntil: bucket.pausedUntil, tokensLeft: bucket.tokens };
      tokens = bucket.tokens;
    }
    const want = Math.min(input.want, Math.floor(tokens));
    if (want <= 0) return { messages: [], pausedUntil: null, tokensLeft: tokens };

    await tx.execute(sql`update ${outboxMessages} set status = 'pending', claimed_by = null
      where status = 'sending' and lease_until < ${at}::timestamptz`);
    const paced = input.pace ? sql`and not exists (select 1 from ${outboxChatPace} p where p.chat_id = m.chat_id and p.next_at > ${at}::timestamptz)` : sql``;
    const rows = await queryRows<Row>(
      tx,
      sql`with picked as (
            select m.id from ${outboxMessages} m
            where m.status = 'pending' and m.run_at <= ${at}::timestamptz
              -- One at a time per chat, in order; a message waiting for a later time (a reminder
              -- due next week, a retry's backoff) does not hold back the ones due now, nor does
              -- a bulk one hold back a person's own notice (a broadcast to everyone would
              -- otherwise keep each person's notices behind their copy of it). Among a chat's due
              -- messages only the first by (priority, id) goes: one total order, so two of them
              -- are never taken together (one written later for an earlier time, say).
              and not exists (select 1 from ${outboxMessages} e
                              where e.chat_id = m.chat_id
                                and (e.status = 'sending'
                                     or (e.status = 'pending' and e.run_at <= ${at}::timestamptz
                                         and (e.priority < m.priority or (e.priority = m.priority and e.id < m.id)))))
              ${paced}
            order by m.priority, m.id
            limit ${want}
            for update of m skip locked)
          update ${outboxMessages} o set status = 'sending', claimed_by = ${input.claimer}, attempts = o.attempts + 1,
            lease_until = ${new Date(input.now.getTime() + input.leaseMs).toISOString()}::timestamptz
          from picked
          where o.id = picked.id
          returning o.id::text, o.kind, o.chat_id::text, o.user_id::text, o.payload, o.attempts,
            (select locale from ${users} where id = o.user_id) as locale,
            (select telegram_language from ${users} where id = o.user_id) as telegram_language`,
    );
    if (input.pace && rows.length > 0) {
      const nextAt = rows.map((r) => {
        const interval = Number(r.chat_id) < 0 ? input.pace!.groupIntervalMs : input.pace!.privateIntervalMs;
        return { chat_id: r.chat_id, next_at: new Date(input.now.getTime() + interval).toISOString() };
      });
      await tx.execute(sql`insert into ${outboxChatPace} (chat_id, next_at)
        select chat_id, next_at from jsonb_to_recordset(${JSON.stringify(nextAt)}::jsonb) as p(chat_id bigint, next_at timestamptz)
        on conflict (chat_id) do update set next_at = excluded.next_at`);
      await tx.execute(sql`update ${outboxPace} set tokens = tokens - ${rows.length} where bot_id = ${input.botId}`);
    }
    return {
      messages: rows
        .map((r) => ({
          id: Number(r.id),
          kind: r.kind,
          chatId: Number(r.chat_id),
          userId: r.user_id === null ? null : Number(r.user_id),
          payload: r.payload,
          attempts: r.attempts,
          locale: r.locale,
          telegramLanguage: r.telegram_language,
        }))
        .sort((a, b) => a.id - b.id),
      pausedUntil: null,
      tokensLeft: tokens - rows.length,
    };
  });
}

/** Locks the bot's bucket row (creating it full) and refills it for the time since last. */
async function lockBucket(tx: Database, botId: number, now: Date, pace: PaceRules): Promise<{ tokens: number; pausedUntil: Date | null }> {
  const at = now.toISOString();
  await tx.execute(sql`insert into ${outboxPace} (bot_id, tokens, refilled_at) values (${botId}, ${pace.burst}, ${at}::timestamptz)
    on conflict (bot_id) do nothing`);
  const [row] = await queryRows<{ tokens: number; paused_ms: number | null }>(
    tx,
    sql`update ${outboxPace} set
          tokens = least(${pace.burst}::float8, tokens + greatest(0, extract(epoch from (${at}::timestamptz - refilled_at))) * ${pace.ratePerSecond}::float8),
          refilled_at = greatest(refilled_at, ${at}::timestamptz)
        where bot_id = ${botId}
        returning tokens, (extract(epoch from paused_until) * 1000)::float8 as paused_ms`,
  );
  return { tokens: Number(row!.tokens), pausedUntil: row!.paused_ms === null ? null : new Date(Number(row!.paused_ms)) };
}
