import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { escapeXml, type Chart, type LegendEntry } from "./draw.js";

/**
 * A chart as a picture of its own (for Telegram): white background, a title, the chart and
 * its legend, all in one SVG, then rendered to PNG by resvg (a Rust renderer) compiled to
 * WebAssembly: no browser, canvas, native binary or system library. The WebAssembly build is
 * used rather than the native one (@resvg/resvg-js) because it takes fonts as buffers: the
 * native build reads its font files again for every run of text, which with the 19 MB CJK font
 * made a chart 8× slower.
 */

/** Names a CJK font first so Chinese labels are drawn; the others are what a machine may have instead. */
export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Noto Sans', 'DejaVu Sans', sans-serif";

const MARGIN = 16;
const TITLE = 24;
const LEGEND_ROW = 24;

/** About how wide a text is drawn at this size: CJK characters are square, others narrower. */
function textWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(char) ? size : size * 0.6;
  return width;
}

/** The legend's entries in rows that fit the width. */
function legendRows(legend: LegendEntry[], width: number): Array<Array<LegendEntry & { x: number }>> {
  const rows: Array<Array<LegendEntry & { x: number }>> = [];
  let row: Array<LegendEntry & { x: number }> = [];
  let x = 0;
  for (const entry of legend) {
    const w = 20 + textWidth(entry.name, 14) + 20;
    if (row.length > 0 && x + w > width) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ ...entry, x });
    x += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** A standalone SVG document: title (and a smaller subtitle), the chart, its legend. */
export function chartPoster(input: { title: string; subtitle?: string; chart: Chart; legend?: LegendEntry[] }): string {
  const { chart } = input;
  const width = chart.width + 2 * MARGIN;
  const rows = legendRows(input.legend ?? [], chart.width);
  let y = MARGIN + TITLE;
  let head = `<text x="${MARGIN}" y="${y}" font-size="${TITLE}" fill="#0f172a">${escapeXml(input.title)}</text>`;
  if (input.subtitle) {
    y += 24;
    head += `<text x="${MARGIN}" y="${y}" font-size="15" fill="#475569">${escapeXml(input.subtitle)}</text>`;
  }
  const chartTop = y + 12;
  const legendTop = chartTop + chart.height + 8;
  const legend = rows
    .map((row, r) =>
      row
        .map((e) => {
          const top = legendTop + r * LEGEND_ROW;
          return `<rect x="${MARGIN + e.x}" y="${top + 3}" width="14" height="14" rx="7" fill="${e.colour}" /><text x="${MARGIN + e.x + 20}" y="${top + 15}" font-size="14" fill="#334155">${escapeXml(e.name)}</text>`;
        })
        .join(""),
    )
    .join("");
  const height = legendTop + rows.length * LEGEND_ROW + MARGIN;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(CHART_FONT_FAMILY)}">` +
    `<rect width="${width}" height="${height}" fill="#ffffff" />${head}` +
    `<svg x="${MARGIN}" y="${chartTop}" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}">${chart.body}</svg>` +
    `${legend}</svg>`
  );
}

/**
 * Font files looked for: Debian's and Fedora's Noto Sans CJK (the CI installs fonts-noto-cjk),
 * and a Latin font. The WebAssembly build cannot search the system's fonts: it draws with these.
 */
const FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
];

let fontFiles: string[] | undefined;
/** The font files found on this machine (looked for once). */
export function chartFontFiles(): string[] {
  fontFiles ??= FONT_CANDIDATES.filter((file) => existsSync(file));
  return fontFiles;
}

let ready: Promise<void> | undefined;
const fontBuffers = new Map<string, Uint8Array>();

/** Loads the WebAssembly module once per process. */
function initRenderer(): Promise<void> {
  ready ??= initWasm(readFileSync(createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm")));
  return ready;
}

/** A font file's bytes, read once; a file that cannot be read is left out. */
function fontBuffer(file: string): Uint8Array[] {
  if (!fontBuffers.has(file)) {
    try {
      fontBuffers.set(file, readFileSync(file));
    } catch {
      return [];
    }
  }
  return [fontBuffers.get(file)!];
}

/**
 * The SVG as a PNG at twice its size (sharp on a phone). Without a CJK font Chinese is left out
 * (and without any font, all text), but a picture is still made. Rendering is synchronous, in
 * this thread: 0.1–1 s for a chart (see bench:charts).
 */
export async function renderPng(svg: string, options: { fontFiles?: string[]; scale?: number } = {}): Promise<Buffer> {
  await initRenderer();
  const buffers = (options.fontFiles ?? chartFontFiles()).flatMap(fontBuffer);
  const resvg = new Resvg(svg, {
    font: { fontBuffers: buffers, defaultFontFamily: "Noto Sans CJK SC" },
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
  });
  return Buffer.from(resvg.render().asPng());
}
