import { html } from "hono/html";
import { reportStatuses } from "../../../db/schema/index.js";
import { formatReportNumber } from "../../reports/numbers.js";
import { formatTime, statusKeys } from "../../reports/views.js";
import type { QueueItem } from "../../staff/queue.js";
import { pickTranslation } from "../../../translated.js";
import { listHref, type ListForm, type ListQuery } from "../list-query.js";
import { page, type Frame, type Html } from "./layout.js";

export interface ListChoices {
  categories: Array<{ id: number; label: string }>;
  areas: Array<{ id: number; name: string }>;
  /** People reports can be assigned to (staff see them all; an inspector's list has only "me"). */
  assignees: Array<{ id: number; name: string }>;
}

export interface ListView {
  query: ListQuery;
  items: QueueItem[];
  total: number;
  /** More match than were counted (total is the cap). */
  capped: boolean;
  pageSize: number;
  choices: ListChoices;
  timezone: string;
  /** Staff and admins also get the month's evaluation figures. */
  staff: boolean;
}

const option = (value: string, label: string, chosen: string) => html`<option value="${value}" ${value === chosen ? "selected" : ""}>${label}</option>`;

/** The filter form, for the list or the map (the same fields, the same address shape). */
export function filters(frame: Frame, form: ListForm, choices: ListChoices, action = "/dashboard/reports"): Html {
  const { t } = frame;
  return html`<form class="filters" method="get" action="${action}" data-testid="filters">
    <label class="wide">${t("dashboard-filter-search")}
      <input type="search" name="q" value="${form.q}" maxlength="100" placeholder="${t("dashboard-filter-search-hint")}" /></label>
    <label>${t("dashboard-filter-status")}
      <select name="status" data-autosubmit>
        ${option("", t("dashboard-filter-any"), form.status)}${option("open", t("dashboard-filter-status-open"), form.status)}
        ${reportStatuses.map((s) => option(s, t(statusKeys[s]), form.status))}
      </select></label>
    <label>${t("dashboard-filter-category")}
      <select name="category" data-autosubmit>
        ${option("", t("dashboard-filter-any"), form.category)}${choices.categories.map((c) => option(String(c.id), c.label, form.category))}
      </select></label>
    <label>${t("dashboard-filter-area")}
      <select name="area" data-autosubmit>
        ${option("", t("dashboard-filter-any"), form.area)}${choices.areas.map((a) => option(String(a.id), a.name, form.area))}
      </select></label>
    <label>${t("dashboard-filter-assignee")}
      <select name="assignee" data-autosubmit>
        ${option("", t("dashboard-filter-any"), form.assignee)}${option("me", t("dashboard-filter-mine"), form.assignee)}
        ${option("none", t("dashboard-filter-unassigned"), form.assignee)}
        ${choices.assignees.map((a) => option(String(a.id), a.name, form.assignee))}
      </select></label>
    <label>${t("dashboard-filter-from")}<input type="date" name="from" value="${form.from}" /></label>
    <label>${t("dashboard-filter-to")}<input type="date" name="to" value="${form.to}" /></label>
    <label class="check"><input type="checkbox" name="overdue" value="1" ${form.overdue ? "checked" : ""} data-autosubmit /> ${t("dashboard-filter-overdue")}</label>
    <label>${t("dashboard-filter-sort")}
      <select name="sort" data-autosubmit>
        ${(["newest", "oldest", "deadline"] as const).map((s) => option(s, t(`dashboard-sort-${s}`), form.sort))}
      </select></label>
    <div class="filter-buttons">
      <button type="submit">${t("dashboard-filter-apply")}</button>
      <a class="button secondary" href="${action}">${t("dashboard-filter-clear")}</a>
    </div>
  </form>`;
}

function rows(frame: Frame, view: ListView): Html {
  const { t, locale } = frame;
  return html`<table class="reports" data-testid="report-table">
    <thead><tr>
      <th>${t("dashboard-col-number")}</th><th>${t("dashboard-col-kind")}</th><th>${t("dashboard-col-status")}</th>
      <th>${t("dashboard-col-area")}</th><th>${t("dashboard-col-assignee")}</th><th>${t("dashboard-col-created")}</th><th>${t("dashboard-col-deadline")}</th>
    </tr></thead>
    <tbody>
      ${view.items.map((item) => {
        const number = formatReportNumber(item.number);
        return html`<tr class="${item.overdue ? "overdue" : ""}" data-number="${number}">
          <td data-label="${t("dashboard-col-number")}"><a href="/dashboard/reports/${item.number}">${number}</a></td>
          <td data-label="${t("dashboard-col-kind")}">${item.icon} ${pickTranslation(item.categoryName, locale)}</td>
          <td data-label="${t("dashboard-col-status")}"><span class="status status-${item.status}">${t(statusKeys[item.status])}</span></td>
          <td data-label="${t("dashboard-col-area")}">${item.areaName ?? "—"}</td>
          <td data-label="${t("dashboard-col-assignee")}">${item.assigneeName ?? t("dashboard-filter-unassigned")}</td>
          <td data-label="${t("dashboard-col-created")}">${formatTime(item.createdAt, view.timezone)}</td>
          <td data-label="${t("dashboard-col-deadline")}">${item.deadlineAt ? formatTime(item.deadlineAt, view.timezone) : "—"}
            ${item.overdue ? html`<span class="badge overdue-badge">${t("dashboard-overdue")}</span>` : ""}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function pager(frame: Frame, view: ListView): Html {
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const current = view.query.page + 1;
  if (pages <= 1 && current === 1) return html``;
  const { t } = frame;
  // Past the count's cap the last page is not known: a full page offers the next one.
  const label = view.capped ? t("dashboard-page-of-many", { page: current }) : t("dashboard-page", { page: current, pages });
  const next = view.capped ? view.items.length === view.pageSize : current < pages;
  return html`<nav class="pager" aria-label="${label}">
    ${current > 1 ? html`<a class="button secondary" rel="prev" href="${listHref(view.query.form, view.capped ? current - 1 : Math.min(current - 1, pages))}">${t("dashboard-page-prev")}</a>` : ""}
    <span>${label}</span>
    ${next ? html`<a class="button secondary" rel="next" href="${listHref(view.query.form, current + 1)}">${t("dashboard-page-next")}</a>` : ""}
  </nav>`;
}

/** The reports list: filters, the count, one page of rows, and the pages. */
export function reportListPage(frame: Frame, view: ListView): Html {
  const { t } = frame;
  const problems = view.query.problems;
  return page(
    frame,
    html`<h1>${t("dashboard-reports-title")}</h1>
    ${filters(frame, view.query.form, view.choices)}
    ${problems.length > 0 ? html`<p class="notice warning" role="status">${t("dashboard-bad-filter", { fields: problems.map((p) => t(`dashboard-field-${p}`)).join(", ") })}</p>` : ""}
    <div class="count-line">
      <p class="count" data-testid="report-count">${t(view.capped ? "dashboard-count-capped" : "dashboard-count", { count: view.total })}</p>
      <a class="button secondary" data-testid="export-list" href="${listHref(view.query.form, 1).replace("/dashboard/reports", "/dashboard/reports.csv")}" download>${t("dashboard-export-list")}</a>
      <a class="button secondary" data-testid="export-month" href="/dashboard/reports.csv?period=month" download>${t("dashboard-export-month")}</a>
      ${view.staff ? html`<a class="button secondary" data-testid="export-stats" href="/dashboard/stats.csv" download>${t("dashboard-export-stats")}</a>` : ""}
    </div>
    ${view.items.length > 0 ? rows(frame, view) : html`<p class="empty">${t("dashboard-none")}</p>`}
    ${pager(frame, view)}`,
  );
}
