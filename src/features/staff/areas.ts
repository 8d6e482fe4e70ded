import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.js";
import { areas, communities, userRoles, users } from "../../db/schema/index.js";
import { recordAudit } from "./audit.js";

/**
 * The bulk set-up file for areas (网格), JSON:
 *   [{ "name": "第一网格", "center": [31.23, 121.47], "radiusMeters": 300, "responsible": 123456789 },
 *    { "name": "第二网格", "polygon": [[121.47, 31.23], [121.48, 31.23], [121.48, 31.24]] }]
 * center is [latitude, longitude]; polygon is GeoJSON order, [longitude, latitude] pairs;
 * responsible is the inspector's Telegram id or @username (optional).
 */
const point = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);
const areaSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    center: point.optional(),
    radiusMeters: z.number().int().min(10).max(20_000).optional(),
    polygon: z
      .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
      .min(3)
      .max(500)
      .optional(),
    responsible: z.union([z.number().int().positive(), z.string().regex(/^@?[A-Za-z0-9_]{4,32}$/)]).optional(),
  })
  .refine((a) => a.polygon !== undefined || (a.center !== undefined && a.radiusMeters !== undefined), {
    message: "needs a polygon, or a center and radiusMeters",
  });
export const areasFileSchema = z.array(areaSchema).min(1).max(500);
export type AreaInput = z.infer<typeof areaSchema>;

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: string[] };

/** Parses and checks a set-up file; problems name the entry and field. */
export function parseAreasFile(text: string): { ok: true; areas: AreaInput[] } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${(error as Error).message}`] };
  }
  const parsed = areasFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`) };
  const names = parsed.data.map((a) => a.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) return { ok: false, problems: twice.map((n) => `"${n}" appears twice`) };
  return { ok: true, areas: parsed.data };
}

/** Creates or updates the community's areas by name, all or nothing. */
export async function importAreas(db: Database, communityId: number, list: AreaInput[], actorId: number | null, at: Date): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    // Resolve every responsible person first: a file with a problem changes nothing.
    const problems: string[] = [];
    const responsible: Array<number | null> = [];
    for (const [index, area] of list.entries()) {
      if (area.responsible === undefined) {
        responsible.push(null);
        continue;
      }
      const who = typeof area.responsible === "number" ? eq(users.id, area.responsible) : eq(users.username, area.responsible.replace(/^@/, ""));
      const [member] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.communityId, communityId)))
        .where(who)
        .limit(1);
      if (!member) problems.push(`${index}.responsible: ${area.responsible} is not staff or an inspector of this community`);
      responsible.push(member?.id ?? null);
    }
    if (problems.length > 0) return { ok: false, problems } as const;

    let created = 0;
    let updated = 0;
    for (const [index, area] of list.entries()) {
      const values = {
        communityId,
        name: area.name,
        polygon: area.polygon ?? null,
        centerLatitude: area.center?.[0] ?? null,
        centerLongitude: area.center?.[1] ?? null,
        radiusMeters: area.radiusMeters ?? null,
        responsibleUserId: responsible[index] ?? null,
      };
      const [existing] = await tx
        .select({ id: areas.id })
        .from(areas)
        .where(and(eq(areas.communityId, communityId), eq(areas.name, area.name)));
      if (existing) {
        await tx.update(areas).set(values).where(eq(areas.id, existing.id));
        updated++;
      } else {
        await tx.insert(areas).values(values);
        created++;
      }
    }
    await recordAudit(tx, { communityId, actorId, action: "areas.import", after: { created, updated }, at });
    return { ok: true, created, updated } as const;
  });
}

export interface AreaView {
  id: number;
  name: string;
  responsibleName: string | null;
}

export async function listAreas(db: Database, communityId: number): Promise<AreaView[]> {
  const rows = await db
    .select({ id: areas.id, name: areas.name, firstName: users.firstName })
    .from(areas)
    .leftJoin(users, eq(users.id, areas.responsibleUserId))
    .where(eq(areas.communityId, communityId))
    .orderBy(asc(areas.id));
  return rows.map((r) => ({ id: r.id, name: r.name, responsibleName: r.firstName }));
}

/** An area's outline for a map: a polygon ([longitude, latitude] pairs) or a circle. */
export interface AreaShape {
  id: number;
  name: string;
  polygon: Array<[number, number]> | null;
  center: { latitude: number; longitude: number } | null;
  radiusMeters: number | null;
}

export async function areaShapes(db: Database, communityId: number): Promise<AreaShape[]> {
  const rows = await db.select().from(areas).where(eq(areas.communityId, communityId)).orderBy(asc(areas.id));
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    polygon: a.polygon ?? null,
    center: a.centerLatitude !== null && a.centerLongitude !== null ? { latitude: a.centerLatitude, longitude: a.centerLongitude } : null,
    radiusMeters: a.radiusMeters,
  }));
}

/** The areas a member leads (is responsible for): an inspector's part of the community. */
export async function areasLedBy(db: Database, communityId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: areas.id })
    .from(areas)
    .where(and(eq(areas.communityId, communityId), eq(areas.responsibleUserId, userId)))
    .orderBy(asc(areas.id));
  return rows.map((r) => r.id);
}

export async function setAreaResponsible(
  db: Database,
  input: { communityId: number; areaId: number; userId: number; actorId: number; at: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [area] = await tx
      .select()
      .from(areas)
      .where(and(eq(areas.id, input.areaId), eq(areas.communityId, input.communityId)));
    const [role] = await tx
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.userId, input.userId), eq(userRoles.communityId, input.communityId)))
      .limit(1);
    if (!area || !role) return false;
    await tx.update(areas).set({ responsibleUserId: input.userId }).where(eq(areas.id, area.id));
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "area.responsible",
      subject: `area:${area.id}`,
      before: { userId: area.responsibleUserId },
      after: { userId: input.userId },
      at: input.at,
    });
    return true;
  });
}

export async function setAutoAssign(db: Database, input: { communityId: number; on: boolean; actorId: number; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(communities).set({ autoAssign: input.on }).where(eq(communities.id, input.communityId));
    await recordAudit(tx, { communityId: input.communityId, actorId: input.actorId, action: "areas.auto-assign", after: { on: input.on }, at: input.at });
  });
}
