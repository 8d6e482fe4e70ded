/**
 * Charts drawn as SVG on the server, from plain figures and labels: the dashboard puts them in
 * its pages, the bot turns them into PNG images (see image.ts). Pure functions; every text that
 * goes in is escaped here. Colours are presentation attributes (not a style sheet), so a chart
 * looks the same without the dashboard's CSS and passes its strict CSP.
 */

/** Colours for a chart's series, told apart also in grey print (dark to light). */
export const palette = ["#1d4ed8", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed", "#0891b2", "#a16207", "#64748b"];

/** A drawn chart: SVG elements inside a box of width × height (the viewBox). */
export interface Chart {
  width: number;
  height: number;
  body: string;
}

/** A series' name and its colour, for a legend. */
export interface LegendEntry {
  name: string;
  colour: string;
}

const W = 800;
const H = 300;
const PAD = { left: 48, right: 16, top: 16, bottom: 44 };
const TICK = 'class="tick" font-size="12" fill="#64748b"';

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text and attribute values in SVG (XML): names are typed by people. */
export const escapeXml = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => entities[c]!);

const round = (v: number) => Math.round(v * 10) / 10;

/** A round step for an axis that ends at or above `max` with about five lines; counts step by whole numbers. */
export function axis(max: number, options: { whole?: boolean } = {}): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = options.whole ? Math.max(1, max / 5) : max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Math.round(v * 1000) / 1000);
  if (ticks.at(-1)! < max) ticks.push(ticks.at(-1)! + step);
  return ticks;
}

/** The chart as an <svg> element to put in a page (scaled by its CSS), named for screen readers. */
export function chartSvg(chart: Chart, label: string): string {
  return `<svg class="chart" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${escapeXml(label)}">${chart.body}</svg>`;
}

function grid(ticks: number[], y: (v: number) => number): string {
  return ticks
    .map(
      (v) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e8f0" /><text ${TICK} x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
    )
    .join("");
}

/** Labels under the x axis, thinned so they do not overlap. */
function xAxis(labels: string[], x: (i: number) => number): string {
  const every = Math.max(1, Math.ceil(labels.length / 10));
  return labels
    .map((label, i) => (i % every === 0 ? `<text ${TICK} x="${x(i)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${escapeXml(label)}</text>` : ""))
    .join("");
}

function scale(ticks: number[], count: number) {
  const top = ticks.at(-1)!;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, count);
  return {
    y: (v: number) => round(H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom)),
    x: (i: number) => round(PAD.left + slot * (i + 0.5)),
    slot,
  };
}

/** Stacked bars: one bar per x label, one coloured part per series. */
export function stackedBars(labels: string[], series: Array<{ name: string; values: number[] }>): Chart {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ticks = axis(Math.max(0, ...totals), { whole: true });
  const { x, y, slot } = scale(ticks, labels.length);
  const width = Math.max(1, round(slot * 0.7));
  const bars = labels.map((label, i) => {
    let base = 0;
    return series
      .map((s, k) => {
        const value = s.values[i] ?? 0;
        if (value <= 0) return "";
        const part = `<rect class="bar" x="${round(x(i) - width / 2)}" y="${y(base + value)}" width="${width}" height="${round(Math.max(0, y(base) - y(base + value)))}" fill="${palette[k % palette.length]}"><title>${escapeXml(`${label} · ${s.name}: ${value}`)}</title></rect>`;
        base += value;
        return part;
      })
      .join("");
  });
  return { width: W, height: H, body: grid(ticks, y) + bars.join("") + xAxis(labels, x) };
}

/** Lines over the same x labels; a missing value (null) leaves a gap in its series. */
export function lines(labels: string[], series: Array<{ name: string; values: Array<number | null> }>): Chart {
  const ticks = axis(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const { x, y } = scale(ticks, labels.length);
  const drawn = series.map((s, k) => {
    const colour = palette[k % palette.length]!;
    const points = s.values.flatMap((v, i) => (v === null ? [] : [`${x(i)},${y(v)}`]));
    const dots = s.values
      .map((v, i) =>
        v === null
          ? ""
          : `<circle class="point" cx="${x(i)}" cy="${y(v)}" r="4" fill="${colour}"><title>${escapeXml(`${labels[i]} · ${s.name}: ${v}`)}</title></circle>`,
      )
      .join("");
    return `<polyline class="line" points="${points.join(" ")}" fill="none" stroke-width="3" stroke="${colour}" />${dots}`;
  });
  return { width: W, height: H, body: grid(ticks, y) + drawn.join("") + xAxis(labels, x) };
}

/** Horizontal bars of shares (0–1), one per row, with the figure written at the end; null: no bar. */
export function shareBars(rows: Array<{ name: string; share: number | null; detail: string }>): Chart {
  const rowHeight = 30;
  const height = Math.max(1, rows.length) * rowHeight + 8;
  // Names are drawn, not wrapped: room for about 20 Chinese characters or 34 Latin ones.
  const left = 320;
  const span = W - left - 130;
  const body = rows
    .map((row, i) => {
      const top = i * rowHeight;
      const share = row.share === null ? null : Math.min(1, Math.max(0, row.share));
      return (
        `<text ${TICK} x="${left - 8}" y="${top + 20}" text-anchor="end">${escapeXml(row.name)}</text>` +
        `<rect class="track" x="${left}" y="${top + 6}" width="${span}" height="18" fill="#eef2f7" />` +
        (share === null ? "" : `<rect class="bar" x="${left}" y="${top + 6}" width="${Math.round(span * share)}" height="18" fill="${palette[0]}" />`) +
        `<text ${TICK} x="${left + span + 8}" y="${top + 20}">${escapeXml(row.detail)}</text>`
      );
    })
    .join("");
  return { width: W, height, body };
}
