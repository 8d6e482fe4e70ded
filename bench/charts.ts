// npm run bench:charts — how long one evaluation chart takes to become a PNG (@resvg/resvg-wasm):
// a month of reports per day by kind (8 kinds, 31 days) and a share chart of 50 areas, each
// rendered RUNS times (the first render of each counted apart: it reads the font files cold).
// Prints one JSON line, last.
import { performance } from "node:perf_hooks";
import { shareBars, stackedBars } from "../src/features/evaluation/charts/draw.js";
import { chartFontFiles, chartPoster, renderPng } from "../src/features/evaluation/charts/image.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const days = Array.from({ length: 31 }, (_, i) => `05-${String(i + 1).padStart(2, "0")}`);
const kinds = Array.from({ length: 8 }, (_, k) => ({ name: `类型 ${k + 1} kind`, values: days.map((_, i) => (i * 7 + k * 3) % 11) }));
const areas = Array.from({ length: 50 }, (_, i) => ({ name: `第 ${i + 1} 网格 area`, share: (i % 10) / 10, detail: `${(i % 10) * 10}% (${i % 10}/10)` }));
const charts = {
  perDay: chartPoster({ title: "每天的上报（按类型）", subtitle: "2026-05-01 至 2026-05-31", chart: stackedBars(days, kinds), legend: [] }),
  areas: chartPoster({ title: "按期处理的比例（按片区）", subtitle: "2026-05-01 至 2026-05-31", chart: shareBars(areas) }),
};

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
const result: Record<string, unknown> = { bench: "charts", runs: RUNS, fonts: chartFontFiles() };
for (const [name, svg] of Object.entries(charts)) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const png = await renderPng(svg);
    times.push(performance.now() - start);
    bytes = png.length;
  }
  const [first, ...rest] = times;
  result[name] = { firstMs: Math.round(first!), p50Ms: Math.round(percentile(rest, 0.5)), p95Ms: Math.round(percentile(rest, 0.95)), pngBytes: bytes };
}
console.log(JSON.stringify(result));
