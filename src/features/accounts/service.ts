import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { communities, type Community, userRoles, users, type GrantedRole } from "../../db/schema/index.js";
import { DEFAULT_TIMEZONE } from "../../time.js";

/** What every handler knows about the person behind an update. */
export interface Member {
  id: number;
  firstName: string;
  locale: string | null;
  telegramLanguage: string | null;
  communityId: number | null;
  /** Granted roles in the member's own community; resident is implicit. */
  roles: GrantedRole[];
}

export interface TelegramProfile {
  id: number;
  firstName: string;
  lastName?: string | undefined;
  username?: string | undefined;
  languageCode?: string | undefined;
}

export const DEFAULT_COMMUNITY_SLUG = "default";

/** The default community mirrors config on every start, so a renamed community shows at once. */
export async function ensureCommunity(db: Database, input: { slug: string; name: string; timezone: string }): Promise<Community> {
  const [row] = await db
    .insert(communities)
    .values(input)
    .onConflictDoUpdate({ target: communities.slug, set: { name: input.name, timezone: input.timezone } })
    .returning();
  return row!;
}

/** The community's time zone, for showing dates; the default zone when unknown. */
export async function timezoneOf(db: Database, communityId: number | null | undefined): Promise<string> {
  if (communityId == null) return DEFAULT_TIMEZONE;
  return (await findCommunity(db, communityId))?.timezone ?? DEFAULT_TIMEZONE;
}

export function listCommunities(db: Database): Promise<Community[]> {
  return db.select().from(communities).orderBy(asc(communities.id));
}

export async function findCommunity(db: Database, id: number): Promise<Community | undefined> {
  const [row] = await db.select().from(communities).where(eq(communities.id, id));
  return row;
}

/**
 * Records that a user wrote to us: creates or refreshes the row, and clears "blocked" since
 * they are evidently talking to the bot. A new user joins the community at once when the
 * deployment has exactly one; with several, /start asks. The update intake does the same for a
 * whole batch inside its one statement, through upsertUsersFrom.
 */
export async function recordUser(db: Database, profile: TelegramProfile, at: Date): Promise<Member> {
  const input = [
    {
      user_id: profile.id,
      first_name: profile.firstName,
      last_name: profile.lastName ?? null,
      username: profile.username ?? null,
      language: profile.languageCode ?? null,
      at: at.toISOString(),
    },
  ];
  const [row] = await queryRows<UpsertedUser>(
    db,
    sql`with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(user_id bigint, first_name text, last_name text, username text, language text, at timestamptz)
    ), member as (${upsertUsersFrom(sql`input`)})
    select id::text as id, first_name, locale, telegram_language, community_id from member`,
  );
  const member = upsertedMember(row!);
  return { ...member, roles: await rolesOf(db, member.id, member.communityId) };
}

/** A row of upsertUsersFrom's answer (ids as text: bigint comes back as a string from postgres.js). */
interface UpsertedUser {
  id: string;
  first_name: string;
  locale: string | null;
  telegram_language: string | null;
  community_id: number | null;
}

function upsertedMember(row: UpsertedUser): Omit<Member, "roles"> {
  return { id: Number(row.id), firstName: row.first_name, locale: row.locale, telegramLanguage: row.telegram_language, communityId: row.community_id };
}

/**
 * The one user upsert: from a relation `source` with columns user_id, first_name, last_name,
 * username, language and at (rows without user_id are skipped), creates or refreshes each user
 * as recordUser describes, in id order (two batches sharing users lock them in the same order),
 * returning id, first_name, locale, telegram_language and community_id. A fragment, so the update
 * intake can run it inside its single statement.
 */
export function upsertUsersFrom(source: SQL): SQL {
  return sql`insert into ${users} (id, first_name, last_name, username, telegram_language, community_id, first_seen_at, last_seen_at)
      select user_id, first_name, last_name, username, language,
             (select id from ${communities} where (select count(*) from ${communities}) = 1), at, at
      from ${source} where user_id is not null order by user_id
      on conflict (id) do update set
        first_name = excluded.first_name, last_name = excluded.last_name, username = excluded.username,
        telegram_language = excluded.telegram_language, last_seen_at = excluded.last_seen_at, blocked_at = null,
        community_id = coalesce(${users}.community_id, excluded.community_id)
      returning id, first_name, locale, telegram_language, community_id`;
}

export async function findMember(db: Database, id: number): Promise<Member | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toMember(row, await rolesOf(db, row.id, row.communityId)) : undefined;
}

async function rolesOf(db: Database, userId: number, communityId: number | null): Promise<GrantedRole[]> {
  if (communityId === null) return [];
  const rows = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.communityId, communityId)))
    .orderBy(asc(userRoles.role));
  return rows.map((r) => r.role);
}

function toMember(row: typeof users.$inferSelect, roles: GrantedRole[]): Member {
  return {
    id: row.id,
    firstName: row.firstName,
    locale: row.locale,
    telegramLanguage: row.telegramLanguage,
    communityId: row.communityId,
    roles,
  };
}

/**
 * ADMIN_TELEGRAM_IDS are admins of the default community. Runs for a listed user who lacks the
 * role (normally once, on their first update) so config alone can bootstrap a deployment.
 */
export async function bootstrapAdmin(db: Database, userId: number, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [home] = await tx.select().from(communities).where(eq(communities.slug, DEFAULT_COMMUNITY_SLUG));
    if (!home) return;
    await tx
      .update(users)
      .set({ communityId: sql`coalesce(${users.communityId}, ${home.id})` })
      .where(eq(users.id, userId));
    const [user] = await tx.select({ communityId: users.communityId }).from(users).where(eq(users.id, userId));
    if (!user || user.communityId !== home.id) return; // an admin of config belongs to the default community
    await tx.insert(userRoles).values({ userId, communityId: home.id, role: "admin", grantedAt: at }).onConflictDoNothing();
  });
}

export async function setLocale(db: Database, userId: number, locale: string): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export type JoinResult =
  | { ok: true; community: Community /** false when this very join had already happened */; joinedNow: boolean }
  | { ok: false; reason: "unknown-community" | "already-member" };

/**
 * A resident joins once. Switching later would move their history and their staff to another
 * community, so it is refused here and left to staff. Joining the same community twice (two
 * presses of one button reaching two instances) reports joinedNow=false the second time.
 */
export async function joinCommunity(db: Database, userId: number, communityId: number): Promise<JoinResult> {
  return db.transaction(async (tx) => {
    const [community] = await tx.select().from(communities).where(eq(communities.id, communityId));
    if (!community) return { ok: false, reason: "unknown-community" } as const;
    const updated = await tx
      .update(users)
      .set({ communityId })
      .where(and(eq(users.id, userId), isNull(users.communityId)))
      .returning({ id: users.id });
    if (updated.length === 1) return { ok: true, community, joinedNow: true } as const;
    const [current] = await tx.select({ communityId: users.communityId }).from(users).where(eq(users.id, userId));
    if (current?.communityId === communityId) return { ok: true, community, joinedNow: false } as const;
    return { ok: false, reason: "already-member" } as const;
  });
}

export async function grantRole(
  db: Database,
  input: { userId: number; communityId: number; role: GrantedRole; grantedBy: number | null; at: Date },
): Promise<void> {
  await db
    .insert(userRoles)
    .values({
      userId: input.userId,
      communityId: input.communityId,
      role: input.role,
      grantedBy: input.grantedBy,
      grantedAt: input.at,
    })
    .onConflictDoNothing();
}

/** Telegram told us (my_chat_member) the user blocked or unblocked the bot. */
export async function setBlocked(db: Database, userId: number, at: Date | null): Promise<void> {
  await db.update(users).set({ blockedAt: at }).where(eq(users.id, userId));
}

/** Members holding any granted role, with their roles, for per-chat command menus. */
export async function listPrivilegedMembers(
  db: Database,
): Promise<Array<{ userId: number; locale: string | null; telegramLanguage: string | null; roles: GrantedRole[] }>> {
  const rows = await db
    .select({ userId: users.id, locale: users.locale, telegramLanguage: users.telegramLanguage, role: userRoles.role })
    .from(userRoles)
    .innerJoin(users, and(eq(users.id, userRoles.userId), eq(users.communityId, userRoles.communityId)))
    .orderBy(asc(users.id), asc(userRoles.role));
  const byUser = new Map<number, { userId: number; locale: string | null; telegramLanguage: string | null; roles: GrantedRole[] }>();
  for (const row of rows) {
    const entry = byUser.get(row.userId) ?? { userId: row.userId, locale: row.locale, telegramLanguage: row.telegramLanguage, roles: [] };
    entry.roles.push(row.role);
    byUser.set(row.userId, entry);
  }
  return [...byUser.values()];
}
