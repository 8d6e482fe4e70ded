import { html } from "hono/html";
import type { SignupStatus } from "../../../db/schema/index.js";
import { pickTranslation } from "../../../translated.js";
import type { SheetRow } from "../../events/attendance-sheet.js";
import type { LectureFigures } from "../../lectures/feedback.js";
import { peopleWhoCame } from "../../lectures/quarter-csv.js";
import type { LectureFacts } from "../../lectures/service.js";
import { formatTime } from "../../reports/views.js";
import { page, type Frame, type Html } from "./layout.js";

export interface LecturesView {
  quarter: string;
  quarters: string[];
  figures: LectureFigures[];
  coming: LectureFacts[];
  timezone: string;
  problem?: string | undefined;
}

const rating = (average: number | null, count: number) => (average === null ? "—" : `${average.toFixed(1)} ★ (${count})`);
const seats = (f: LectureFacts, t: Frame["t"]) => (f.seats === null ? t("dashboard-events-taken-open", { taken: f.taken }) : `${f.taken}/${f.seats}`);

/** A quarter's lectures (the evaluation's figures), and the lectures to come with their seats. */
export function lecturesPage(frame: Frame, view: LecturesView): Html {
  const { t } = frame;
  const tz = view.timezone;
  const quarters = view.quarters.includes(view.quarter) ? view.quarters : [view.quarter, ...view.quarters];
  const heads = {
    when: t("dashboard-events-col-when"),
    title: t("dashboard-lectures-col-title"),
    registered: t("dashboard-lectures-col-registered"),
    attended: t("dashboard-lectures-col-attended"),
    walkIns: t("dashboard-lectures-col-walk-ins"),
    noShows: t("dashboard-lectures-col-no-shows"),
    rating: t("dashboard-lectures-col-rating"),
  };
  return page(
    frame,
    html`<h1>${t("dashboard-lectures-title")}</h1>
    ${view.problem ? html`<p class="notice warning" role="status">${view.problem}</p>` : ""}
    <h2>${t("dashboard-lectures-coming")}</h2>
    ${
      view.coming.length === 0
        ? html`<p class="empty">${t("dashboard-lectures-none-coming")}</p>`
        : html`<table class="reports" data-testid="lectures-coming"><thead><tr><th>${heads.when}</th><th>${heads.title}</th><th>${t("dashboard-events-col-seats")}</th><th>${t("dashboard-events-col-waiting")}</th></tr></thead>
          <tbody>${view.coming.map(
            (f) => html`<tr><td data-label="${heads.when}">${formatTime(f.event.startsAt.toISOString(), tz)}</td>
              <td data-label="${heads.title}"><a href="/dashboard/lectures/${f.lecture.id}">${f.event.title}</a></td>
              <td data-label="${t("dashboard-events-col-seats")}">${seats(f, t)}</td><td data-label="${t("dashboard-events-col-waiting")}">${f.waiting}</td></tr>`,
          )}</tbody></table>`
    }
    <h2>${t("dashboard-lectures-quarter-title", { quarter: view.quarter })}</h2>
    <form class="filters period" method="get" action="/dashboard/lectures">
      <label>${t("dashboard-lectures-quarter")}<select name="quarter">${quarters.map((q) => html`<option value="${q}" ${q === view.quarter ? "selected" : ""}>${q}</option>`)}</select></label>
      <div class="filter-buttons"><button type="submit">${t("dashboard-filter-apply")}</button>
        <a class="button secondary" href="/dashboard/lectures.csv?quarter=${view.quarter}" download data-testid="lectures-csv">${t("dashboard-lectures-csv")}</a></div>
    </form>
    <p class="count" data-testid="lectures-count">${t("dashboard-lectures-count", { lectures: view.figures.length, people: peopleWhoCame(view.figures) })}</p>
    ${
      view.figures.length === 0
        ? ""
        : html`<table class="reports" data-testid="lectures-quarter"><thead><tr>${Object.values(heads).map((h) => html`<th>${h}</th>`)}</tr></thead>
          <tbody>${view.figures.map(
            (f) => html`<tr>
              <td data-label="${heads.when}">${formatTime(f.startsAt.toISOString(), tz)}</td>
              <td data-label="${heads.title}"><a href="/dashboard/lectures/${f.lectureId}">${f.title}</a></td>
              <td data-label="${heads.registered}">${f.registered}</td>
              <td data-label="${heads.attended}">${f.attended}</td>
              <td data-label="${heads.walkIns}">${f.walkIns}</td>
              <td data-label="${heads.noShows}">${f.noShows}</td>
              <td data-label="${heads.rating}">${rating(f.averageRating, f.ratings)}</td>
            </tr>`,
          )}</tbody></table>`
    }`,
  );
}

export interface LectureView {
  facts: LectureFacts;
  /** Undefined for a cancelled lecture (its figures are not counted). */
  figures: LectureFigures | undefined;
  comments: Array<{ rating: number; comment: string }>;
  rows: SheetRow[];
  timezone: string;
  now: Date;
}

/** A lecture: its facts, registrations, attendance, rating and the attendees' comments. */
export function lecturePage(frame: Frame, view: LectureView): Html {
  const { t, locale } = frame;
  const { facts, figures } = view;
  const tz = view.timezone;
  const begun = facts.event.startsAt <= view.now;
  const over = facts.event.endsAt <= view.now;
  // A registration never checked in at the door is a no-show once the lecture is over.
  const statusOf = (status: SignupStatus, position: number | null) =>
    begun && status === "confirmed"
      ? t(over ? "dashboard-lectures-col-no-shows" : "dashboard-events-unknown")
      : t("sheet-status", { status, position: position ?? 0 });
  return page(
    frame,
    html`<p><a href="/dashboard/lectures">${t("dashboard-lectures-back")}</a></p>
    <h1>${facts.event.title}</h1>
    ${facts.event.status === "cancelled" ? html`<p class="notice warning">${t("dashboard-lectures-is-cancelled")}</p>` : ""}
    <dl class="facts">
      <dt>${t("dashboard-events-col-when")}</dt><dd>${formatTime(facts.event.startsAt.toISOString(), tz)}–${formatTime(facts.event.endsAt.toISOString(), tz).slice(11)}</dd>
      <dt>${t("dashboard-events-place")}</dt><dd>${facts.event.place ?? "—"}</dd>
      <dt>${t("dashboard-lectures-speaker")}</dt><dd>${facts.lecture.speaker}</dd>
      ${facts.topic ? html`<dt>${t("dashboard-lectures-topic")}</dt><dd>${pickTranslation(facts.topic.name, locale)}</dd>` : ""}
      <dt>${t("dashboard-events-col-seats")}</dt><dd data-testid="lecture-seats">${seats(facts, t)}${facts.waiting > 0 ? ` · ${t("dashboard-events-waiting", { count: facts.waiting })}` : ""}${
        facts.lecture.registrationRequired ? "" : ` · ${t("dashboard-lectures-open")}`
      }</dd>
    </dl>
    <ul class="headline" data-testid="lecture-figures">
      <li><strong>${figures?.registered ?? 0}</strong>${t("dashboard-lectures-col-registered")}</li>
      <li><strong>${figures?.attended ?? 0}</strong>${t("dashboard-lectures-col-attended")}</li>
      <li><strong>${figures?.walkIns ?? 0}</strong>${t("dashboard-lectures-col-walk-ins")}</li>
      <li><strong>${figures?.noShows ?? 0}</strong>${t("dashboard-lectures-col-no-shows")}</li>
      <li><strong>${figures?.averageRating?.toFixed(1) ?? "—"}</strong>${t("dashboard-lectures-rating", { count: figures?.ratings ?? 0 })}</li>
    </ul>
    <section class="chart-box" data-testid="lecture-comments"><h2>${t("dashboard-lectures-comments")}</h2>
      ${
        view.comments.length === 0
          ? html`<p class="empty">${t("dashboard-lectures-no-comments")}</p>`
          : html`<ul class="plain">${view.comments.map((c) => html`<li><span class="stars" aria-label="${c.rating}">${"★".repeat(c.rating)}</span> ${c.comment}</li>`)}</ul>`
      }
    </section>
    <h2>${t("dashboard-lectures-registrations")}</h2>
    ${
      view.rows.length === 0
        ? html`<p class="empty">${t("dashboard-events-nobody")}</p>`
        : html`<table class="reports" data-testid="lecture-registrations"><thead><tr><th>${t("sheet-csv-name")}</th><th>${t("sheet-csv-status")}</th><th>${t("sheet-csv-signed-up")}</th><th>${t("sheet-csv-checked-in")}</th></tr></thead>
          <tbody>${view.rows.map(
            (r) => html`<tr><td data-label="${t("sheet-csv-name")}">${r.name}</td>
              <td data-label="${t("sheet-csv-status")}">${statusOf(r.status, r.position)}</td>
              <td data-label="${t("sheet-csv-signed-up")}">${formatTime(r.signedUpAt.toISOString(), tz)}</td>
              <td data-label="${t("sheet-csv-checked-in")}">${r.checkedInAt ? formatTime(r.checkedInAt.toISOString(), tz).slice(11) : "—"}</td></tr>`,
          )}</tbody></table>`
    }`,
  );
}
