import { stringify, type Options } from "csv-stringify/sync";

/** A cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/** Byte order mark: Excel reads a file as UTF-8 (Chinese intact) only when it starts with one. */
export const UTF8_BOM = "\uFEFF";

/**
 * RFC 4180 as Excel reads it: CRLF line ends; a field quoted when it holds a comma, a quote or a
 * line break, or begins or ends with a space (else a spreadsheet trims it). Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab or carriage return first, by OWASP's
 * advice on CSV injection: a resident's description can be anything) gets a leading apostrophe.
 */
const options: Options = {
  record_delimiter: "windows",
  quote_record_delimiter: true,
  quoted_match: /^\s|\s$/,
  escape_formulas: true,
  // A figure that could not be computed is an empty cell, not "NaN".
  cast: { number: (value) => (Number.isFinite(value) ? String(value) : "") },
};

/** Rows as CSV text. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return stringify(rows as CsvCell[][], options);
}

/** The CSV file's bytes: UTF-8 with a byte order mark. */
export function csvBytes(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): Buffer {
  return Buffer.from(UTF8_BOM + toCsv(rows), "utf8");
}
