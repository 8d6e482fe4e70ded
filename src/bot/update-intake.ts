import { sql, type SQL } from "drizzle-orm";
import { batched } from "../db/batch.js";
import { queryRows, type Database } from "../db/client.js";
import { conversationStates, processedUpdates, type GrantedRole } from "../db/schema/index.js";
import { upsertUsersFrom, type Member, type TelegramProfile } from "../features/accounts/service.js";

/**
 * How an update's claim is judged abandoned. An instance that runs the app beats every
 * HEARTBEAT_MS (src/bot/runtime/instance.ts); once its heartbeat is older than staleMs its
 * claims are taken over. A claimer that never beat (a test harness, a one-off script) is
 * judged by the age of its claim instead: FALLBACK_LEASE_MS.
 */
export const HEARTBEAT_MS = 2_000;
export const HEARTBEAT_STALE_MS = 10_000;
export const FALLBACK_LEASE_MS = 60_000;
/** Claims an update may have before it is parked instead of run again. */
export const MAX_ATTEMPTS = 6;
/** The wait before the n-th retry: 2, 4, 8, 16, 32 s (a 20-second outage fits), at most a minute. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** Math.max(1, attempts), 60) * 1000;

export interface LedgerTiming {
  staleMs: number;
  fallbackLeaseMs: number;
}
export const DEFAULT_LEDGER_TIMING: LedgerTiming = { staleMs: HEARTBEAT_STALE_MS, fallbackLeaseMs: FALLBACK_LEASE_MS };

/** SQL: the claim on row `p` belongs to a process that is gone (`at` is the claimer's clock). */
export function claimerGone(p: string, at: SQL, timing: LedgerTiming): SQL {
  const row = sql.raw(p);
  return sql`(not exists (select 1 from bot_instances b where b.id = ${row}.claimed_by
                and b.heartbeat_at > now() - make_interval(secs => ${timing.staleMs / 1000})))
             and (${row}.claimed_at < ${at} - make_interval(secs => ${timing.fallbackLeaseMs / 1000})
                  or exists (select 1 from bot_instances b where b.id = ${row}.claimed_by))`;
}

export interface AdmitRequest {
  botId: number;
  updateId: number;
  at: Date;
  /** The instance claiming it (bot_instances.id, or any id for a process without heartbeat). */
  instanceId: string;
  /** The update itself, kept until it is done so a retry or another instance can run it. */
  payload: unknown;
  /** The chat it belongs to (chatKeyOf): an earlier open update of the chat holds this one back. */
  chatKey?: string | undefined;
  /** Recovery of this instance's own claim whose failure could not be recorded (outage). */
  reclaim?: boolean | undefined;
  /** The sender of a private-chat update: created or refreshed in the same statement. */
  profile?: TelegramProfile | undefined;
  /** The sender's conversation key, prefetched so the conversation plugin need not ask. */
  conversationKey?: string | undefined;
}

export interface Admission {
  /** False when the update was handled already, or is being handled elsewhere: skip it. */
  claimed: boolean;
  /** Which claim this is: 1 the first time, more when a failure or a dead process is retried. */
  attempt: number;
  /** Steps an earlier run of this update recorded as done (see recordStep). */
  doneSteps: string[];
  member?: Member | undefined;
  /** The stored state under conversationKey: undefined when there is none. */
  conversationState?: unknown;
}

interface AdmitRow {
  update_id: string;
  claimed: boolean;
  attempts: number | null;
  done_steps: string[] | string | null;
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
export async function admitUpdates(db: Database, requests: readonly AdmitRequest[], timing = DEFAULT_LEDGER_TIMING): Promise<Admission[]> {
  const input = requests.map((r) => ({
    bot_id: r.botId,
    update_id: r.updateId,
    at: r.at.toISOString(),
    instance: r.instanceId,
    payload: r.payload ?? null,
    reclaim: r.reclaim === true,
    chat_key: r.chatKey ?? null,
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
        instance text, payload jsonb, reclaim boolean, chat_key text, user_id bigint, first_name text, last_name text, username text, language text, state_key text)
    ), checked as (
      -- Held back: an earlier update of the same chat is held by another instance (running
      -- there, or left by a dead one and not yet taken over). This one waits as "received" and
      -- recovery runs it after that one. What this instance holds itself, sequentialize already
      -- runs in order. A failed one does not hold its chat back: its user was told, and may go on.
      select i.*, exists (
        select 1 from ${processedUpdates} e
        where e.bot_id = i.bot_id and e.chat_key = i.chat_key and e.update_id < i.update_id
          and e.status in ('received', 'processing') and e.claimed_by is distinct from i.instance
      ) as blocked
      from input i
    ), claim as (
      insert into ${processedUpdates} as p (bot_id, update_id, status, claimed_at, claimed_by, attempts, payload, chat_key)
      select bot_id, update_id, case when blocked then 'received' else 'processing' end, at, instance,
             case when blocked then 0 else 1 end, payload, chat_key
      from checked order by bot_id, update_id
      on conflict (bot_id, update_id) do update set status = 'processing', claimed_at = excluded.claimed_at,
        claimed_by = excluded.claimed_by, attempts = p.attempts + 1, finished_at = null, next_attempt_at = null,
        payload = coalesce(p.payload, excluded.payload), chat_key = coalesce(p.chat_key, excluded.chat_key)
      where excluded.status = 'processing' and (p.status in ('received', 'failed')
         or (p.status = 'processing' and (
              (p.claimed_by = excluded.claimed_by
               and exists (select 1 from input r where r.bot_id = excluded.bot_id and r.update_id = excluded.update_id and r.reclaim))
              or ${claimerGone("p", sql`excluded.claimed_at`, timing)})))
      returning bot_id, update_id, attempts, done_steps, status
    ), member as (${upsertUsersFrom(sql`input`)})
    select i.update_id::text as update_id, coalesce(c.status = 'processing', false) as claimed, c.attempts, c.done_steps,
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
      attempt: row.attempts ?? 0,
      doneSteps: parseTextArray(row.done_steps),
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
  return parseTextArray(value) as GrantedRole[];
}

function parseTextArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string")
    return value
      .replace(/^\{|\}$/g, "")
      .split(",")
      .filter(Boolean);
  return [];
}

/** Records that a step of an update is done, so a run of it again skips the step. */
export async function recordStep(db: Database, step: { botId: number; updateId: number; name: string }): Promise<void> {
  await db.execute(
    sql`update ${processedUpdates} set done_steps = array_append(done_steps, ${step.name})
        where bot_id = ${step.botId} and update_id = ${step.updateId} and not (${step.name} = any(done_steps))`,
  );
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
  const writes = finished.flatMap((f) => [...f.writes].map(([key, value]) => ({ key, remove: value === null, value: value ?? null, at: f.at.toISOString() })));
  await db.execute(
    sql`with done as (
      update ${processedUpdates} p set status = 'done', finished_at = d.at, payload = null, chat_key = null, last_error = null
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
export function updateLedger(db: Database, timing = DEFAULT_LEDGER_TIMING) {
  const MAX_BATCH = 100;
  return {
    admit: batched<AdmitRequest, Admission>((requests) => admitUpdates(db, requests, timing), {
      maxSize: MAX_BATCH,
      conflicts: (a, b) =>
        (a.botId === b.botId && a.updateId === b.updateId) ||
        (a.profile !== undefined && a.profile.id === b.profile?.id) ||
        (a.conversationKey !== undefined && a.conversationKey === b.conversationKey),
    }),
    complete: batched<FinishedUpdate, void>(
      async (finished) => {
        await completeUpdates(db, finished);
        return finished.map(() => undefined);
      },
      {
        maxSize: MAX_BATCH,
        conflicts: (a, b) => (a.botId === b.botId && a.updateId === b.updateId) || [...a.writes.keys()].some((key) => b.writes.has(key)),
      },
    ),
    fail: (failed: FailedUpdate) => failUpdate(db, failed),
  };
}

export interface FailedUpdate {
  botId: number;
  updateId: number;
  instanceId: string;
  at: Date;
  /** What failed, without its message: an error class and code. */
  errorKind: string;
}

/**
 * The handler failed: the update is retried after retryDelayMs, or parked once it had
 * MAX_ATTEMPTS claims. Conversation state is not written. Returns what became of it.
 */
export async function failUpdate(db: Database, failed: FailedUpdate): Promise<"failed" | "parked" | "gone"> {
  const at = failed.at.toISOString();
  const rows = await queryRows<{ status: "failed" | "parked" }>(
    db,
    sql`update ${processedUpdates} set
          status = case when attempts >= ${MAX_ATTEMPTS} then 'parked' else 'failed' end,
          next_attempt_at = ${at}::timestamptz + make_interval(secs => least(power(2, greatest(attempts, 1)), 60)),
          last_error = ${failed.errorKind.slice(0, 200)}, finished_at = ${at}::timestamptz
        where bot_id = ${failed.botId} and update_id = ${failed.updateId}
          and status = 'processing' and claimed_by = ${failed.instanceId}
        returning status`,
  );
  return rows[0]?.status ?? "gone";
}
