import { html } from "hono/html";
import { reportStatuses } from "../../../db/schema/index.js";
import { openStatuses } from "../../reports/lifecycle.js";
import { formatReportNumber } from "../../reports/numbers.js";
import { statusKeys } from "../../reports/views.js";
import { listHref, type ListQuery } from "../list-query.js";
import { MAP_HEIGHT, MAP_WIDTH, TILE_SIZE, type Projected } from "../map.js";
import { page, type Frame, type Html } from "./layout.js";
import { filters, type ListChoices } from "./report-list.js";

export interface MapView {
  query: ListQuery;
  map: Projected;
  /** Reports matching the filters with a point, and how many of them are drawn. */
  total: number;
  shown: number;
  choices: ListChoices;
}

/** A scale bar of a round length that fits about a fifth of the width. */
function scaleBar(metersPerUnit: number): { meters: number; units: number } {
  const target = (MAP_WIDTH / 5) * metersPerUnit;
  const meters = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000].find((m) => m >= target / 2) ?? 10_000;
  return { meters, units: meters / metersPerUnit };
}

function drawing(frame: Frame, view: MapView): Html {
  const { t } = frame;
  const { map } = view;
  const bar = scaleBar(map.metersPerUnit);
  return html`<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${t("dashboard-map-title")}" data-testid="map">
    <rect class="map-ground" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" />
    ${map.tiles.map((tile) => html`<image class="tile" href="${tile.href}" x="${tile.x}" y="${tile.y}" width="${TILE_SIZE}" height="${TILE_SIZE}" />`)}
    ${map.areas.map(
      (a) => html`<g class="area" data-area="${a.id}">
        ${a.kind === "circle" ? html`<circle cx="${a.cx}" cy="${a.cy}" r="${a.r}" />` : html`<polygon points="${a.points}" />`}
        <text x="${a.label.x}" y="${a.label.y}" text-anchor="middle">${a.name}</text>
      </g>`,
    )}
    ${map.clusters.map(
      (c) => html`<a href="${listHref(view.query.form, 1)}" class="cluster${c.overdue ? " overdue" : ""}" data-testid="cluster">
        <title>${c.numbers.map(formatReportNumber).join(", ")}</title>
        <circle cx="${c.x}" cy="${c.y}" r="${14 + Math.min(12, Math.log2(c.count) * 3)}" />
        <text x="${c.x}" y="${c.y + 5}" text-anchor="middle">${c.count}</text>
      </a>`,
    )}
    ${map.pins.map((p) => {
      // The same words as the tooltip name the link for a screen reader (colour alone says nothing there).
      const name = `${formatReportNumber(p.number)} · ${t(statusKeys[p.status])}${p.overdue ? ` · ${t("dashboard-overdue")}` : ""}`;
      return html`<a href="/dashboard/reports/${p.number}" class="pin status-${p.status}${p.overdue ? " overdue" : ""}" aria-label="${name}" data-testid="pin" data-number="${formatReportNumber(p.number)}" data-overdue="${p.overdue ? "1" : "0"}">
        <title>${name}</title>
        <circle cx="${p.x}" cy="${p.y}" r="9" />
      </a>`;
    })}
    <g class="scale" transform="translate(24 ${MAP_HEIGHT - 24})">
      <line x1="0" y1="0" x2="${Math.round(bar.units)}" y2="0" />
      <text x="0" y="-8">${bar.meters >= 1000 ? `${bar.meters / 1000} km` : `${bar.meters} m`}</text>
    </g>
    <text class="north" x="${MAP_WIDTH - 24}" y="32" text-anchor="middle">N ↑</text>
  </svg>`;
}

/** The map: the community's areas and the reports matching the filters as pins (open ones unless asked otherwise). */
export function mapPage(frame: Frame, view: MapView): Html {
  const { t } = frame;
  const shownStatuses = view.query.form.status === "open" ? openStatuses : view.query.form.status ? [view.query.form.status] : reportStatuses;
  return page(
    frame,
    html`<h1>${t("dashboard-map-title")}</h1>
    ${filters(frame, view.query.form, view.choices, "/dashboard/map")}
    <p class="count" data-testid="map-count">${t("dashboard-map-count", { shown: view.shown, total: view.total })}</p>
    <div class="map-frame">${drawing(frame, view)}</div>
    <ul class="legend">
      ${shownStatuses.map((s) => html`<li><span class="dot status-${s}"></span>${t(statusKeys[s as keyof typeof statusKeys])}</li>`)}
      <li><span class="dot overdue"></span>${t("dashboard-overdue")}</li>
      <li><span class="dot cluster"></span>${t("dashboard-map-cluster")}</li>
    </ul>`,
  );
}
