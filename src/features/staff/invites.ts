import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, invites, userRoles, users, type GrantedRole } from "../../db/schema/index.js";
import { recordAudit } from "./audit.js";

export const INVITE_TTL_HOURS = 48;
/** Deep-link payloads are limited to 64 characters of A-Z a-z 0-9 _ -. */
export const INVITE_PREFIX = "inv_";

export async function createInvite(
  db: Database,
  input: { communityId: number; role: GrantedRole; createdBy: number; at: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(16).toString("base64url");
  const expiresAt = new Date(input.at.getTime() + INVITE_TTL_HOURS * 3600_000);
  await db.transaction(async (tx) => {
    await tx.insert(invites).values({ token, communityId: input.communityId, role: input.role, createdBy: input.createdBy, createdAt: input.at, expiresAt });
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.createdBy,
      action: "invite.create",
      after: { role: input.role, expiresAt },
      at: input.at,
    });
  });
  return { token, expiresAt };
}

export type RedeemResult =
  | { ok: true; role: GrantedRole; communityId: number; communityName: string }
  | { ok: false; reason: "unknown" | "used" | "expired" | "other-community" };

/**
 * Opens an invite: once, before it expires, for someone who belongs to no other community.
 * The row lock makes two people opening one link at once get one role between them.
 */
export async function redeemInvite(db: Database, input: { token: string; userId: number; at: Date }): Promise<RedeemResult> {
  return db.transaction(async (tx) => {
    const [invite] = await tx.select().from(invites).where(eq(invites.token, input.token)).for("update");
    if (!invite) return { ok: false, reason: "unknown" } as const;
    if (invite.usedAt) return { ok: false, reason: "used" } as const;
    if (invite.expiresAt.getTime() <= input.at.getTime()) return { ok: false, reason: "expired" } as const;
    const joined = await tx
      .update(users)
      .set({ communityId: sql`coalesce(${users.communityId}, ${invite.communityId})` })
      .where(and(eq(users.id, input.userId)))
      .returning({ communityId: users.communityId });
    if (joined[0]?.communityId !== invite.communityId) return { ok: false, reason: "other-community" } as const;
    await tx
      .update(invites)
      .set({ usedBy: input.userId, usedAt: input.at })
      .where(and(eq(invites.token, input.token), isNull(invites.usedAt)));
    await tx
      .insert(userRoles)
      .values({ userId: input.userId, communityId: invite.communityId, role: invite.role, grantedBy: invite.createdBy, grantedAt: input.at })
      .onConflictDoNothing();
    await recordAudit(tx, {
      communityId: invite.communityId,
      actorId: input.userId,
      action: "invite.redeem",
      subject: `user:${input.userId}`,
      after: { role: invite.role, invitedBy: invite.createdBy },
      at: input.at,
    });
    const [community] = await tx.select({ name: communities.name }).from(communities).where(eq(communities.id, invite.communityId));
    return { ok: true, role: invite.role, communityId: invite.communityId, communityName: community?.name ?? "" } as const;
  });
}
