import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, freeTimes, teamMembers, teams, userRoles, volunteerApplications, volunteerProfiles, type FreeTime } from "../../db/schema/index.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { grantRole } from "../accounts/service.js";
import { applicationLifecycle, NEW_APPLICATION } from "./application-lifecycle.js";
import { volunteerCard } from "./card.js";
import { membershipLifecycle } from "./membership-lifecycle.js";

/** Long enough for 欧阳娜娜 or "Mrs. Chen (Building 3)", short enough for a roster line. */
export const NAME_MAX = 30;

export interface ProfileInput {
  displayName: string;
  interestIds: number[];
  freeTimes: FreeTime[];
  phone: string | null;
}

export type NameCheck = { ok: true; name: string } | { ok: false; reason: "empty" | "too-long" };

export function checkName(text: string): NameCheck {
  const name = text.trim().replace(/\s+/g, " ");
  if (name.length === 0) return { ok: false, reason: "empty" };
  if ([...name].length > NAME_MAX) return { ok: false, reason: "too-long" };
  return { ok: true, name };
}

export async function findProfile(db: Database, userId: number) {
  const [row] = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  return row;
}

async function writeProfile(tx: Database, userId: number, communityId: number, input: ProfileInput, at: Date): Promise<void> {
  const values = {
    displayName: input.displayName,
    interestIds: input.interestIds,
    freeTimes: input.freeTimes.filter((t) => (freeTimes as readonly string[]).includes(t)),
    phone: input.phone,
    updatedAt: at,
  };
  await tx
    .insert(volunteerProfiles)
    .values({ userId, communityId, ...values })
    .onConflictDoUpdate({ target: volunteerProfiles.userId, set: values });
}

/** A volunteer (by invite or approval) fills in or edits their profile. */
export async function saveProfile(db: Database, input: { userId: number; communityId: number; profile: ProfileInput; at: Date }): Promise<void> {
  await writeProfile(db, input.userId, input.communityId, input.profile, input.at);
}

async function isVolunteer(db: Database, userId: number, communityId: number): Promise<boolean> {
  return (await db.$count(userRoles, and(eq(userRoles.userId, userId), eq(userRoles.communityId, communityId), eq(userRoles.role, "volunteer")))) > 0;
}

export type ApplyResult = { ok: true; applicationId: number; toStaff: boolean } | { ok: false; reason: "already-volunteer" | "pending" };

/** Why /volunteer cannot start now, checked before the questions and again when it is sent. */
export async function applyRefusal(db: Database, userId: number, communityId: number): Promise<"already-volunteer" | "pending" | undefined> {
  if (await isVolunteer(db, userId, communityId)) return "already-volunteer";
  const pending = await db.$count(
    volunteerApplications,
    and(eq(volunteerApplications.userId, userId), eq(volunteerApplications.communityId, communityId), eq(volunteerApplications.status, NEW_APPLICATION)),
  );
  return pending > 0 ? "pending" : undefined;
}

/**
 * The application, its profile and its card in the staff group, in one transaction: staff see
 * exactly the applications that exist. Without a staff group the application waits all the same.
 */
export async function applyToVolunteer(db: Database, input: { userId: number; communityId: number; profile: ProfileInput; at: Date }): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const refusal = await applyRefusal(tx, input.userId, input.communityId);
    if (refusal) return { ok: false, reason: refusal } as const;
    await writeProfile(tx, input.userId, input.communityId, input.profile, input.at);
    const [created] = await tx
      .insert(volunteerApplications)
      .values({ communityId: input.communityId, userId: input.userId, status: NEW_APPLICATION, createdAt: input.at })
      .onConflictDoNothing()
      .returning({ id: volunteerApplications.id });
    if (!created) return { ok: false, reason: "pending" } as const; // a second press raced this one
    const [community] = await tx.select({ group: communities.staffGroupChatId }).from(communities).where(eq(communities.id, input.communityId));
    if (community?.group) await enqueueMessages(tx, [volunteerCard(community.group, created.id)], input.at);
    return { ok: true, applicationId: created.id, toStaff: !!community?.group } as const;
  });
}

export type DecideResult = { ok: true; userId: number } | { ok: false; reason: "not-found" | "already-decided"; status?: string; decidedBy?: number | null };

/** Staff approve (granting the volunteer role) or decline; the person is told in their language. */
export async function decideApplication(
  db: Database,
  input: { applicationId: number; communityId: number; decision: "approve" | "decline"; actorId: number; at: Date },
): Promise<DecideResult> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(volunteerApplications).where(eq(volunteerApplications.id, input.applicationId)).for("update");
    if (!app || app.communityId !== input.communityId) return { ok: false, reason: "not-found" } as const;
    if (!applicationLifecycle.can(app.status, input.decision))
      return { ok: false, reason: "already-decided", status: app.status, decidedBy: app.decidedBy } as const;
    const status = applicationLifecycle.next(app.status, input.decision);
    await tx.update(volunteerApplications).set({ status, decidedBy: input.actorId, decidedAt: input.at }).where(eq(volunteerApplications.id, app.id));
    if (status === "approved")
      await grantRole(tx, { userId: app.userId, communityId: app.communityId, role: "volunteer", grantedBy: input.actorId, at: input.at });
    await enqueueMessages(tx, [notice(app.userId, { key: status === "approved" ? "volunteers-approved" : "volunteers-declined" })], input.at);
    return { ok: true, userId: app.userId } as const;
  });
}

/**
 * A volunteer steps down: the role goes, and with it their teams (memberships end, requests are
 * withdrawn, teams they led wait for a new leader). The profile stays for a later return.
 */
export async function stepDown(db: Database, input: { userId: number; communityId: number; at: Date }): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, input.userId), eq(userRoles.communityId, input.communityId), eq(userRoles.role, "volunteer")))
      .returning({ userId: userRoles.userId });
    if (removed.length === 0) return { ok: false };
    const live = await tx
      .select({ id: teamMembers.id, status: teamMembers.status })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.userId, input.userId), eq(teams.communityId, input.communityId), inArray(teamMembers.status, ["pending", "approved"])))
      .for("update");
    for (const m of live) {
      const status = membershipLifecycle.next(m.status, m.status === "approved" ? "leave" : "withdraw");
      await tx.update(teamMembers).set({ status, decidedAt: input.at }).where(eq(teamMembers.id, m.id));
    }
    await tx
      .update(teams)
      .set({ leaderId: null })
      .where(and(eq(teams.leaderId, input.userId), eq(teams.communityId, input.communityId)));
    return { ok: true };
  });
}
