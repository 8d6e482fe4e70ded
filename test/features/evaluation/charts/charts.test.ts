import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { axis, chartSvg, lines, shareBars, stackedBars } from "../../../../src/features/evaluation/charts/draw.js";
import { evaluationCharts } from "../../../../src/features/evaluation/charts/figures.js";
import { chartPoster, renderPng } from "../../../../src/features/evaluation/charts/image.js";
import { dailyPicture, statsPictures } from "../../../../src/features/evaluation/charts/pictures.js";
import type { Stats } from "../../../../src/features/evaluation/stats.js";
import { createI18n } from "../../../../src/i18n.js";
import { PNG_MAGIC, pngSize } from "../../../helpers/png.js";

// The chart functions the dashboard and the bot share: SVG from figures and labels, and the
// PNG pictures Telegram gets. The pictures are written to test-output/ to be looked at.

const i18n = createI18n();
const tr = (locale: string) => (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
const output = fileURLToPath(new URL("../../../../test-output/", import.meta.url));

const group = (reports: number, judged: number, met: number, ratings = 0, average: number | null = null) => ({
  reports,
  resolved: met,
  deadline: { judged, met, share: judged === 0 ? null : met / judged },
  reopen: { reports: 0, rate: 0 },
  rating: { count: ratings, average },
});

const stats = {
  communityId: 1,
  period: { from: "2026-04-01", to: "2026-04-07" },
  timezone: "Asia/Shanghai",
  fromUtc: "2026-03-31T16:00:00.000Z",
  toUtc: "2026-04-07T16:00:00.000Z",
  ...group(9, 6, 4, 3, 4.3),
  medianHours: 5,
  p90Hours: 20,
  byCategory: [
    { id: 1, icon: "🗑️", name: { "zh-CN": "垃圾堆放", en: "Garbage pile" }, ...group(6, 4, 3, 2, 4.5) },
    { id: 2, icon: "🚻", name: { "zh-CN": "公共厕所", en: "Public toilet" }, ...group(3, 2, 1, 1, 4) },
  ],
  byArea: [
    { id: 1, name: "北区", ...group(5, 4, 3, 2, 4.5) },
    { id: null, name: null, ...group(4, 2, 1, 1, 4) },
  ],
  inspectors: [{ id: 7, name: "Li <b>&", assigned: 5, ...group(5, 4, 3, 1, 5) }],
  volunteering: {} as Stats["volunteering"],
  lectures: {} as Stats["lectures"],
} as Stats;
const series = {
  days: ["2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07"],
  perDay: [
    { day: "2026-04-01", categoryId: 1, reports: 2 },
    { day: "2026-04-01", categoryId: 2, reports: 1 },
    { day: "2026-04-03", categoryId: 1, reports: 4 },
    { day: "2026-04-06", categoryId: 2, reports: 2 },
  ],
  perWeek: [
    { week: "2026-03-30", resolved: 3, medianHours: 4, p90Hours: 18.5 },
    { week: "2026-04-06", resolved: 1, medianHours: 7, p90Hours: 7 },
  ],
};

describe("the SVG charts", () => {
  it("ends an axis on a round step at or above the top value", () => {
    expect(axis(0)).toEqual([0, 1]);
    expect(axis(4)).toEqual([0, 1, 2, 3, 4]);
    expect(axis(37)).toEqual([0, 10, 20, 30, 40]);
    expect(axis(Number.NaN)).toEqual([0, 1]);
    expect(axis(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(axis(1, { whole: true })).toEqual([0, 1]);
    expect(axis(3, { whole: true })).toEqual([0, 1, 2, 3]);
  });

  it("stacks a bar per day with a part per series, and a tooltip naming each", () => {
    const chart = stackedBars(
      ["04-01", "04-02"],
      [
        { name: "A", values: [2, 0] },
        { name: "B", values: [1, 3] },
      ],
    );
    expect(chart.body.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(chart.body).toContain("<title>04-01 · A: 2</title>");
    expect(chart.body).toContain("<title>04-02 · B: 3</title>");
    expect(chart.body).not.toContain("04-02 · A");
    expect(chartSvg(chart, 'a "title"')).toMatch(/^<svg class="chart" viewBox="0 0 800 300" role="img" aria-label="a &quot;title&quot;">/);
  });

  it("draws lines with a gap for a missing value, and escapes names", () => {
    const chart = lines(["w1", "w2", "w3"], [{ name: "<median>", values: [1, null, 3] }]);
    expect(chart.body.match(/<circle/g)).toHaveLength(2);
    expect(chart.body).toContain("&lt;median&gt;");
    expect(chart.body).not.toContain("<median>");
  });

  it("draws share bars clamped to 0–1, and no bar for an unknown share", () => {
    const chart = shareBars([
      { name: "a & b", share: 0.5, detail: "50%" },
      { name: "none", share: null, detail: "—" },
      { name: "over", share: 1.5, detail: "150%" },
    ]);
    expect(chart.body.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(chart.body).toContain("a &amp; b");
    // A share over 1 fills the track (350 wide) and no more.
    expect(chart.body.match(/<rect class="bar"[^>]*width="(\d+)"/g)!.map((r) => /width="(\d+)"/.exec(r)![1])).toEqual(["175", "350"]);
    expect(shareBars([]).height).toBeGreaterThan(0);
  });

  it.each([
    ["en", ["Reports per day, by kind", "Share dealt with in time, by area", "Residents' satisfaction (stars of 5), by assignee"], "Garbage pile"],
    ["zh-CN", ["每天的上报（按类型）", "按期处理的比例（按片区）", "居民满意度（满分 5 星，按处理人）"], "垃圾堆放"],
  ])("names every evaluation chart in the reader's language (%s)", (locale, titles, category) => {
    const charts = evaluationCharts(stats, series, locale, tr(locale), { icons: true });
    expect(charts.map((c) => c.id)).toEqual([
      "per-day",
      "resolve-hours",
      "in-time-category",
      "in-time-area",
      "in-time-assignee",
      "rating-area",
      "rating-assignee",
    ]);
    for (const title of titles) expect(charts.map((c) => c.title)).toContain(title);
    expect(charts[0]!.legend.map((l) => l.name)).toEqual([`🗑️ ${category}`, locale === "en" ? "🚻 Public toilet" : "🚻 公共厕所"]);
    // The assignee's name is escaped, the area without one is named.
    expect(charts.find((c) => c.id === "rating-assignee")!.chart!.body).toContain("Li &lt;b&gt;&amp;");
    expect(charts.find((c) => c.id === "in-time-area")!.chart!.body).toContain(locale === "en" ? "Outside any area" : "未划入网格");
    expect(charts.find((c) => c.id === "rating-area")!.chart!.body).toContain("4.5 ★ (2)");
  });

  it("draws nothing for a period with nothing to show, and says so", () => {
    const empty = { ...stats, byCategory: [], byArea: [], inspectors: [] } as Stats;
    const charts = evaluationCharts(empty, { days: series.days, perDay: [], perWeek: [] }, "en", tr("en"), { icons: true });
    expect(charts.every((c) => c.chart === null)).toBe(true);
    expect(charts.find((c) => c.id === "resolve-hours")!.empty).toBe("Nothing filed in this period has been dealt with yet.");
    expect(charts.find((c) => c.id === "rating-area")!.empty).toBe("No ratings for this period's reports yet.");
  });
});

describe("the PNG pictures", () => {
  it("renders a poster to a PNG twice its size", async () => {
    const chart = stackedBars(["a"], [{ name: "x", values: [1] }]);
    const svg = chartPoster({ title: "T", chart, legend: [{ name: "x", colour: "#000" }] });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="832" height="(\d+)"/);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    const png = await renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
    expect(pngSize(png)).toEqual({ width: 1664, height: height * 2 });
  });

  it.each(["en", "zh-CN"])("draws /stats's pictures in %s, with text in them", async (locale) => {
    const pictures = await statsPictures(stats, series, locale, tr(locale));
    expect(pictures.map((p) => p.id)).toEqual(["per-day", "resolve-hours", "in-time-category", "rating-area"]);
    mkdirSync(output, { recursive: true });
    for (const p of pictures) {
      expect([...p.png.subarray(0, 8)]).toEqual(PNG_MAGIC);
      expect(pngSize(p.png).width).toBe(1664);
      expect(p.png.length).toBeGreaterThan(10_000);
      writeFileSync(`${output}chart-${p.id}-${locale}.png`, p.png);
    }
  });

  it("draws the daily report's picture, and none when nothing was filed", async () => {
    const input = { communityName: "幸福社区", categories: stats.byCategory, series };
    for (const locale of ["en", "zh-CN"]) {
      const picture = await dailyPicture(input, locale, tr(locale));
      expect(picture!.title).toBe(locale === "en" ? "Reports per day, by kind: the last 7 days" : "最近 7 天每天的上报（按类型）");
      writeFileSync(`${output}chart-daily-${locale}.png`, picture!.png);
    }
    expect(await dailyPicture({ ...input, series: { days: series.days, perDay: [] } }, "en", tr("en"))).toBeNull();
  });

  it("still makes a picture on a machine without a CJK font, or without any font", async () => {
    const svg = chartPoster({ title: "每天的上报 per day", chart: stackedBars(["04-01"], [{ name: "垃圾", values: [1] }]) });
    const latinOnly = await renderPng(svg, { fontFiles: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"] });
    const missing = await renderPng(svg, { fontFiles: ["/nonexistent/font.ttf"] });
    for (const png of [latinOnly, missing]) {
      expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
      expect(pngSize(png).width).toBe(1664);
    }
    writeFileSync(`${output}chart-no-cjk-font.png`, latinOnly);
  });
});
