import type { ReportStatus } from "../../db/schema/index.js";
import type { AreaShape } from "../staff/areas.js";
import type { ReportPoint } from "../staff/report-search.js";

/** The map's drawing size in SVG units; the browser scales it to the screen. */
export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 700;
/** Pins closer than this (in SVG units) are drawn as one cluster with a count. */
const CLUSTER_DISTANCE = 24;
const METERS_PER_DEGREE = 111_320;
/** Web Mercator: tiles of 256 pixels, the equator's metres per pixel at zoom 0. */
export const TILE_SIZE = 256;
const EQUATOR_METERS_PER_PIXEL = 156_543.033_92;
const MAX_ZOOM = 19;

/** A point's pixel in the Web Mercator world at a zoom (the tiles' own grid: tile = floor(pixel / 256)). */
export function mercatorPixel(latitude: number, longitude: number, zoom: number): { x: number; y: number } {
  const world = TILE_SIZE * 2 ** zoom;
  const phi = (Math.max(-85.0511, Math.min(85.0511, latitude)) * Math.PI) / 180;
  return { x: ((longitude + 180) / 360) * world, y: (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * world };
}

export interface Projected {
  areas: Array<
    | { id: number; name: string; kind: "polygon"; points: string; label: { x: number; y: number } }
    | { id: number; name: string; kind: "circle"; cx: number; cy: number; r: number; label: { x: number; y: number } }
  >;
  pins: Array<{ x: number; y: number; number: number; status: ReportStatus; overdue: boolean }>;
  clusters: Array<{ x: number; y: number; count: number; numbers: number[]; overdue: boolean }>;
  /** Metres per SVG unit, for the scale bar. */
  metersPerUnit: number;
  /** Map tiles under the drawing (a tile URL is configured), each 256 units square at (x, y). */
  tiles: Array<{ href: string; x: number; y: number }>;
}

/**
 * Areas and pins drawn on a plain background, no tiles: a local equirectangular projection
 * (longitude shrunk by the cosine of the middle latitude, exact enough across a community)
 * fitted to what there is to show, north up. Pins drawn on top of each other become one
 * cluster with a count, so a busy corner stays readable.
 */
export function projectMap(areas: AreaShape[], points: ReportPoint[], tileUrl?: string): Projected {
  const bounds = { minLat: Infinity, maxLat: -Infinity, minLon: Infinity, maxLon: -Infinity };
  const include = (latitude: number, longitude: number) => {
    bounds.minLat = Math.min(bounds.minLat, latitude);
    bounds.maxLat = Math.max(bounds.maxLat, latitude);
    bounds.minLon = Math.min(bounds.minLon, longitude);
    bounds.maxLon = Math.max(bounds.maxLon, longitude);
  };
  for (const area of areas) {
    for (const [longitude, latitude] of area.polygon ?? []) include(latitude, longitude);
    if (area.center && area.radiusMeters) {
      const dLat = area.radiusMeters / METERS_PER_DEGREE;
      const dLon = dLat / Math.cos((area.center.latitude * Math.PI) / 180);
      include(area.center.latitude - dLat, area.center.longitude - dLon);
      include(area.center.latitude + dLat, area.center.longitude + dLon);
    }
  }
  for (const p of points) include(p.latitude, p.longitude);
  if (!Number.isFinite(bounds.minLat)) return { areas: [], pins: [], clusters: [], metersPerUnit: 1, tiles: [] };

  const cos = Math.cos((((bounds.minLat + bounds.maxLat) / 2) * Math.PI) / 180);
  // At least 200 m across, so a single pin is not drawn at an absurd zoom.
  const spanX = Math.max((bounds.maxLon - bounds.minLon) * cos, 200 / METERS_PER_DEGREE);
  const spanY = Math.max(bounds.maxLat - bounds.minLat, 200 / METERS_PER_DEGREE);
  const margin = 40;
  const midLon = (bounds.minLon + bounds.maxLon) / 2;
  const midLat = (bounds.minLat + bounds.maxLat) / 2;
  let x: (longitude: number) => number;
  let y: (latitude: number) => number;
  let metersPerUnit: number;
  const tiles: Projected["tiles"] = [];
  if (tileUrl) {
    // On tiles the drawing is Web Mercator at a whole zoom, one SVG unit a tile pixel, so areas
    // and pins land exactly where the tiles draw the streets.
    const low = mercatorPixel(midLat - spanY / 2, midLon - spanX / cos / 2, 0);
    const high = mercatorPixel(midLat + spanY / 2, midLon + spanX / cos / 2, 0);
    const fit = Math.min((MAP_WIDTH - 2 * margin) / (high.x - low.x), (MAP_HEIGHT - 2 * margin) / (low.y - high.y));
    const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(Math.log2(fit))));
    const centre = mercatorPixel(midLat, midLon, zoom);
    const left = centre.x - MAP_WIDTH / 2;
    const top = centre.y - MAP_HEIGHT / 2;
    x = (longitude) => mercatorPixel(midLat, longitude, zoom).x - left;
    y = (latitude) => mercatorPixel(latitude, midLon, zoom).y - top;
    metersPerUnit = (EQUATOR_METERS_PER_PIXEL * cos) / 2 ** zoom;
    const last = 2 ** zoom - 1;
    for (let ty = Math.max(0, Math.floor(top / TILE_SIZE)); ty <= Math.min(last, Math.floor((top + MAP_HEIGHT) / TILE_SIZE)); ty++) {
      for (let tx = Math.max(0, Math.floor(left / TILE_SIZE)); tx <= Math.min(last, Math.floor((left + MAP_WIDTH) / TILE_SIZE)); tx++) {
        tiles.push({
          href: tileUrl.replace("{z}", String(zoom)).replace("{x}", String(tx)).replace("{y}", String(ty)),
          x: Math.round((tx * TILE_SIZE - left) * 10) / 10,
          y: Math.round((ty * TILE_SIZE - top) * 10) / 10,
        });
      }
    }
  } else {
    const scale = Math.min((MAP_WIDTH - 2 * margin) / spanX, (MAP_HEIGHT - 2 * margin) / spanY);
    x = (longitude) => MAP_WIDTH / 2 + (longitude - midLon) * cos * scale;
    y = (latitude) => MAP_HEIGHT / 2 - (latitude - midLat) * scale;
    metersPerUnit = METERS_PER_DEGREE / scale;
  }
  const round = (value: number) => Math.round(value * 10) / 10;

  const projectedAreas: Projected["areas"] = [];
  for (const area of areas) {
    if (area.polygon && area.polygon.length >= 3) {
      const xs = area.polygon.map(([lon]) => x(lon));
      const ys = area.polygon.map(([, lat]) => y(lat));
      projectedAreas.push({
        id: area.id,
        name: area.name,
        kind: "polygon",
        points: area.polygon.map(([lon, lat]) => `${round(x(lon))},${round(y(lat))}`).join(" "),
        label: { x: round(xs.reduce((a, b) => a + b, 0) / xs.length), y: round(Math.min(...ys) - 6) },
      });
    } else if (area.center && area.radiusMeters) {
      const r = area.radiusMeters / metersPerUnit;
      const cx = round(x(area.center.longitude));
      const cy = round(y(area.center.latitude));
      projectedAreas.push({ id: area.id, name: area.name, kind: "circle", cx, cy, r: round(r), label: { x: cx, y: round(cy - r - 6) } });
    }
  }

  // Greedy: each pin joins the first group whose first pin is within the distance, else starts one
  // (a grid would split two pins a pixel apart that straddle a cell's edge).
  const groups: Array<Array<Projected["pins"][number]>> = [];
  for (const p of points) {
    const pin = { x: round(x(p.longitude)), y: round(y(p.latitude)), number: p.number, status: p.status, overdue: p.overdue };
    const near = groups.find((g) => Math.hypot(g[0]!.x - pin.x, g[0]!.y - pin.y) < CLUSTER_DISTANCE);
    if (near) near.push(pin);
    else groups.push([pin]);
  }
  const pins: Projected["pins"] = [];
  const clusters: Projected["clusters"] = [];
  for (const group of groups) {
    if (group.length === 1) pins.push(group[0]!);
    else
      clusters.push({
        x: round(group.reduce((sum, p) => sum + p.x, 0) / group.length),
        y: round(group.reduce((sum, p) => sum + p.y, 0) / group.length),
        count: group.length,
        numbers: group.map((p) => p.number).sort((a, b) => a - b),
        overdue: group.some((p) => p.overdue),
      });
  }
  return { areas: projectedAreas, pins, clusters, metersPerUnit, tiles };
}
