/** Tracking numbers as residents see and type them: R-000123. */
export function formatReportNumber(number: number): string {
  return `R-${String(number).padStart(6, "0")}`;
}

export function parseReportNumber(text: string): number | undefined {
  const match = /^\s*R?-?0*(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}
