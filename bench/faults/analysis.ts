// The figures after the run: what the database holds against what the residents were told.
import type { Sql } from "postgres";
import type { Emulator } from "../../src/sandbox/emulator/index.js";
import type { Resident } from "./residents.js";

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (value: number | null, digits = 2): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

export interface Effects {
  reports_in_db: number;
  /** Same report (one resident's one draft, by the marker in its description) stored more than once. */
  duplicate_reports: number;
  /** The same tracking number told more than once (to anyone). */
  duplicate_tracking_messages: number;
  /** Tracking numbers told for which no report exists. */
  tracking_numbers_without_report: number;
  /** Reports stored whose number the resident was never told (a Confirm whose answer was lost). */
  reports_without_answer: number;
  /** Per resident: reports stored beyond the tracking numbers they were told, summed. */
  reports_over_answered_confirms: number;
  /** Staff group cards: reports without one, and cards beyond one per report. */
  staff_cards_missing: number | null;
  duplicate_staff_cards: number | null;
}

export async function countEffects(sql: Sql, emulator: Emulator, residents: readonly Resident[], staffGroupId: number | undefined): Promise<Effects> {
  const rows = await sql<Array<{ number: number; description: string | null; reporter_id: string | null }>>`
    select number, description, reporter_id::text from reports`;
  const format = (n: number) => `R-${String(n).padStart(6, "0")}`;

  const byMarker = new Map<string, number>();
  const perReporter = new Map<number, number>();
  const stored = new Set<string>();
  for (const row of rows) {
    stored.add(format(row.number));
    const marker = /#f\d+-\d+/.exec(row.description ?? "")?.[0];
    if (marker) byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
    if (row.reporter_id !== null) perReporter.set(Number(row.reporter_id), (perReporter.get(Number(row.reporter_id)) ?? 0) + 1);
  }
  let duplicateReports = 0;
  for (const count of byMarker.values()) duplicateReports += Math.max(0, count - 1);

  const told = new Map<string, number>();
  let overAnswered = 0;
  for (const resident of residents) {
    for (const number of resident.filed) told.set(number, (told.get(number) ?? 0) + 1);
    overAnswered += Math.max(0, (perReporter.get(resident.userId) ?? 0) - new Set(resident.filed).size);
  }
  let duplicateTracking = 0;
  let withoutReport = 0;
  for (const [number, count] of told) {
    duplicateTracking += Math.max(0, count - 1);
    if (!stored.has(number)) withoutReport++;
  }
  let withoutAnswer = 0;
  for (const number of stored) if (!told.has(number)) withoutAnswer++;

  let cardsMissing: number | null = null;
  let duplicateCards: number | null = null;
  if (staffGroupId !== undefined) {
    const cards = new Map<string, number>();
    for (const message of emulator.messages(staffGroupId)) {
      if (message.kind !== "text" && message.kind !== "photo") continue;
      // The card's first line starts with the tracking number; later edits keep it.
      const number = /^\s*(?:<[^>]+>)?(R-\d{6})/.exec(message.text ?? message.caption ?? "")?.[1];
      if (number) cards.set(number, (cards.get(number) ?? 0) + 1);
    }
    cardsMissing = 0;
    duplicateCards = 0;
    for (const number of stored) if (!cards.has(number)) cardsMissing++;
    for (const count of cards.values()) duplicateCards += Math.max(0, count - 1);
  }

  return {
    reports_in_db: rows.length,
    duplicate_reports: duplicateReports,
    duplicate_tracking_messages: duplicateTracking,
    tracking_numbers_without_report: withoutReport,
    reports_without_answer: withoutAnswer,
    reports_over_answered_confirms: overAnswered,
    staff_cards_missing: cardsMissing,
    duplicate_staff_cards: duplicateCards,
  };
}
