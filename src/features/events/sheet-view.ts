import type { CsvCell } from "../evaluation/csv.js";
import { formatTime } from "../reports/views.js";
import type { Translate } from "../../i18n.js";
import type { SheetRow } from "./attendance-sheet.js";
import { asHours } from "./views.js";

/** An event's roster and attendance sheet as CSV rows: who, in which role, their state, check-in and hours. */
export function sheetCsvRows(rows: readonly SheetRow[], tz: string, t: Translate): CsvCell[][] {
  const time = (at: Date | null) => (at ? formatTime(at.toISOString(), tz) : null);
  return [
    [
      t("sheet-csv-slot"),
      t("sheet-csv-name"),
      t("sheet-csv-phone"),
      t("sheet-csv-status"),
      t("sheet-csv-signed-up"),
      t("sheet-csv-checked-in"),
      t("sheet-csv-hours"),
      t("sheet-csv-credited"),
    ],
    ...rows.map((r) => [
      r.slot || t("newevent-everyone-slot"),
      r.name,
      r.phone,
      t("sheet-status", { status: r.status, position: r.position ?? 0 }),
      time(r.signedUpAt),
      time(r.checkedInAt),
      r.minutes === null ? null : Number(asHours(r.minutes)),
      r.credited ? t("sheet-credited-yes") : null,
    ]),
  ];
}
