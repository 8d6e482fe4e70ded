// The dashboard's part of bench:staff: the reports list as the dashboard asks for it (its query
// string read by parseListQuery, one page from the staff feature's searchReports, with the
// count), each filter on its own, one list page through the Hono app (session, rendering), and
// a year's chart data as /dashboard/figures gathers it. Called by bench/staff.ts on its database.
import { systemClock } from "../src/clock.js";
import type { Database } from "../src/db/client.js";
import { createDashboard } from "../src/features/dashboard/app.js";
import type { DashboardDeps } from "../src/features/dashboard/context.js";
import { LIST_PAGE_SIZE, parseListQuery } from "../src/features/dashboard/list-query.js";
import { createSignInLink } from "../src/features/dashboard/sessions.js";
import { addDays, dayIn } from "../src/features/evaluation/days.js";
import { reportsPerDay, resolveHoursPerWeek, statsWithSeries } from "../src/features/evaluation/series.js";
import { computeStats } from "../src/features/evaluation/stats.js";
import { searchReports } from "../src/features/staff/report-search.js";
import { hasTrigram } from "../src/features/staff/text-match.js";
import { silentLogger } from "../src/logger.js";
import { createI18n } from "../src/i18n.js";

export interface DashboardIds {
  communityId: number;
  staffId: number;
  inspectorId: number;
  categoryId: number;
  areaId: number;
}

export interface DashboardFigures {
  /** Every filter but the text search. */
  listP95: number;
  /** The text search with three letters or digits in a row (a tracking number, words), which the trigram index serves. */
  textSearchP95: number;
  /** p95 per case, by its query string's name. */
  listByCase: Record<string, number>;
  httpListP95: number;
  chartYear: number;
}

type Timer = <T>(work: () => Promise<T>) => Promise<{ ms: number; value: T }>;
type Stat = (values: number[], p: number) => number;

export async function measureDashboard(
  db: Database,
  ids: DashboardIds,
  now: Date,
  tools: { timed: Timer; percentile: Stat; log: (message: string) => void },
): Promise<DashboardFigures> {
  const { timed, percentile, log } = tools;
  const tz = "Asia/Shanghai";
  const today = dayIn(now, tz);
  const cases: Array<[string, string]> = [
    ["default", ""],
    ["open", "status=open"],
    ["closed", "status=closed"],
    ["kind", `category=${ids.categoryId}`],
    ["area", `area=${ids.areaId}`],
    ["assignee", `assignee=${ids.inspectorId}`],
    ["unassigned", "assignee=none"],
    ["dates", `from=${addDays(today, -30)}&to=${addDays(today, -1)}`],
    ["overdue", "overdue=1"],
    ["number", "q=R-123456"],
    ["words", `q=${encodeURIComponent("#4321")}`],
    // Every description is "楼下垃圾堆了三天没人清理 #<n>", n in the order filed. Three characters
    // in none of them: the index answers alone. "#12" is in 11,111 of them, nearly all among the
    // oldest: more than the count's cap, so the page is looked for newest first. Without a
    // trigram (hasTrigram) the text's two-character pieces are looked up (textRoute): two
    // characters in none of them; "12" in about 5 % (48,000, more than the cap; also a tracking
    // number); two in all of them, common enough (pg_stats) to be read newest first instead.
    ["words-rare", `q=${encodeURIComponent("没有水")}`],
    ["words-many-old", `q=${encodeURIComponent("#12")}`],
    ["words-2", `q=${encodeURIComponent("漏水")}`],
    ["words-2-some", "q=12"],
    ["words-2-common", `q=${encodeURIComponent("垃圾")}`],
    ["deadline-sort", "sort=deadline"],
    ["open-deadline-sort", "status=open&sort=deadline"],
    ["oldest", "sort=oldest"],
    ["deep-page", "page=2000"],
    ["area+open+kind", `area=${ids.areaId}&status=open&category=${ids.categoryId}`],
  ];
  const page = (query: string) => {
    const parsed = parseListQuery(new URLSearchParams(query), ids.staffId, tz);
    return searchReports(db, ids.communityId, { all: true }, parsed.search, { page: parsed.page, size: LIST_PAGE_SIZE }, now);
  };
  for (const [, query] of cases) await page(query); // warm-up
  const all: number[] = [];
  const text: number[] = [];
  const listByCase: Record<string, number> = {};
  for (const [name, query] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) times.push((await timed(() => page(query))).ms);
    const q = new URLSearchParams(query).get("q");
    if (q === null) all.push(...times);
    else if (hasTrigram(q)) text.push(...times); // the others are in listByCase only
    listByCase[name] = Math.round(percentile(times, 95) * 10) / 10;
    log(`dashboard list ${name} (${query || "no filter"}): p95 ${listByCase[name]} ms`);
  }

  // One page through the app: the session's lookup, the filters' choices, the rendering.
  const i18n = createI18n();
  const deps: DashboardDeps = {
    db,
    clock: systemClock,
    logger: silentLogger,
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    // Only pages are read here; nothing is changed.
    workflow: {} as DashboardDeps["workflow"],
    refreshViews: (async () => {}) as unknown as DashboardDeps["refreshViews"],
    telegramFile: async () => undefined,
    uploadPhoto: async () => {
      throw new Error("nothing is uploaded in the bench");
    },
    sessionHours: 12,
    secureCookies: false,
  };
  const app = createDashboard(deps);
  const link = await createSignInLink(db, { userId: ids.staffId, communityId: ids.communityId, at: systemClock.now() });
  if (!link) throw new Error("the bench's staff member may not sign in");
  const signedIn = await app.request("http://bench.test/dashboard/sign-in", {
    method: "POST",
    body: new URLSearchParams({ token: link.token }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const cookie = (signedIn.headers.get("Set-Cookie") ?? "").split(";")[0]!;
  const get = async (query: string) => {
    const response = await app.request(`http://bench.test/dashboard/reports${query ? `?${query}` : ""}`, { headers: { Cookie: cookie } });
    if (response.status !== 200) throw new Error(`the list answered ${response.status}`);
    return response.text();
  };
  await get("");
  const http: number[] = [];
  for (const [, query] of cases.filter(([name]) => ["default", "open", "area", "overdue", "deadline-sort"].includes(name))) {
    for (let i = 0; i < 10; i++) http.push((await timed(() => get(query))).ms);
  }
  const httpListP95 = percentile(http, 95);
  log(`dashboard list through the app (default, open, area, overdue, deadline): p95 ${Math.round(httpListP95 * 10) / 10} ms`);

  // A year's chart data, as /dashboard/figures gathers it: the figures and the two series at once.
  const year = { from: addDays(today, -364), to: today };
  const chart = () => statsWithSeries(db, ids.communityId, year, now);
  const first = await timed(chart);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await timed(chart)).ms);
  const chartYear = percentile(warm, 50);
  log(`dashboard chart data for ${year.from}..${year.to}: first ${Math.round(first.ms)} ms, then median ${Math.round(chartYear)} ms`);
  // Where the time goes, one after another.
  const stats = await timed(() => computeStats(db, ids.communityId, year, now));
  const bounds = { fromUtc: stats.value.fromUtc, toUtc: stats.value.toUtc, timezone: stats.value.timezone };
  const perDay = await timed(() => reportsPerDay(db, ids.communityId, bounds));
  const perWeek = await timed(() => resolveHoursPerWeek(db, ids.communityId, bounds));
  log(`  of which computeStats ${Math.round(stats.ms)} ms, reportsPerDay ${Math.round(perDay.ms)} ms, resolveHoursPerWeek ${Math.round(perWeek.ms)} ms`);
  return { listP95: percentile(all, 95), textSearchP95: percentile(text, 95), listByCase, httpListP95, chartYear };
}
