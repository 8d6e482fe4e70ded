import { MAX_INTEGER_ID } from "../../db/column-range.js";
import { reportStatuses, type ReportStatus } from "../../db/schema/index.js";
import { parseLocalDateTime } from "../../time.js";
import { addDays, isDay } from "../evaluation/days.js";
import { reportSorts, type ReportSearch, type ReportSort } from "../staff/report-search.js";

export const LIST_PAGE_SIZE = 25;
/** Pages past this are a typed URL, not a long list. */
const LAST_PAGE = 100_000;
const TEXT_MAX = 100;

/** The list's filters as the form shows them again: what was typed, or "" for a field left empty or refused. */
export interface ListForm {
  q: string;
  status: string;
  category: string;
  area: string;
  assignee: string;
  from: string;
  to: string;
  overdue: boolean;
  sort: ReportSort;
}

export interface ListQuery {
  search: ReportSearch;
  page: number;
  form: ListForm;
  /** Fields that could not be read (left out of the search, and named to the person). */
  problems: Array<keyof ListForm | "page">;
}

const id = (value: string): number | undefined => (/^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_INTEGER_ID ? Number(value) : undefined);
const userId = (value: string): number | undefined => (/^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined);

/**
 * The list's query string, read field by field: a field that does not parse is left out and
 * reported, never passed on, so a hand-edited URL gets a clear note and a sensible list.
 * `me` is the member looking ("assignee=me"); dates are days in the community's time zone.
 */
export function parseListQuery(params: URLSearchParams, me: number, tz: string): ListQuery {
  const get = (name: string) => (params.get(name) ?? "").trim();
  const problems: ListQuery["problems"] = [];
  const search: ReportSearch = {};
  const form: ListForm = { q: "", status: "", category: "", area: "", assignee: "", from: "", to: "", overdue: false, sort: "newest" };

  const q = get("q");
  if (q.length > TEXT_MAX) problems.push("q");
  else if (q) search.text = form.q = q;

  const status = get("status");
  if (status === "open" || (reportStatuses as readonly string[]).includes(status)) search.status = form.status = status as ReportStatus | "open";
  else if (status) problems.push("status");

  for (const field of ["category", "area"] as const) {
    const value = get(field);
    const parsed = id(value);
    if (parsed !== undefined) {
      form[field] = value;
      if (field === "category") search.categoryId = parsed;
      else search.areaId = parsed;
    } else if (value) problems.push(field);
  }

  const assignee = get("assignee");
  if (assignee === "me") search.assigneeId = me;
  else if (assignee === "none") search.unassigned = true;
  else if (userId(assignee) !== undefined) search.assigneeId = userId(assignee);
  if (assignee === "me" || assignee === "none" || userId(assignee) !== undefined) form.assignee = assignee;
  else if (assignee) problems.push("assignee");

  for (const field of ["from", "to"] as const) {
    const value = get(field);
    if (!value) continue;
    // "to" is the last day included: the search stops at the start of the day after it.
    const start = isDay(value) ? parseLocalDateTime(`${field === "to" ? addDays(value, 1) : value} 00:00`, tz) : undefined;
    if (!start) {
      problems.push(field);
      continue;
    }
    form[field] = value;
    if (field === "from") search.createdFrom = start;
    else search.createdBefore = start;
  }

  const overdue = get("overdue");
  if (overdue === "1") search.overdue = form.overdue = true;
  else if (overdue) problems.push("overdue");

  const sort = get("sort");
  if ((reportSorts as readonly string[]).includes(sort)) search.sort = form.sort = sort as ReportSort;
  else if (sort) problems.push("sort");

  const pageText = get("page");
  let page = 0;
  if (/^[1-9]\d{0,5}$/.test(pageText) && Number(pageText) <= LAST_PAGE) page = Number(pageText) - 1;
  else if (pageText) problems.push("page");

  return { search, page, form, problems };
}

/** The query string of the list with these filters, on another page (1-based), for links. */
export function listHref(form: ListForm, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (key === "overdue") {
      if (value) params.set("overdue", "1");
    } else if (key === "sort") {
      if (value !== "newest") params.set("sort", String(value));
    } else if (value) params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/dashboard/reports${query ? `?${query}` : ""}`;
}
