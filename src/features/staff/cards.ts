import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import type { Translated } from "../../translated.js";
import {
  areas,
  communities,
  reportCards,
  reportCategories,
  reportEvents,
  reportPhotos,
  reports,
  reportSupporters,
  userRoles,
  users,
  type ReportStatus,
} from "../../db/schema/index.js";

/** Everything a staff card shows; JSON-safe. The reporter is left out when they chose anonymity. */
export interface CardData {
  reportId: number;
  number: number;
  communityId: number;
  staffGroupChatId: number | null;
  timezone: string;
  status: ReportStatus;
  categoryIcon: string;
  categoryName: Translated;
  description: string | null;
  /** Staff hid the description (/hide); a report may also simply have none (a patrol finding). */
  descriptionHidden: boolean;
  hasVoice: boolean;
  voiceFileId: string | null;
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  areaId: number | null;
  areaName: string | null;
  areaResponsibleId: number | null;
  deadlineAt: string | null;
  reporter: { name: string; username: string | null } | null;
  assignee: { id: number; name: string } | null;
  photoFileIds: string[];
  /** The first photo as it was sent: a file (an image sent uncompressed) goes back as a file. */
  firstPhoto: { fileId: string; media: "photo" | "document" } | null;
  supporters: number;
  lastEvent: { to: ReportStatus; actorName: string | null; at: string; note: string | null } | null;
}

const fullName = (u: { firstName: string; lastName: string | null }) => [u.firstName, u.lastName].filter(Boolean).join(" ");

export async function loadCardData(db: Database, reportId: number, options: { onlyWithStaffGroup?: boolean } = {}): Promise<CardData | undefined> {
  const [row] = await db
    .select({ report: reports, category: reportCategories, area: areas, community: communities })
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .innerJoin(communities, eq(communities.id, reports.communityId))
    .leftJoin(areas, eq(areas.id, reports.areaId))
    .where(eq(reports.id, reportId));
  if (!row) return undefined;
  // A new report in a community with no staff group has no card to post: skip the rest.
  if (options.onlyWithStaffGroup && row.community.staffGroupChatId === null) return undefined;
  const { report, category, area, community } = row;
  const people = [report.reporterId, report.assigneeId].filter((id): id is number => id !== null);
  const [personRows, photos, events, supporterRows] = await Promise.all([
    people.length ? db.select().from(users).where(inArray(users.id, people)) : Promise.resolve([]),
    db
      .select({ fileId: reportPhotos.fileId, media: reportPhotos.media })
      .from(reportPhotos)
      .where(and(eq(reportPhotos.reportId, reportId), eq(reportPhotos.kind, "report"), isNull(reportPhotos.hiddenAt)))
      .orderBy(asc(reportPhotos.id)),
    db
      .select({ to: reportEvents.toStatus, actorId: reportEvents.actorId, at: reportEvents.createdAt, note: reportEvents.note })
      .from(reportEvents)
      .where(eq(reportEvents.reportId, reportId))
      .orderBy(asc(reportEvents.createdAt), asc(reportEvents.id)),
    db.$count(reportSupporters, eq(reportSupporters.reportId, reportId)),
  ]);
  const person = (id: number | null) => personRows.find((p) => p.id === id);
  const reporter = person(report.reporterId);
  const assignee = person(report.assigneeId);
  const last = events.at(-1);
  const lastActor = last?.actorId ? (person(last.actorId) ?? (await db.select().from(users).where(eq(users.id, last.actorId)))[0]) : undefined;
  return {
    reportId,
    number: report.number,
    communityId: report.communityId,
    staffGroupChatId: community.staffGroupChatId,
    timezone: community.timezone,
    status: report.status,
    categoryIcon: category.icon,
    categoryName: category.name,
    description: report.descriptionHiddenAt ? null : report.description,
    descriptionHidden: report.descriptionHiddenAt !== null,
    hasVoice: report.voiceFileId !== null,
    voiceFileId: report.voiceFileId,
    address: report.address,
    location: report.latitude != null && report.longitude != null ? { latitude: report.latitude, longitude: report.longitude } : null,
    areaId: area?.id ?? null,
    areaName: area?.name ?? null,
    areaResponsibleId: area?.responsibleUserId ?? null,
    deadlineAt: report.deadlineAt?.toISOString() ?? null,
    reporter: report.anonymous || !reporter ? null : { name: fullName(reporter), username: reporter.username },
    assignee: assignee ? { id: assignee.id, name: fullName(assignee) } : null,
    photoFileIds: photos.map((p) => p.fileId),
    firstPhoto: photos[0] ?? null,
    supporters: supporterRows,
    lastEvent: last ? { to: last.to, actorName: lastActor ? fullName(lastActor) : null, at: last.at.toISOString(), note: last.note } : null,
  };
}

export async function findCard(db: Database, reportId: number) {
  const [card] = await db.select().from(reportCards).where(eq(reportCards.reportId, reportId));
  return card;
}

/** Every stored card of these reports (a report re-posted to a rebound group has one per chat). */
export async function cardsOf(db: Database, reportIds: readonly number[]) {
  if (reportIds.length === 0) return [];
  return db
    .select()
    .from(reportCards)
    .where(inArray(reportCards.reportId, [...reportIds]))
    .orderBy(asc(reportCards.reportId), asc(reportCards.chatId));
}

export async function saveCard(db: Database, card: { reportId: number; chatId: number; messageId: number; kind: "text" | "photo" }): Promise<void> {
  await db
    .insert(reportCards)
    .values(card)
    .onConflictDoUpdate({ target: [reportCards.reportId, reportCards.chatId], set: { messageId: card.messageId, kind: card.kind } });
}

export interface Assignee {
  userId: number;
  name: string;
  responsible: boolean;
}

/** Inspectors (and staff) of the community who can take a report; the area's responsible person first. */
export async function listAssignees(db: Database, communityId: number, areaResponsibleId: number | null): Promise<Assignee[]> {
  const rows = await db
    .selectDistinct({ userId: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.communityId, communityId), or(eq(userRoles.role, "inspector"), eq(userRoles.role, "staff"))))
    .orderBy(asc(users.firstName), asc(users.id));
  return rows
    .map((r) => ({ userId: r.userId, name: fullName(r), responsible: r.userId === areaResponsibleId }))
    .sort((a, b) => Number(b.responsible) - Number(a.responsible));
}
