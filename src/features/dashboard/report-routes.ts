import type { Hono } from "hono";
import { MAX_INTEGER_ID } from "../../db/column-range.js";
import { hasAnyRole } from "../accounts/roles.js";
import { categoryName, listActiveCategories } from "../reports/categories.js";
import { openStatuses } from "../reports/lifecycle.js";
import { formatReportNumber } from "../reports/numbers.js";
import { areaShapes, areasLedBy, listAreas } from "../staff/areas.js";
import { listAssignees } from "../staff/cards.js";
import { templatesFor } from "../staff/templates.js";
import { pickTranslation } from "../../translated.js";
import { loadStaffReport, reportPhotoFile, type StaffReport } from "../staff/report-detail.js";
import { inScope, searchReportPoints, searchReports, type ReportScope } from "../staff/report-search.js";
import type { DashboardContext, DashboardDeps, DashboardEnv, SignedIn } from "./context.js";
import { LIST_PAGE_SIZE, parseListQuery } from "./list-query.js";
import { exportRoutes } from "./export-routes.js";
import { figuresRoutes } from "./figures-routes.js";
import { actionRoutes, availableActions, type DashboardAction } from "./report-actions.js";
import { contentRoutes, hideDoneKeys, type ReportRouteHelpers } from "./report-content-routes.js";
import { mayOfferResolve, resolveChoices, resolveRoute } from "./resolve-action.js";
import { messagePage } from "./views/layout.js";
import { projectMap } from "./map.js";
import { mapPage } from "./views/map-page.js";
import { reportListPage, type ListChoices } from "./views/report-list.js";
import { reportPage, type ReportView } from "./views/report-page.js";

const isStaff = (s: SignedIn) => hasAnyRole(s.session.roles, ["staff"]);

/** Staff and admins see the whole community; an inspector their own tasks and the areas they lead. */
async function scopeOf(deps: DashboardDeps, s: SignedIn): Promise<ReportScope> {
  if (isStaff(s)) return { all: true };
  return { all: false, assigneeId: s.session.userId, areaIds: await areasLedBy(deps.db, s.community.id, s.session.userId) };
}

/** More pins than this are not drawn (the count says so): a year of history is for the list. */
const MAP_PIN_LIMIT = 2000;

const doneKeys: Record<DashboardAction | keyof typeof hideDoneKeys | "resolve", string> = {
  accept: "dashboard-done-accept",
  resolve: "dashboard-done-resolve",
  assign: "dashboard-done-assign",
  reject: "dashboard-done-reject",
  duplicate: "dashboard-done-duplicate",
  verify: "dashboard-done-verify",
  reopen: "dashboard-done-reopen",
  ...hideDoneKeys,
};

/** A tracking number from the address ("123"), within the column's range. */
function numberParam(value: string | undefined): number | undefined {
  return value && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_INTEGER_ID ? Number(value) : undefined;
}

/**
 * The reports: the list with its filters, one report's page with its photos (fetched from
 * Telegram on the server), and the staff actions, through the same workflow as the buttons in
 * the staff group (so the history, the audit and the group's card follow).
 */
export function reportRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  /** The report with this number that this person may see, or undefined (answered as "not found"). */
  async function visibleReport(c: DashboardContext): Promise<StaffReport | undefined> {
    const s = c.get("signedIn");
    const number = numberParam(c.req.param("number"));
    const report = number === undefined ? undefined : await loadStaffReport(deps.db, s.community.id, number);
    if (!report || !inScope(await scopeOf(deps, s), { assigneeId: report.card.assignee?.id ?? null, areaId: report.card.areaId })) return undefined;
    return report;
  }

  const notFound = (c: DashboardContext) => {
    const { t, frame } = c.get("signedIn");
    return c.html(messagePage(frame(t("dashboard-not-found")), t("dashboard-not-found"), { href: "/dashboard/reports", label: t("dashboard-back") }), 404);
  };

  async function showReport(c: DashboardContext, report: StaffReport, notice: ReportView["notice"], status: 200 | 400 | 403 | 409 | 413 | 502 = 200) {
    const s = c.get("signedIn");
    const staff = isStaff(s);
    const { card } = report;
    const now = deps.clock.now();
    const view: ReportView = {
      report,
      timezone: s.community.timezone,
      overdue: card.deadlineAt !== null && Date.parse(card.deadlineAt) < now.getTime() && openStatuses.includes(card.status),
      actions: staff ? availableActions(card.status) : [],
      assignees: staff ? await listAssignees(deps.db, s.community.id, card.areaResponsibleId) : [],
      rejectTemplates: staff
        ? (await templatesFor(deps.db, s.community.id, "reject", report.categoryId)).map((tpl) => ({ id: tpl.id, label: pickTranslation(tpl.text, s.locale) }))
        : [],
      // Only what is still shown can be hidden (a voice note is the description too).
      // Resolving is also for the inspector it is assigned to, as in the bot.
      resolve: mayOfferResolve(report, s, staff) ? await resolveChoices(deps, s, report) : undefined,
      hideable: staff ? { description: (card.description !== null || card.hasVoice) && !card.descriptionHidden, photos: report.photos.length > 0 } : undefined,
      notice,
    };
    // The language switch comes back to the report's page, also from an action's answer.
    return c.html(reportPage(s.frame(formatReportNumber(card.number), `/dashboard/reports/${card.number}`), view), status);
  }

  /** What the filters offer: kinds, the areas this person sees, and (for staff) the people reports go to. */
  async function choicesFor(s: SignedIn, scope: ReportScope): Promise<ListChoices> {
    const [categories, areas, assignees] = await Promise.all([
      listActiveCategories(deps.db, s.community.id),
      listAreas(deps.db, s.community.id),
      scope.all ? listAssignees(deps.db, s.community.id, null) : Promise.resolve([]),
    ]);
    return {
      categories: categories.map((cat) => ({ id: cat.id, label: `${cat.icon} ${categoryName(cat, s.locale)}` })),
      areas: scope.all ? areas : areas.filter((a) => scope.areaIds.includes(a.id)),
      assignees: assignees.map((a) => ({ id: a.userId, name: a.name })),
    };
  }

  app.get("/reports", async (c) => {
    const s = c.get("signedIn");
    const url = new URL(c.req.url);
    const query = parseListQuery(url.searchParams, s.session.userId, s.community.timezone);
    const scope = await scopeOf(deps, s);
    const [result, choices] = await Promise.all([
      searchReports(deps.db, s.community.id, scope, query.search, { page: query.page, size: LIST_PAGE_SIZE }, deps.clock.now()),
      choicesFor(s, scope),
    ]);
    const path = `${url.pathname}${url.search}`;
    return c.html(
      reportListPage(s.frame(s.t("dashboard-reports-title"), path), {
        query,
        items: result.items,
        total: result.total,
        capped: result.capped,
        pageSize: LIST_PAGE_SIZE,
        choices,
        timezone: s.community.timezone,
        staff: isStaff(s),
      }),
    );
  });

  // The map: the same filters as the list, open reports unless another status is asked for.
  app.get("/map", async (c) => {
    const s = c.get("signedIn");
    const url = new URL(c.req.url);
    const params = new URLSearchParams(url.searchParams);
    if (!params.has("status")) params.set("status", "open");
    const query = parseListQuery(params, s.session.userId, s.community.timezone);
    const scope = await scopeOf(deps, s);
    const [points, shapes, choices] = await Promise.all([
      searchReportPoints(deps.db, s.community.id, scope, query.search, deps.clock.now(), MAP_PIN_LIMIT),
      areaShapes(deps.db, s.community.id),
      choicesFor(s, scope),
    ]);
    const visibleShapes = scope.all ? shapes : shapes.filter((a) => scope.areaIds.includes(a.id));
    return c.html(
      mapPage(s.frame(s.t("dashboard-map-title"), `${url.pathname}${url.search}`), {
        query,
        map: projectMap(visibleShapes, points.points, deps.mapTiles),
        total: points.total,
        shown: points.points.length,
        choices,
      }),
    );
  });

  app.get("/reports/:number", async (c) => {
    const report = await visibleReport(c);
    if (!report) return notFound(c);
    const { t } = c.get("signedIn");
    const done = c.req.query("done") as keyof typeof doneKeys | undefined;
    const number = formatReportNumber(report.card.number);
    // Said after the redirect that follows an action (a reload says it again, and changes nothing).
    const notice =
      done && Object.hasOwn(doneKeys, done)
        ? { kind: "done" as const, text: t(doneKeys[done], { number, name: report.card.assignee?.name ?? "—" }) }
        : undefined;
    return showReport(c, report, notice);
  });

  app.get("/reports/:number/photos/:photo", async (c) => {
    const report = await visibleReport(c);
    const photoId = numberParam(c.req.param("photo"));
    const photo = report && photoId !== undefined ? await reportPhotoFile(deps.db, report.card.reportId, photoId) : undefined;
    if (!photo) return c.text("not found", 404);
    let file: Awaited<ReturnType<DashboardDeps["telegramFile"]>>;
    try {
      file = await deps.telegramFile(photo.fileId);
    } catch (error) {
      deps.logger.warn({ err: error }, "a report photo could not be fetched from Telegram");
      return c.text("bad gateway", 502);
    }
    if (!file) return c.text("not found", 404);
    return c.body(file.body, 200, { "Content-Type": file.contentType, "Cache-Control": "private, max-age=3600" });
  });

  exportRoutes(app, deps, (s) => scopeOf(deps, s));
  figuresRoutes(app, deps);
  const helpers: ReportRouteHelpers = {
    visibleReport,
    notFound,
    isStaff: (c) => isStaff(c.get("signedIn")),
    answer: (c, report, notice, status) => showReport(c, report, notice, status),
  };
  actionRoutes(app, deps, helpers);
  resolveRoute(app, deps, helpers);
  contentRoutes(app, deps, helpers);
}
