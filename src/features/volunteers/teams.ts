import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { communities, teamMembers, teams, userRoles, users, volunteerProfiles } from "../../db/schema/index.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { decideMembership } from "./buttons.js";
import { membershipLifecycle, NEW_MEMBERSHIP } from "./membership-lifecycle.js";
import { checkName } from "./service.js";
import { recordAudit } from "../staff/audit.js";

/** The name a volunteer chose to show, else their Telegram first name: what other volunteers see. */
const shownName = () => sql<string>`coalesce(${volunteerProfiles.displayName}, ${users.firstName})`;

/**
 * True when the person is an approved member of the team or leads it: the events core asks this
 * for an event open to one team only.
 */
export async function isTeamMember(db: Database, teamId: number, userId: number): Promise<boolean> {
  const [row] = await queryRows<{ yes: boolean }>(
    db,
    sql`
    select exists (select 1 from ${teamMembers} where team_id = ${teamId} and user_id = ${userId} and status = 'approved')
        or exists (select 1 from ${teams} where id = ${teamId} and leader_id = ${userId}) as yes`,
  );
  return row?.yes === true;
}

export type CreateTeamResult = { ok: true; teamId: number } | { ok: false; reason: "empty" | "too-long" | "taken" };

export async function createTeam(db: Database, input: { communityId: number; name: string; createdBy: number; at: Date }): Promise<CreateTeamResult> {
  const checked = checkName(input.name);
  if (!checked.ok) return checked;
  const [row] = await db
    .insert(teams)
    .values({ communityId: input.communityId, name: checked.name, createdBy: input.createdBy, createdAt: input.at })
    .onConflictDoNothing()
    .returning({ id: teams.id });
  return row ? { ok: true, teamId: row.id } : { ok: false, reason: "taken" };
}

/** The leader must be a volunteer of the community (staff may lead too). */
export async function setLeader(db: Database, input: { teamId: number; communityId: number; userId: number }): Promise<{ ok: boolean }> {
  const eligible = await db.$count(userRoles, and(eq(userRoles.userId, input.userId), eq(userRoles.communityId, input.communityId)));
  if (eligible === 0) return { ok: false };
  const updated = await db
    .update(teams)
    .set({ leaderId: input.userId })
    .where(and(eq(teams.id, input.teamId), eq(teams.communityId, input.communityId)))
    .returning({ id: teams.id });
  return { ok: updated.length > 0 };
}

/** Volunteers who may be made leader, by the name they show. */
export async function leaderCandidates(db: Database, communityId: number) {
  return db
    .select({ userId: users.id, name: shownName() })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(and(eq(userRoles.communityId, communityId), eq(userRoles.role, "volunteer")))
    .orderBy(asc(users.id))
    .limit(30);
}

/** Every team of the community with its leader's name, its member count and the person's own standing. */
export async function listTeams(db: Database, communityId: number, userId: number) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      leader: sql<
        string | null
      >`(select coalesce(p.display_name, u.first_name) from users u left join volunteer_profiles p on p.user_id = u.id where u.id = ${teams.leaderId})`,
      members: sql<number>`(select count(*)::int from team_members m where m.team_id = ${teams.id} and m.status = 'approved')`,
      mine: sql<
        string | null
      >`(select m.status from team_members m where m.team_id = ${teams.id} and m.user_id = ${userId} and m.status in ('pending', 'approved'))`,
      leads: sql<boolean>`${teams.leaderId} = ${userId}`,
    })
    .from(teams)
    .where(eq(teams.communityId, communityId))
    .orderBy(asc(teams.name));
}

export type JoinResult = { ok: true; toStaff: boolean } | { ok: false; reason: "not-found" | "already" };

/** The request reaches the leader (or the staff group while the team has none) with Approve / Decline. */
export async function askToJoin(db: Database, input: { teamId: number; communityId: number; userId: number; at: Date }): Promise<JoinResult> {
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.communityId, input.communityId)));
    if (!team) return { ok: false, reason: "not-found" } as const;
    if (team.leaderId === input.userId) return { ok: false, reason: "already" } as const;
    const [created] = await tx
      .insert(teamMembers)
      .values({ teamId: team.id, userId: input.userId, status: NEW_MEMBERSHIP, requestedAt: input.at })
      .onConflictDoNothing()
      .returning({ id: teamMembers.id });
    if (!created) return { ok: false, reason: "already" } as const;
    const [who] = await tx
      .select({ name: shownName() })
      .from(users)
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
      .where(eq(users.id, input.userId));
    const [community] = await tx.select({ group: communities.staffGroupChatId }).from(communities).where(eq(communities.id, input.communityId));
    const to = team.leaderId ?? community?.group;
    if (to) {
      const buttons = [
        [
          { key: "volunteers-approve", data: decideMembership.pack({ id: created.id, decision: "a" }) },
          { key: "volunteers-decline", data: decideMembership.pack({ id: created.id, decision: "d" }) },
        ],
      ];
      await enqueueMessages(tx, [notice(to, { key: "teams-request", vars: { name: who?.name ?? "—", team: team.name }, buttons })], input.at);
    }
    return { ok: true, toStaff: !team.leaderId } as const;
  });
}

/** A membership with its team and the member's shown name, locked for a decision on it. */
async function lockMembership(tx: Database, membershipId: number) {
  const [row] = await tx
    .select({ m: teamMembers, team: teams, name: shownName() })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(eq(teamMembers.id, membershipId))
    .for("update", { of: teamMembers });
  return row;
}

export type MembershipDecision = { ok: true; team: string; name: string } | { ok: false; reason: "not-found" | "not-yours" | "already-decided" };

/** The team's leader or staff (`isStaff`, the caller's role checked on the press) decide a request. */
export async function decideJoin(
  db: Database,
  input: { membershipId: number; communityId: number; decision: "approve" | "decline"; actorId: number; isStaff: boolean; at: Date },
): Promise<MembershipDecision> {
  return db.transaction(async (tx) => {
    const row = await lockMembership(tx, input.membershipId);
    if (!row || row.team.communityId !== input.communityId) return { ok: false, reason: "not-found" } as const;
    if (!input.isStaff && row.team.leaderId !== input.actorId) return { ok: false, reason: "not-yours" } as const;
    if (!membershipLifecycle.can(row.m.status, input.decision)) return { ok: false, reason: "already-decided" } as const;
    const status = membershipLifecycle.next(row.m.status, input.decision);
    await tx.update(teamMembers).set({ status, decidedBy: input.actorId, decidedAt: input.at }).where(eq(teamMembers.id, row.m.id));
    const key = status === "approved" ? "teams-approved" : "teams-declined";
    await enqueueMessages(tx, [notice(row.m.userId, { key, vars: { team: row.team.name } })], input.at);
    return { ok: true, team: row.team.name, name: row.name } as const;
  });
}

/** The teams a person leads (staff: every team) with their members; phones only for staff. */
export async function teamRosters(db: Database, input: { communityId: number; userId: number; isStaff: boolean }) {
  const led = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.communityId, input.communityId), input.isStaff ? sql`true` : eq(teams.leaderId, input.userId)))
    .orderBy(asc(teams.name));
  const rosters = [];
  for (const team of led) {
    const members = await db
      .select({ membershipId: teamMembers.id, name: shownName(), firstName: users.firstName, lastName: users.lastName, phone: volunteerProfiles.phone })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.status, "approved")))
      .orderBy(asc(teamMembers.id));
    rosters.push({
      ...team,
      members: members.map((m) => ({
        membershipId: m.membershipId,
        name: m.name,
        ...(input.isStaff ? { realName: [m.firstName, m.lastName].filter(Boolean).join(" "), phone: m.phone } : {}),
      })),
    });
  }
  return rosters;
}

export type RemoveResult = { ok: true; team: string; name: string } | { ok: false; reason: "not-found" | "not-yours" | "not-member" };

/**
 * The team's leader or staff (`isStaff`, the role checked on the press) remove a member: the
 * membership moves to left through its lifecycle, the person is told in their language, and the
 * removal is audited, all in one transaction.
 */
export async function removeTeamMember(
  db: Database,
  input: { membershipId: number; communityId: number; actorId: number; isStaff: boolean; at: Date },
): Promise<RemoveResult> {
  return db.transaction(async (tx) => {
    const row = await lockMembership(tx, input.membershipId);
    if (!row || row.team.communityId !== input.communityId) return { ok: false, reason: "not-found" } as const;
    if (!input.isStaff && row.team.leaderId !== input.actorId) return { ok: false, reason: "not-yours" } as const;
    if (!membershipLifecycle.can(row.m.status, "remove")) return { ok: false, reason: "not-member" } as const;
    const status = membershipLifecycle.next(row.m.status, "remove");
    await tx.update(teamMembers).set({ status, decidedBy: input.actorId, decidedAt: input.at }).where(eq(teamMembers.id, row.m.id));
    await enqueueMessages(tx, [notice(row.m.userId, { key: "teams-removed-notice", vars: { team: row.team.name } })], input.at);
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "team.remove",
      subject: `user:${row.m.userId}`,
      before: { status: row.m.status },
      after: { status, team: row.team.name, teamId: row.team.id },
      at: input.at,
    });
    return { ok: true, team: row.team.name, name: row.name } as const;
  });
}

/** A membership of the community's teams as a removal question names it, or undefined. */
export async function membershipOf(db: Database, membershipId: number, communityId: number): Promise<{ name: string; team: string } | undefined> {
  const [row] = await db
    .select({ name: shownName(), team: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(and(eq(teamMembers.id, membershipId), eq(teams.communityId, communityId)));
  return row;
}
