import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { userRoles, users, type GrantedRole } from "../../db/schema/index.js";
import { recordAudit } from "./audit.js";

export interface TeamMember {
  userId: number;
  name: string;
  username: string | null;
  roles: GrantedRole[];
}

/** Everyone holding a granted role in the community, with their roles. */
export async function listTeam(db: Database, communityId: number): Promise<TeamMember[]> {
  const rows = await db
    .select({ userId: users.id, firstName: users.firstName, lastName: users.lastName, username: users.username, role: userRoles.role })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.communityId, communityId))
    .orderBy(asc(users.firstName), asc(users.id), asc(userRoles.role));
  const team = new Map<number, TeamMember>();
  for (const row of rows) {
    const member = team.get(row.userId) ?? {
      userId: row.userId,
      name: [row.firstName, row.lastName].filter(Boolean).join(" "),
      username: row.username,
      roles: [],
    };
    member.roles.push(row.role);
    team.set(row.userId, member);
  }
  return [...team.values()];
}

export type RevokeResult = { ok: true } | { ok: false; reason: "not-held" | "last-admin" | "self" };

/** Takes a role away; an admin cannot revoke their own admin role nor leave the community without one. */
export async function revokeRole(
  db: Database,
  input: { communityId: number; userId: number; role: GrantedRole; actorId: number; at: Date },
): Promise<RevokeResult> {
  if (input.userId === input.actorId && input.role === "admin") return { ok: false, reason: "self" };
  return db.transaction(async (tx) => {
    if (input.role === "admin") {
      const admins = await tx
        .select({ userId: userRoles.userId })
        .from(userRoles)
        .where(and(eq(userRoles.communityId, input.communityId), eq(userRoles.role, "admin")))
        .for("update");
      if (admins.length <= 1) return { ok: false, reason: "last-admin" } as const;
    }
    const removed = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.communityId, input.communityId), eq(userRoles.userId, input.userId), eq(userRoles.role, input.role)))
      .returning();
    if (removed.length === 0) return { ok: false, reason: "not-held" } as const;
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "role.revoke",
      subject: `user:${input.userId}`,
      before: { role: input.role },
      after: null,
      at: input.at,
    });
    return { ok: true } as const;
  });
}
