import { sql, type SQL } from "drizzle-orm";
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

function claimCte(request: AdmitRequest): SQL {
  const at = request.at.toISOString();
  const staleBefore = new Date(request.at.getTime() - CLAIM_LEASE_MS).toISOString();
  return sql`claim as (
    insert into ${processedUpdates} (bot_id, update_id, status, claimed_at)
    values (${request.botId}, ${request.updateId}, 'processing', ${at}::timestamptz)
    on conflict (bot_id, update_id) do update set status = 'processing', claimed_at = excluded.claimed_at, finished_at = null
    where ${processedUpdates.status} = 'failed'
       or (${processedUpdates.status} = 'processing' and ${processedUpdates.claimedAt} < ${staleBefore}::timestamptz)
    returning 1
  )`;
}

function stateOf(key: string | undefined): SQL {
  return key === undefined ? sql`null::jsonb` : sql`(select value from ${conversationStates} where key = ${key})`;
}

interface AdmitRow {
  claimed: number;
  id: string | null;
  first_name: string | null;
  locale: string | null;
  telegram_language: string | null;
  community_id: number | null;
  roles: GrantedRole[] | string | null;
  conversation: unknown;
}

/**
 * What every update needs before it runs, in one round trip: claim it in the ledger (so a
 * redelivery has its effects once), create or refresh the sender, read their roles, and read
 * their conversation state.
 */
export async function admitUpdate(db: Database, request: AdmitRequest): Promise<Admission> {
  const profile = request.profile;
  if (!profile) {
    const [row] = await queryRows<AdmitRow>(
      db,
      sql`with ${claimCte(request)} select (select count(*) from claim)::int as claimed, ${stateOf(request.conversationKey)} as conversation`,
    );
    return { claimed: row?.claimed === 1, conversationState: row?.conversation ?? undefined };
  }
  const at = request.at.toISOString();
  const [row] = await queryRows<AdmitRow>(
    db,
    sql`with ${claimCte(request)}, member as (
      insert into users (id, first_name, last_name, username, telegram_language, community_id, first_seen_at, last_seen_at)
      values (${profile.id}, ${profile.firstName}, ${profile.lastName ?? null}, ${profile.username ?? null}, ${profile.languageCode ?? null},
              (select id from communities where (select count(*) from communities) = 1), ${at}::timestamptz, ${at}::timestamptz)
      on conflict (id) do update set
        first_name = excluded.first_name, last_name = excluded.last_name, username = excluded.username,
        telegram_language = excluded.telegram_language, last_seen_at = excluded.last_seen_at, blocked_at = null,
        community_id = coalesce(users.community_id, excluded.community_id)
      returning id, first_name, locale, telegram_language, community_id
    )
    select (select count(*) from claim)::int as claimed,
      m.id::text as id, m.first_name, m.locale, m.telegram_language, m.community_id,
      coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = m.id and r.community_id = m.community_id), '{}') as roles,
      ${stateOf(request.conversationKey)} as conversation
    from member m`,
  );
  if (!row) throw new Error(`admitting update ${request.updateId} returned no row`);
  return {
    claimed: row.claimed === 1,
    member: {
      id: Number(row.id),
      firstName: row.first_name!,
      locale: row.locale,
      telegramLanguage: row.telegram_language,
      communityId: row.community_id,
      roles: parseRoles(row.roles),
    },
    conversationState: row.conversation ?? undefined,
  };
}

/** Both drivers parse a text[] of an enum differently on occasion ("{staff,admin}" vs array). */
function parseRoles(value: AdmitRow["roles"]): GrantedRole[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean) as GrantedRole[];
  return [];
}

/** A conversation state change waiting for the update to finish: a new value, or null to delete. */
export type PendingStateWrites = Map<string, unknown | null>;

/**
 * Finishes an update in one statement: marks it done and writes the conversation state it
 * produced. State and "done" commit together, so a crash leaves either both or neither.
 */
export async function completeUpdate(
  db: Database,
  done: { botId: number; updateId: number; at: Date },
  writes: PendingStateWrites,
): Promise<void> {
  const at = done.at.toISOString();
  const ctes: SQL[] = [
    sql`done as (update ${processedUpdates} set status = 'done', finished_at = ${at}::timestamptz
      where bot_id = ${done.botId} and update_id = ${done.updateId} returning 1)`,
  ];
  let i = 0;
  for (const [key, value] of writes) {
    const name = sql.raw(`state_${i++}`);
    ctes.push(
      value === null
        ? sql`${name} as (delete from ${conversationStates} where key = ${key} returning 1)`
        : sql`${name} as (insert into ${conversationStates} (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, ${at}::timestamptz)
            on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at returning 1)`,
    );
  }
  await db.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
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
