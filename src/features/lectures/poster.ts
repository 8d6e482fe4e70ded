import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { checkInQrPng } from "../events/check-in-qr.js";

/**
 * Fonts with the Chinese glyphs, where Debian's fonts-noto-cjk puts them (and Fedora's, and
 * macOS's own). A TTC holds several faces: the simplified Chinese one is named after the path.
 */
export const CJK_FONTS: ReadonlyArray<{ path: string; face: string }> = [
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", face: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", face: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", face: "NotoSansCJKsc-Regular" },
  { path: "/System/Library/Fonts/PingFang.ttc", face: "PingFangSC-Regular" },
];

/** The first CJK font on this machine, or undefined (then there is no poster, only the QR image). */
export function cjkFont(candidates = CJK_FONTS): { path: string; face: string } | undefined {
  return candidates.find((font) => existsSync(font.path));
}

/** The poster's words, each in both languages: Chinese first, English under it. */
export interface PosterText {
  heading: [string, string];
  time: [string, string];
  place: [string, string];
  scan: [string, string];
  code: [string, string];
}

export interface PosterInput {
  title: string;
  /** "2026-05-03 14:00–16:00", in the community's zone. */
  when: string;
  place: string;
  /** The check-in link the QR code holds. */
  link: string;
  text: PosterText;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/**
 * An A4 poster for the door, as a PDF to print: the lecture's title, time and place, the
 * check-in QR code large in the middle, and how to use it in Chinese and English. The font is
 * subset into the file, so it prints the same anywhere. Undefined when no CJK font is found.
 */
export async function lecturePosterPdf(input: PosterInput, font: { path: string; face: string } | null = cjkFont() ?? null): Promise<Buffer | undefined> {
  if (!font) return undefined;
  const qr = await checkInQrPng(input.link);
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: input.title, Subject: input.text.heading.join(" / ") } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font.path, font.face);
  const width = A4.width - 2 * MARGIN;
  const grey = "#555555";

  doc.font("cjk").fillColor(grey).fontSize(16).text(input.text.heading.join("  ·  "), { align: "center", width });
  doc.moveDown(0.6);
  doc
    .fillColor("black")
    .fontSize(input.title.length > 20 ? 26 : 34)
    .text(input.title, { align: "center", width });
  doc.moveDown(0.6);
  doc.fontSize(16).text(`${input.text.time[0]} ${input.when}`, { align: "center", width });
  doc.text(`${input.text.place[0]} ${input.place}`, { align: "center", width });
  doc.fillColor(grey).fontSize(11).text(`${input.text.time[1]} ${input.when} · ${input.text.place[1]} ${input.place}`, { align: "center", width });

  const side = 300;
  const top = doc.y + 18;
  doc.image(qr, (A4.width - side) / 2, top, { width: side, height: side });
  doc.y = top + side + 18;

  doc.fillColor("black").fontSize(18).text(input.text.scan[0], MARGIN, doc.y, { align: "center", width });
  doc.fillColor(grey).fontSize(13).text(input.text.scan[1], { align: "center", width });
  doc.moveDown(0.8);
  doc.fillColor("black").fontSize(14).text(input.text.code[0], { align: "center", width });
  doc.fillColor(grey).fontSize(11).text(input.text.code[1], { align: "center", width });
  // The link at the foot, inside the bottom margin: written there, it must not start a second page.
  doc.page.margins.bottom = 0;
  doc.fontSize(9).text(input.link, MARGIN, A4.height - MARGIN, { align: "center", width, link: input.link });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
