/** A cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/** Byte order mark: Excel reads a file as UTF-8 (Chinese intact) only when it starts with one. */
export const UTF8_BOM = "\uFEFF";

/**
 * One field per RFC 4180: quoted when it holds a comma, a quote, a line break or surrounding
 * spaces, with quotes doubled. Text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first: a resident's name can be anything) gets a leading apostrophe.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  let text = cell;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: CRLF line ends, as RFC 4180 and Excel expect. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** The CSV file's bytes: UTF-8 with a byte order mark. */
export function csvBytes(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): Buffer {
  return Buffer.from(UTF8_BOM + toCsv(rows), "utf8");
}
