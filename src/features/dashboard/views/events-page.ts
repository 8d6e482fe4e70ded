import { html } from "hono/html";
import type { Event, SignupStatus } from "../../../db/schema/index.js";
import type { SheetRow } from "../../events/attendance-sheet.js";
import type { SlotSeats } from "../../events/service.js";
import type { EventLine } from "../../events/staff-listing.js";
import { asHours } from "../../events/views.js";
import { formatTime } from "../../reports/views.js";
import { page, type Frame, type Html } from "./layout.js";

export interface EventsView {
  coming: { lines: EventLine[]; more: boolean };
  past: { lines: EventLine[]; more: boolean };
  /** The page of past events (0: the latest). */
  page: number;
  timezone: string;
  problem?: string | undefined;
}

const when = (event: Event, tz: string) => `${formatTime(event.startsAt.toISOString(), tz)}–${formatTime(event.endsAt.toISOString(), tz).slice(11)}`;

function eventTable(frame: Frame, lines: EventLine[], tz: string, past: boolean, testId: string): Html {
  const { t } = frame;
  const heads = {
    when: t("dashboard-events-col-when"),
    title: t("dashboard-events-col-title"),
    kind: t("dashboard-events-col-kind"),
    seats: t("dashboard-events-col-seats"),
    waiting: t("dashboard-events-col-waiting"),
    came: t("dashboard-events-col-came"),
  };
  return html`<table class="reports" data-testid="${testId}">
    <thead><tr><th>${heads.when}</th><th>${heads.title}</th><th>${heads.kind}</th><th>${heads.seats}</th><th>${heads.waiting}</th>${past ? html`<th>${heads.came}</th>` : ""}</tr></thead>
    <tbody>${lines.map(
      (l) => html`<tr data-event="${l.event.id}">
        <td data-label="${heads.when}">${when(l.event, tz)}</td>
        <td data-label="${heads.title}"><a href="/dashboard/events/${l.event.id}">${l.event.title}</a>
          ${l.event.status === "cancelled" ? html` <span class="badge overdue-badge">${t("dashboard-events-cancelled")}</span>` : ""}
          ${l.teamName ? html` <span class="badge">${t("dashboard-events-team-only", { team: l.teamName })}</span>` : ""}</td>
        <td data-label="${heads.kind}">${t("events-kind", { kind: l.event.kind })}</td>
        <td data-label="${heads.seats}">${l.capacity === null ? t("dashboard-events-taken-open", { taken: l.taken }) : `${l.taken}/${l.capacity}`}</td>
        <td data-label="${heads.waiting}">${l.waiting}</td>
        ${past ? html`<td data-label="${heads.came}">${t("dashboard-events-came", { came: l.attended, absent: l.noShows })}</td>` : ""}
      </tr>`,
    )}</tbody></table>`;
}

/** Coming and past events with their seats, sign-ups and waiting lists. */
export function eventsPage(frame: Frame, view: EventsView): Html {
  const { t } = frame;
  return page(
    frame,
    html`<h1>${t("dashboard-events-title")}</h1>
    ${view.problem ? html`<p class="notice warning" role="status">${view.problem}</p>` : ""}
    ${
      view.page === 0
        ? html`<h2>${t("dashboard-events-coming")}</h2>
          ${view.coming.lines.length === 0 ? html`<p class="empty">${t("dashboard-events-none-coming")}</p>` : eventTable(frame, view.coming.lines, view.timezone, false, "events-coming")}
          ${view.coming.more ? html`<p class="count">${t("dashboard-events-more-coming", { count: view.coming.lines.length })}</p>` : ""}`
        : ""
    }
    <h2>${t("dashboard-events-past")}</h2>
    ${view.past.lines.length === 0 ? html`<p class="empty">${t("dashboard-events-none-past")}</p>` : eventTable(frame, view.past.lines, view.timezone, true, "events-past")}
    <nav class="pager">
      ${view.page > 0 ? html`<a href="/dashboard/events?page=${view.page - 1}">${t("dashboard-page-prev")}</a>` : ""}
      ${view.past.more ? html`<a href="/dashboard/events?page=${view.page + 1}">${t("dashboard-events-older")}</a>` : ""}
    </nav>`,
  );
}

export interface EventView {
  event: Event;
  rows: SheetRow[];
  seats: SlotSeats[];
  timezone: string;
  now: Date;
}

const statusClass: Record<SignupStatus, string> = {
  attended: "status-closed",
  no_show: "status-rejected",
  confirmed: "status-accepted",
  offered: "status-new",
  waitlisted: "status-new",
  cancelled: "status-rejected",
};

/**
 * An event's roster and attendance sheet: who holds a seat in which role, who waits, and once it
 * has begun who came (present), who was marked absent, and who is not marked yet (unknown).
 */
export function eventPage(frame: Frame, view: EventView): Html {
  const { t } = frame;
  const { event, timezone: tz } = view;
  const begun = event.startsAt <= view.now;
  const seated = view.rows.filter((r) => r.status !== "waitlisted" && r.status !== "offered");
  const count = (status: SignupStatus) => view.rows.filter((r) => r.status === status).length;
  const heads = {
    slot: t("sheet-csv-slot"),
    name: t("sheet-csv-name"),
    phone: t("sheet-csv-phone"),
    status: t("sheet-csv-status"),
    checkedIn: t("sheet-csv-checked-in"),
    hours: t("sheet-csv-hours"),
  };
  const statusOf = (r: SheetRow) =>
    begun && r.status === "confirmed" ? t("dashboard-events-unknown") : t("sheet-status", { status: r.status, position: r.position ?? 0 });
  return page(
    frame,
    html`<p><a href="/dashboard/events">${t("dashboard-events-back")}</a></p>
    <h1>${event.title}</h1>
    ${event.status === "cancelled" ? html`<p class="notice warning">${t("dashboard-events-is-cancelled")}</p>` : ""}
    <dl class="facts">
      <dt>${t("dashboard-events-col-when")}</dt><dd>${when(event, tz)}</dd>
      <dt>${t("dashboard-events-place")}</dt><dd>${event.place ?? "—"}</dd>
      <dt>${t("dashboard-events-col-kind")}</dt><dd>${t("events-kind", { kind: event.kind })}</dd>
      <dt>${t("dashboard-events-col-seats")}</dt><dd data-testid="event-seats">${view.seats.map(
        (slot) =>
          html`<span class="slot">${slot.name || t("newevent-everyone-slot")}: ${
            slot.capacity === null ? t("dashboard-events-taken-open", { taken: slot.taken }) : `${slot.taken}/${slot.capacity}`
          }${slot.waiting > 0 ? ` · ${t("dashboard-events-waiting", { count: slot.waiting })}` : ""}</span> `,
      )}</dd>
      ${
        begun
          ? html`<dt>${t("dashboard-events-attendance")}</dt><dd data-testid="event-attendance">${t("dashboard-events-attendance-line", {
              present: count("attended"),
              absent: count("no_show"),
              unknown: count("confirmed"),
            })}</dd>`
          : ""
      }
    </dl>
    <div class="count-line"><p class="count">${t("dashboard-events-signed-up", { count: seated.length, waiting: count("waitlisted") + count("offered") })}</p>
      <a class="button secondary" href="/dashboard/events/${event.id}/roster.csv" download data-testid="roster-csv">${t("dashboard-events-csv")}</a></div>
    ${
      view.rows.length === 0
        ? html`<p class="empty">${t("dashboard-events-nobody")}</p>`
        : html`<table class="reports" data-testid="roster">
          <thead><tr>${Object.values(heads).map((h) => html`<th>${h}</th>`)}</tr></thead>
          <tbody>${view.rows.map(
            (r) => html`<tr>
              <td data-label="${heads.slot}">${r.slot || t("newevent-everyone-slot")}</td>
              <td data-label="${heads.name}">${r.name}</td>
              <td data-label="${heads.phone}">${r.phone ?? "—"}</td>
              <td data-label="${heads.status}"><span class="status ${statusClass[r.status]}">${statusOf(r)}</span></td>
              <td data-label="${heads.checkedIn}">${r.checkedInAt ? formatTime(r.checkedInAt.toISOString(), tz).slice(11) : "—"}</td>
              <td data-label="${heads.hours}">${r.minutes === null ? "—" : asHours(r.minutes)}${r.credited ? html` <span class="badge">${t("dashboard-events-credited")}</span>` : ""}</td>
            </tr>`,
          )}</tbody></table>`
    }`,
  );
}
