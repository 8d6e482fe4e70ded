import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { areas, communities, events, reportCategories, reports, teamMembers, teams } from "../db/schema/index.js";
import { createEvent, type NewEvent } from "../features/events/service.js";
import { createReport } from "../features/reports/service.js";
import { staffCardNotifier } from "../features/staff/card-notifier.js";
import { bindStaffGroup } from "../features/staff/staff-group.js";
import { defaultPersonas, ensurePersona, type PersonaSpec } from "./personas.js";

/** The staff group chat of the sandbox (a supergroup id, as Telegram gives them). */
export const SANDBOX_STAFF_GROUP_ID = -1009000000001;

/** Where the demo community lies; the web chat's location picker centres on it. */
export const SANDBOX_CENTER = { latitude: 31.2323, longitude: 121.4766 } as const;

/** More people for the demo: a second staff member and inspector, a volunteer, a resident who reports. */
export const seedPersonas: readonly PersonaSpec[] = [
  { id: 1006, firstName: "孙老师", kind: "staff", language: "zh-hans" },
  { id: 1007, firstName: "赵师傅", kind: "inspector", language: "zh-hans" },
  { id: 1008, firstName: "周阿姨", kind: "volunteer", language: "zh-hans" },
  { id: 1009, firstName: "钱大爷", kind: "resident", language: "zh-hans" },
];

/** Two areas (网格) as circles, each with its inspector. */
export const seedAreas = [
  { name: "第一网格 · 幸福小区", centerLatitude: 31.2304, centerLongitude: 121.4737, radiusMeters: 300, responsibleUserId: 1003 },
  { name: "第二网格 · 和平里", centerLatitude: 31.2342, centerLongitude: 121.4795, radiusMeters: 300, responsibleUserId: 1007 },
] as const;

interface SeedReport {
  clientKey: string;
  reporterId: number;
  category: string;
  description: string;
  location: { latitude: number; longitude: number } | null;
  address: string | null;
  /** Index into seedAreas, or null. */
  area: number | null;
  /** Filed this many hours before the seed runs (0: just now). */
  filedHoursAgo: number;
}

const seedReports: readonly SeedReport[] = [
  {
    clientKey: "sandbox-seed-1",
    reporterId: 1001,
    category: "dirty-spot",
    description: "3号楼东侧垃圾堆了三天没人清理，味道很大。",
    location: { latitude: 31.2306, longitude: 121.474 },
    address: null,
    area: 0,
    filedHoursAgo: 0,
  },
  {
    clientKey: "sandbox-seed-2",
    reporterId: 1009,
    category: "public-toilet",
    description: "和平里公厕洗手池堵了，地面很滑，老人容易摔倒。",
    location: { latitude: 31.2343, longitude: 121.4793 },
    address: null,
    area: 1,
    // Filed 14 hours ago with the 12 hours a toilet gets: two hours past its deadline, so the
    // demo has an overdue report from the start (the group's reminder, the map's red pin, the
    // overdue filter), reached by the same deadline rule as any report.
    filedHoursAgo: 14,
  },
  {
    clientKey: "sandbox-seed-3",
    reporterId: 1009,
    category: "road-occupation",
    description: "菜市场门口的摊位占了半条路，车过不去。",
    location: null,
    address: "幸福路菜市场门口",
    area: null,
    filedHoursAgo: 0,
  },
];

/** The drum team (腰鼓队): 周阿姨 leads it, 李叔叔 drums in it. */
const DRUM_TEAM = { name: "腰鼓队", leaderId: 1008, memberIds: [1002] } as const;

/**
 * Volunteer duties to try at once: the drum team's weekly rehearsals for eight weeks, for its
 * members, the first starting in a little over two hours (its 2-hour reminder comes within
 * minutes, check-in opens 30 minutes before the start); lecture duty in two days; a clean-up day
 * at the weekend with no limit.
 */
const seedEvents = (at: Date, drumTeamId: number, timezone: string): NewEvent[] => {
  const hours = (h: number) => new Date(Math.ceil((at.getTime() + h * 3600_000) / 600_000) * 600_000);
  return [
    {
      kind: "rehearsal",
      title: "腰鼓队排练",
      place: "社区广场",
      startsAt: hours(2.2),
      endsAt: hours(4.2),
      slots: [
        { name: "鼓手", capacity: 12 },
        { name: "引导", capacity: 2 },
      ],
      audience: "team",
      teamId: drumTeamId,
      series: { weeks: 8, timezone },
    },
    {
      kind: "lecture_duty",
      title: "法治讲座值班",
      place: "社区活动中心二楼",
      startsAt: hours(48),
      endsAt: hours(50),
      slots: [
        { name: "签到", capacity: 2 },
        { name: "引导", capacity: 3 },
      ],
    },
    { kind: "cleanup", title: "周末环境整治日", place: "幸福小区3号楼集合", startsAt: hours(96), endsAt: hours(99), slots: [{ name: "", capacity: null }] },
  ].map((e) => ({ ...e, communityId: 0, createdBy: 1004 }) as NewEvent);
};

/**
 * The drum team with its leader and member, once by name. The membership is written as approved:
 * demo data, not a request someone decided (which would send both of them notices).
 */
async function seedDrumTeam(db: Database, communityId: number, at: Date): Promise<number> {
  const [created] = await db
    .insert(teams)
    .values({ communityId, name: DRUM_TEAM.name, leaderId: DRUM_TEAM.leaderId, createdBy: 1004, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: teams.id });
  if (!created) {
    // There already: as people left it or joined it since, a second run changes nothing.
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.communityId, communityId), eq(teams.name, DRUM_TEAM.name)));
    return team!.id;
  }
  await db.insert(teamMembers).values(
    DRUM_TEAM.memberIds.map((userId) => ({
      teamId: created.id,
      userId,
      status: "approved" as const,
      decidedBy: DRUM_TEAM.leaderId,
      decidedAt: at,
      requestedAt: at,
    })),
  );
  return created.id;
}

/** The demo events, once per title. */
async function seedDemoEvents(db: Database, communityId: number, at: Date): Promise<number> {
  const drumTeamId = await seedDrumTeam(db, communityId, at);
  const [community] = await db.select({ timezone: communities.timezone }).from(communities).where(eq(communities.id, communityId));
  let created = 0;
  for (const event of seedEvents(at, drumTeamId, community!.timezone)) {
    const [existing] = await db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.communityId, communityId), eq(events.title, event.title)));
    if (existing) continue;
    if ((await createEvent(db, { ...event, communityId }, at)).ok) created++;
  }
  return created;
}

export interface SeedSummary {
  areas: number;
  personas: number;
  reports: number;
  /** How many of each this run added (0 on a second run). */
  created: { areas: number; personas: number; reports: number; events: number };
  staffGroupBound: boolean;
}

/**
 * Demo data for the community: people with roles, two areas, the staff group, three reports (one past its deadline),
 * the drum team and three volunteer duties (its weekly rehearsals, lecture duty, a clean-up day).
 * Idempotent: areas by name, people by id, reports by their client key; the staff group is
 * bound only while the community has none.
 */
export async function seedSandbox(db: Database, communityId: number, at: Date): Promise<SeedSummary> {
  let personasCreated = 0;
  for (const spec of [...defaultPersonas, ...seedPersonas]) if (await ensurePersona(db, spec, communityId, at)) personasCreated++;

  const insertedAreas = await db
    .insert(areas)
    .values(seedAreas.map((area) => ({ communityId, ...area })))
    .onConflictDoNothing()
    .returning({ id: areas.id });
  const areaRows = await db
    .select({ id: areas.id, name: areas.name })
    .from(areas)
    .where(
      and(
        eq(areas.communityId, communityId),
        inArray(
          areas.name,
          seedAreas.map((a) => a.name),
        ),
      ),
    );
  const areaId = (index: number | null): number | null => (index === null ? null : (areaRows.find((row) => row.name === seedAreas[index]?.name)?.id ?? null));

  const [community] = await db.select({ staffGroup: communities.staffGroupChatId }).from(communities).where(eq(communities.id, communityId));
  let staffGroupBound = false;
  if (community && community.staffGroup === null) {
    const bound = await bindStaffGroup(db, { communityId, chatId: SANDBOX_STAFF_GROUP_ID, actorId: 1005, at });
    staffGroupBound = bound.ok;
  }

  const categories = await db
    .select({ id: reportCategories.id, code: reportCategories.code })
    .from(reportCategories)
    .where(eq(reportCategories.communityId, communityId));
  let reportsCreated = 0;
  for (const report of seedReports) {
    const category = categories.find((c) => c.code === report.category);
    if (!category) continue;
    const result = await createReport(
      db,
      {
        clientKey: report.clientKey,
        communityId,
        reporterId: report.reporterId,
        categoryId: category.id,
        description: report.description,
        voiceFileId: null,
        photos: [],
        location: report.location,
        address: report.address,
        areaId: areaId(report.area),
        anonymous: false,
      },
      { dailyLimit: 1000, duplicateRadiusMeters: 50, duplicateWindowDays: 14 },
      new Date(at.getTime() - report.filedHoursAgo * 3600_000),
      // Their cards go to the staff group (through the outbox), as a resident's report's would,
      // posted now, when the demo is made (a card queued 14 hours ago would be an odd message).
      (tx, filed) => staffCardNotifier.reportFiled(tx, { ...filed, at }),
    );
    if (result.ok && result.created) reportsCreated++;
  }
  const eventsCreated = await seedDemoEvents(db, communityId, at);
  const reportCount = await db
    .select({ id: reports.id })
    .from(reports)
    .where(
      inArray(
        reports.clientKey,
        seedReports.map((r) => r.clientKey),
      ),
    );

  return {
    areas: areaRows.length,
    personas: defaultPersonas.length + seedPersonas.length,
    reports: reportCount.length,
    created: { areas: insertedAreas.length, personas: personasCreated, reports: reportsCreated, events: eventsCreated },
    staffGroupBound,
  };
}
