import { html } from "hono/html";
import type { Html } from "./layout.js";

/** Colours for a chart's series, told apart also in grey print (dark to light). */
export const palette = ["#1d4ed8", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed", "#0891b2", "#a16207", "#64748b"];

const W = 800;
const H = 300;
const PAD = { left: 48, right: 16, top: 16, bottom: 44 };

/** A round step for an axis that ends at or above `max` with about five lines. */
function axis(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Math.round(v * 1000) / 1000);
  if (ticks.at(-1)! < max) ticks.push(ticks.at(-1)! + step);
  return ticks;
}

function frame(label: string, ticks: number[], y: (v: number) => number, body: Html, xLabels: Html): Html {
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">
    ${ticks.map((v) => html`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" /><text class="tick" x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)}
    ${body}${xLabels}
  </svg>`;
}

/** Labels under the x axis, thinned so they do not overlap. */
function xAxis(labels: string[], x: (i: number) => number): Html {
  const every = Math.max(1, Math.ceil(labels.length / 10));
  return html`${labels.map((label, i) => (i % every === 0 ? html`<text class="tick" x="${x(i)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${label}</text>` : ""))}`;
}

/** Stacked bars: one bar per x label, one coloured part per series. */
export function stackedBars(label: string, labels: string[], series: Array<{ name: string; values: number[] }>): Html {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ticks = axis(Math.max(0, ...totals));
  const top = ticks.at(-1)!;
  const y = (v: number) => Math.round((H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom)) * 10) / 10;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, labels.length);
  const x = (i: number) => Math.round((PAD.left + slot * (i + 0.5)) * 10) / 10;
  const width = Math.max(1, Math.round(slot * 0.7 * 10) / 10);
  const bars = labels.map((_, i) => {
    let base = 0;
    return series.map((s, k) => {
      const value = s.values[i] ?? 0;
      if (value === 0) return "";
      const part = html`<rect class="bar" x="${x(i) - width / 2}" y="${y(base + value)}" width="${width}" height="${Math.max(0, y(base) - y(base + value))}" fill="${palette[k % palette.length]}"><title>${labels[i]} · ${s.name}: ${value}</title></rect>`;
      base += value;
      return part;
    });
  });
  return frame(label, ticks, y, html`${bars}`, xAxis(labels, x));
}

/** Lines over the same x labels; a missing value (null) breaks the line. */
export function lines(label: string, labels: string[], series: Array<{ name: string; values: Array<number | null> }>): Html {
  const ticks = axis(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const top = ticks.at(-1)!;
  const y = (v: number) => Math.round((H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom)) * 10) / 10;
  const step = (W - PAD.left - PAD.right) / Math.max(1, labels.length);
  const x = (i: number) => Math.round((PAD.left + step * (i + 0.5)) * 10) / 10;
  const drawn = series.map((s, k) => {
    const points = s.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter((p): p is string => p !== null);
    return html`<polyline class="line" points="${points.join(" ")}" stroke="${palette[k % palette.length]}" />
      ${s.values.map((v, i) => (v === null ? "" : html`<circle class="point" cx="${x(i)}" cy="${y(v)}" r="4" fill="${palette[k % palette.length]}"><title>${labels[i]} · ${s.name}: ${v}</title></circle>`))}`;
  });
  return frame(label, ticks, y, html`${drawn}`, xAxis(labels, x));
}

/** Horizontal bars of shares (0–1), one per row, with the figure written at the end. */
export function shareBars(label: string, rows: Array<{ name: string; share: number | null; detail: string }>): Html {
  const rowHeight = 30;
  const height = Math.max(rowHeight, rows.length * rowHeight) + 8;
  // Names are drawn, not wrapped: room for about 20 Chinese characters or 34 Latin ones.
  const left = 320;
  const span = W - left - 110;
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${label}">
    ${rows.map(
      (row, i) => html`<text class="tick" x="${left - 8}" y="${i * rowHeight + 20}" text-anchor="end">${row.name}</text>
        <rect class="track" x="${left}" y="${i * rowHeight + 6}" width="${span}" height="18" />
        ${row.share === null ? "" : html`<rect class="bar" x="${left}" y="${i * rowHeight + 6}" width="${Math.round(span * row.share)}" height="18" fill="${palette[0]}" />`}
        <text class="tick" x="${left + span + 8}" y="${i * rowHeight + 20}">${row.detail}</text>`,
    )}
  </svg>`;
}
