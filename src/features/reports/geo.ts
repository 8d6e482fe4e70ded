import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import distance from "@turf/distance";
import { point, polygon } from "@turf/helpers";
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { areas, type Area } from "../../db/schema/index.js";

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export function metersBetween(a: GeoPoint, b: GeoPoint): number {
  return distance(point([a.longitude, a.latitude]), point([b.longitude, b.latitude]), { units: "meters" });
}

/** Whether the point lies in the area: its polygon when it has one, else its circle. */
export function areaContains(area: Pick<Area, "polygon" | "centerLatitude" | "centerLongitude" | "radiusMeters">, at: GeoPoint): boolean {
  if (area.polygon && area.polygon.length >= 3) {
    const ring = [...area.polygon];
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
    return booleanPointInPolygon(point([at.longitude, at.latitude]), polygon([ring]));
  }
  if (area.centerLatitude != null && area.centerLongitude != null && area.radiusMeters != null) {
    return metersBetween({ latitude: area.centerLatitude, longitude: area.centerLongitude }, at) <= area.radiusMeters;
  }
  return false;
}

export type AreaMatch =
  | { kind: "inside"; area: { id: number; name: string } }
  /** The community has areas and the point is in none of them: ask before accepting. */
  | { kind: "outside" }
  /** The community has not set areas up yet: nothing to check. */
  | { kind: "no-areas" };

/** The first area (by id) containing the point. Communities have tens of areas, not thousands. */
export async function matchArea(db: Database, communityId: number, at: GeoPoint): Promise<AreaMatch> {
  const list = await db.select().from(areas).where(eq(areas.communityId, communityId)).orderBy(asc(areas.id));
  if (list.length === 0) return { kind: "no-areas" };
  const found = list.find((area) => areaContains(area, at));
  return found ? { kind: "inside", area: { id: found.id, name: found.name } } : { kind: "outside" };
}

/** A latitude/longitude box around a point, to let an index narrow a distance search. */
export function boundingBox(at: GeoPoint, radiusMeters: number) {
  // Metres per degree as turf measures them (mean Earth radius), plus 1% so a point exactly at
  // the radius is never cut off by the box; the exact distance check comes after.
  const meters = radiusMeters * 1.01;
  const latDelta = meters / 111_195;
  const lngDelta = meters / (111_195 * Math.max(Math.cos((at.latitude * Math.PI) / 180), 0.01));
  return {
    minLatitude: at.latitude - latDelta,
    maxLatitude: at.latitude + latDelta,
    minLongitude: at.longitude - lngDelta,
    maxLongitude: at.longitude + lngDelta,
  };
}
