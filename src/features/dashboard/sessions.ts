import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { dashboardSessions, dashboardSignIns, userRoles, users, type GrantedRole } from "../../db/schema/index.js";
import { recordAudit } from "../staff/audit.js";

/** A sign-in link is good for this long, once. */
export const SIGN_IN_TTL_MINUTES = 10;
export const DEFAULT_SESSION_HOURS = 12;
/** Who may open the dashboard: inspectors see their own work, staff and admins everything of their community. */
export const dashboardRoles: readonly GrantedRole[] = ["inspector", "staff", "admin"];

const secret = () => randomBytes(24).toString("base64url");
/** Tokens and session ids are stored hashed: a copy of the table signs nobody in. */
const hashOf = (value: string) => createHash("sha256").update(value).digest("base64url");
/** The shape our secrets have; anything else is refused before it reaches the database. */
export const looksLikeSecret = (value: string | undefined): value is string => value !== undefined && /^[A-Za-z0-9_-]{32}$/.test(value);

async function dashboardRolesOf(db: Database, userId: number, communityId: number): Promise<GrantedRole[]> {
  const rows = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    // A person who moved to another community keeps no say in the old one's dashboard.
    .where(and(eq(userRoles.userId, userId), eq(userRoles.communityId, communityId), eq(users.communityId, communityId)));
  return rows.map((r) => r.role).filter((role) => dashboardRoles.includes(role));
}

/** A one-time link for this member, or undefined when their roles do not open the dashboard. */
export async function createSignInLink(
  db: Database,
  input: { userId: number; communityId: number; at: Date },
): Promise<{ token: string; expiresAt: Date } | undefined> {
  if ((await dashboardRolesOf(db, input.userId, input.communityId)).length === 0) return undefined;
  const token = secret();
  const expiresAt = new Date(input.at.getTime() + SIGN_IN_TTL_MINUTES * 60_000);
  await db.insert(dashboardSignIns).values({ tokenHash: hashOf(token), userId: input.userId, communityId: input.communityId, createdAt: input.at, expiresAt });
  return { token, expiresAt };
}

export type SignInPeek =
  | { ok: true; name: string; locale: string | null; telegramLanguage: string | null }
  | { ok: false; reason: "unknown" | "used" | "expired"; language?: PersonLanguage };

/**
 * What a link would do, without using it: the page it opens asks for one press before signing in,
 * so a link-preview robot or a virus scanner fetching the address does not use it up.
 */
export async function peekSignIn(db: Database, token: string | undefined, at: Date): Promise<SignInPeek> {
  if (!looksLikeSecret(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({ link: dashboardSignIns, user: users })
    .from(dashboardSignIns)
    .innerJoin(users, eq(users.id, dashboardSignIns.userId))
    .where(eq(dashboardSignIns.tokenHash, hashOf(token)));
  if (!row) return { ok: false, reason: "unknown" };
  const { user } = row;
  const language = { locale: user.locale, telegramLanguage: user.telegramLanguage };
  if (row.link.usedAt) return { ok: false, reason: "used", language };
  if (row.link.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: "expired", language };
  return { ok: true, name: [user.firstName, user.lastName].filter(Boolean).join(" "), locale: user.locale, telegramLanguage: user.telegramLanguage };
}

export type SignInResult =
  | { ok: true; sessionId: string; expiresAt: Date }
  | { ok: false; reason: "unknown" | "used" | "expired" | "not-allowed"; language?: PersonLanguage };

/**
 * Opens a sign-in link: once (the row is locked, so two tabs opening one link get one session
 * between them), before it expires, for someone who still holds a dashboard role.
 */
export async function redeemSignIn(db: Database, input: { token: string; at: Date; sessionHours: number }): Promise<SignInResult> {
  if (!looksLikeSecret(input.token)) return { ok: false, reason: "unknown" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ link: dashboardSignIns, locale: users.locale, telegramLanguage: users.telegramLanguage })
      .from(dashboardSignIns)
      .innerJoin(users, eq(users.id, dashboardSignIns.userId))
      .where(eq(dashboardSignIns.tokenHash, hashOf(input.token)))
      .for("update", { of: dashboardSignIns });
    if (!row) return { ok: false, reason: "unknown" } as const;
    const { link } = row;
    const language = { locale: row.locale, telegramLanguage: row.telegramLanguage };
    if (link.usedAt) return { ok: false, reason: "used", language } as const;
    if (link.expiresAt.getTime() <= input.at.getTime()) return { ok: false, reason: "expired", language } as const;
    await tx.update(dashboardSignIns).set({ usedAt: input.at }).where(eq(dashboardSignIns.tokenHash, link.tokenHash));
    if ((await dashboardRolesOf(tx, link.userId, link.communityId)).length === 0) return { ok: false, reason: "not-allowed", language } as const;
    const sessionId = secret();
    const expiresAt = new Date(input.at.getTime() + input.sessionHours * 3600_000);
    await tx.insert(dashboardSessions).values({
      idHash: hashOf(sessionId),
      userId: link.userId,
      communityId: link.communityId,
      csrfToken: secret(),
      createdAt: input.at,
      expiresAt,
    });
    await recordAudit(tx, { communityId: link.communityId, actorId: link.userId, action: "dashboard.sign-in", at: input.at });
    return { ok: true, sessionId, expiresAt } as const;
  });
}

export interface DashboardSession {
  userId: number;
  communityId: number;
  csrfToken: string;
  expiresAt: Date;
  /** The language picked on the dashboard, if any. */
  sessionLocale: string | null;
  roles: GrantedRole[];
  name: string;
  locale: string | null;
  telegramLanguage: string | null;
}

/** The language a refusal speaks when the person is known: their choice on the dashboard, else in the bot. */
export interface PersonLanguage {
  locale: string | null;
  telegramLanguage: string | null;
  sessionLocale?: string | null;
}

export type SessionResult =
  | { ok: true; session: DashboardSession }
  | { ok: false; reason: "none" | "expired" | "ended" | "revoked"; language?: PersonLanguage };

/**
 * The session a cookie names, with the member's roles as they are now: a session whose person
 * lost every dashboard role is ended on the spot (and stays ended if the role comes back).
 */
export async function loadSession(db: Database, sessionId: string | undefined, at: Date): Promise<SessionResult> {
  if (!looksLikeSecret(sessionId)) return { ok: false, reason: "none" };
  const [row] = await db
    .select({ session: dashboardSessions, user: users })
    .from(dashboardSessions)
    .innerJoin(users, eq(users.id, dashboardSessions.userId))
    .where(eq(dashboardSessions.idHash, hashOf(sessionId)));
  if (!row) return { ok: false, reason: "none" };
  const { session, user } = row;
  const language = { locale: user.locale, telegramLanguage: user.telegramLanguage, sessionLocale: session.locale };
  if (session.endedAt) return { ok: false, reason: "ended", language };
  if (session.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: "expired", language };
  const roles = await dashboardRolesOf(db, session.userId, session.communityId);
  if (roles.length === 0) {
    await db
      .update(dashboardSessions)
      .set({ endedAt: at, endReason: "revoked" })
      .where(and(eq(dashboardSessions.idHash, session.idHash), isNull(dashboardSessions.endedAt)));
    return { ok: false, reason: "revoked", language };
  }
  return {
    ok: true,
    session: {
      userId: session.userId,
      communityId: session.communityId,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
      sessionLocale: session.locale,
      roles,
      name: [user.firstName, user.lastName].filter(Boolean).join(" "),
      locale: user.locale,
      telegramLanguage: user.telegramLanguage,
    },
  };
}

/** Logout: the cookie no longer opens anything, whoever kept a copy of it. */
export async function endSession(db: Database, sessionId: string, at: Date): Promise<void> {
  if (!looksLikeSecret(sessionId)) return;
  await db
    .update(dashboardSessions)
    .set({ endedAt: at, endReason: "logout" })
    .where(and(eq(dashboardSessions.idHash, hashOf(sessionId)), isNull(dashboardSessions.endedAt)));
}

/** The dashboard's language for this browser (the bot keeps speaking the person's own choice). */
export async function setSessionLocale(db: Database, sessionId: string, locale: string): Promise<void> {
  if (!looksLikeSecret(sessionId)) return;
  await db
    .update(dashboardSessions)
    .set({ locale })
    .where(eq(dashboardSessions.idHash, hashOf(sessionId)));
}

/** Drops used or expired links and sessions past their end a day ago (nothing reads them after). */
export async function pruneSignIns(db: Database, at: Date): Promise<void> {
  const dayAgo = new Date(at.getTime() - 86_400_000);
  await db.delete(dashboardSignIns).where(lt(dashboardSignIns.expiresAt, dayAgo));
  await db.delete(dashboardSessions).where(or(lt(dashboardSessions.expiresAt, dayAgo), lt(dashboardSessions.endedAt, dayAgo)));
}
