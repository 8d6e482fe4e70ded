import { sql } from "drizzle-orm";
import { batched } from "../db/batch.js";
import { queryRows, type Database } from "../db/client.js";
import { conversationStates, processedUpdates, type GrantedRole } from "../db/schema/index.js";
import type { Member, TelegramProfile } from "../features/accounts/service.js";

/**
 * A claim taken while an update is being handled. If the process dies mid-way the claim
 * expires after this long, and a redelivery of the update is handled again.
 */
export const CLAIM_LEASE_MS = 60_000;

export interface AdmitRequest {
  botId: number;
  updateId: number;
  at: Date;
  /** The sender of a private-chat update: created or refreshed in the same statement. */
  profile?: TelegramProfile | undefined;
  /** The sender's conversation key, prefetched so the conversation plugin need not ask. */
  conversationKey?: string | undefined;
}

export interface Admission {
  /** False when the update was handled already, or is being handled elsewhere: skip it. */
  claimed: boolean;
  member?: Member | undefined;
  /** The stored state under conversationKey: undefined when there is none. */
  conversationState?: unknown;
}

interface AdmitRow {
  update_id: string;
  claimed: boolean;
  id: string | null;
  first_name: string | null;
  locale: string | null;
  telegram_language: string | null;
  community_id: number | null;
  roles: GrantedRole[] | string | null;
  conversation: unknown;
}

/**
 * What every update needs before it runs, in one statement for a whole batch of updates: claim
 * each in the ledger (so a redelivery has its effects once), create or refresh the sender of a
 * private-chat update, read their roles and their conversation state. Answers in request order.
 * A batch must not hold one update or one sender twice (see updateLedger). Rows are written in
 * key order, so two batches (two instances) sharing senders lock them in the same order and
 * cannot deadlock.
 */
export async function admitUpdates(db: Database, requests: readonly AdmitRequest[]): Promise<Admission[]> {
  const input = requests.map((r) => ({
    bot_id: r.botId,
    update_id: r.updateId,
    at: r.at.toISOString(),
    user_id: r.profile?.id ?? null,
    first_name: r.profile?.firstName ?? null,
    last_name: r.profile?.lastName ?? null,
    username: r.profile?.username ?? null,
    language: r.profile?.languageCode ?? null,
    state_key: r.conversationKey ?? null,
  }));
  const rows = await queryRows<AdmitRow>(
    db,
    sql`with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(bot_id bigint, update_id bigint, at timestamptz,
        user_id bigint, first_name text, last_name text, username text, language text, state_key text)
    ), claim as (
      insert into ${processedUpdates} (bot_id, update_id, status, claimed_at)
      select bot_id, update_id, 'processing', at from input order by bot_id, update_id
      on conflict (bot_id, update_id) do update set status = 'processing', claimed_at = excluded.claimed_at, finished_at = null
      where ${processedUpdates.status} = 'failed'
         or (${processedUpdates.status} = 'processing'
             and ${processedUpdates.claimedAt} < excluded.claimed_at - make_interval(secs => ${CLAIM_LEASE_MS / 1000}))
      returning bot_id, update_id
    ), member as (
      insert into users (id, first_name, last_name, username, telegram_language, community_id, first_seen_at, last_seen_at)
      select user_id, first_name, last_name, username, language,
             (select id from communities where (select count(*) from communities) = 1), at, at
      from input where user_id is not null order by user_id
      on conflict (id) do update set
        first_name = excluded.first_name, last_name = excluded.last_name, username = excluded.username,
        telegram_language = excluded.telegram_language, last_seen_at = excluded.last_seen_at, blocked_at = null,
        community_id = coalesce(users.community_id, excluded.community_id)
      returning id, first_name, locale, telegram_language, community_id
    )
    select i.update_id::text as update_id, c.update_id is not null as claimed,
      m.id::text as id, m.first_name, m.locale, m.telegram_language, m.community_id,
      coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = m.id and r.community_id = m.community_id), '{}') as roles,
      s.value as conversation
    from input i
    left join claim c on c.bot_id = i.bot_id and c.update_id = i.update_id
    left join member m on m.id = i.user_id
    left join ${conversationStates} s on s.key = i.state_key`,
  );
  const byUpdate = new Map(rows.map((row) => [row.update_id, row]));
  return requests.map((request) => {
    const row = byUpdate.get(String(request.updateId));
    if (!row) throw new Error(`admitting update ${request.updateId} returned no row`);
    return {
      claimed: row.claimed,
      member:
        row.id === null
          ? undefined
          : {
              id: Number(row.id),
              firstName: row.first_name!,
              locale: row.locale,
              telegramLanguage: row.telegram_language,
              communityId: row.community_id,
              roles: parseRoles(row.roles),
            },
      conversationState: row.conversation ?? undefined,
    };
  });
}

/** Both drivers parse a text[] of an enum differently on occasion ("{staff,admin}" vs array). */
function parseRoles(value: AdmitRow["roles"]): GrantedRole[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean) as GrantedRole[];
  return [];
}

/** A conversation state change waiting for the update to finish: a new value, or null to delete. */
export type PendingStateWrites = Map<string, unknown | null>;

export interface FinishedUpdate {
  botId: number;
  updateId: number;
  at: Date;
  writes: PendingStateWrites;
}

/**
 * Finishes a batch of updates in one statement: marks each done and writes the conversation
 * state it produced. State and "done" commit together, so a crash leaves either both or
 * neither. A batch must not hold one update or one state key twice (see updateLedger).
 */
export async function completeUpdates(db: Database, finished: readonly FinishedUpdate[]): Promise<void> {
  const done = finished.map((f) => ({ bot_id: f.botId, update_id: f.updateId, at: f.at.toISOString() }));
  const writes = finished.flatMap((f) =>
    [...f.writes].map(([key, value]) => ({ key, remove: value === null, value: value ?? null, at: f.at.toISOString() })),
  );
  await db.execute(
    sql`with done as (
      update ${processedUpdates} p set status = 'done', finished_at = d.at
      from jsonb_to_recordset(${JSON.stringify(done)}::jsonb) as d(bot_id bigint, update_id bigint, at timestamptz)
      where p.bot_id = d.bot_id and p.update_id = d.update_id
      returning 1
    ), writes as (
      select * from jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) as w(key text, remove boolean, value jsonb, at timestamptz)
    ), saved as (
      insert into ${conversationStates} (key, value, updated_at)
      select key, value, at from writes where not remove order by key
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
      returning 1
    ), removed as (
      delete from ${conversationStates} where key in (select key from writes where remove) returning 1
    )
    select 1`,
  );
}

/**
 * The ledger as the intake uses it: admissions and completions of updates handled at the same
 * time share statements (src/db/batch.ts). One update, one sender or one state key appears at
 * most once per batch; a batch that fails is retried item by item.
 */
export function updateLedger(db: Database) {
  const MAX_BATCH = 100;
  return {
    admit: batched<AdmitRequest, Admission>((requests) => admitUpdates(db, requests), {
      maxSize: MAX_BATCH,
      conflicts: (a, b) =>
        (a.botId === b.botId && a.updateId === b.updateId) ||
        (a.profile !== undefined && a.profile.id === b.profile?.id) ||
        (a.conversationKey !== undefined && a.conversationKey === b.conversationKey),
    }),
    complete: batched<FinishedUpdate, void>(async (finished) => {
      await completeUpdates(db, finished);
      return finished.map(() => undefined);
    }, {
      maxSize: MAX_BATCH,
      conflicts: (a, b) => (a.botId === b.botId && a.updateId === b.updateId) || [...a.writes.keys()].some((key) => b.writes.has(key)),
    }),
    fail: (failed: { botId: number; updateId: number; at: Date }) => failUpdate(db, failed),
  };
}

/** The handler failed: release the claim so a redelivery runs it again. State is not written. */
export async function failUpdate(db: Database, failed: { botId: number; updateId: number; at: Date }): Promise<void> {
  await db.execute(
    sql`update ${processedUpdates} set status = 'failed', finished_at = ${failed.at.toISOString()}::timestamptz
        where bot_id = ${failed.botId} and update_id = ${failed.updateId}`,
  );
}

/**
 * Long polling has one consumer at a time (Telegram refuses a second getUpdates), so at start
 * any claim still "processing" belongs to a dead process: release it, so the updates Telegram
 * delivers again are handled instead of skipped.
 */
export async function releaseAbandonedClaims(db: Database, botId: number, at: Date): Promise<number> {
  const rows = await queryRows<{ update_id: string }>(
    db,
    sql`update ${processedUpdates} set status = 'failed', finished_at = ${at.toISOString()}::timestamptz
        where bot_id = ${botId} and status = 'processing' returning update_id::text`,
  );
  return rows.length;
}

/** Telegram keeps undelivered updates for 24 hours; a week of ledger is ample. */
export async function pruneUpdateLedger(db: Database, olderThan: Date): Promise<number> {
  const rows = await queryRows<{ update_id: string }>(
    db,
    sql`delete from ${processedUpdates} where claimed_at < ${olderThan.toISOString()}::timestamptz returning update_id::text`,
  );
  return rows.length;
}
