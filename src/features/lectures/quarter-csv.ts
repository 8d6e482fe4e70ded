import type { CsvCell } from "../evaluation/csv.js";
import { formatTime } from "../reports/views.js";
import type { LectureFigures } from "./feedback.js";

/**
 * A quarter's lectures as the evaluation's CSV rows (/lectures_csv and the dashboard send the
 * same file): a header of stable column names, then one row per lecture.
 */
export function lectureCsvRows(figures: readonly LectureFigures[], tz: string): CsvCell[][] {
  const header = ["lecture", "title", "starts", "registered", "attended", "walk_ins", "no_shows", "ratings", "average_rating"];
  return [
    header,
    ...figures.map((f) => [
      f.lectureId,
      f.title,
      formatTime(f.startsAt.toISOString(), tz),
      f.registered,
      f.attended,
      f.walkIns,
      f.noShows,
      f.ratings,
      f.averageRating,
    ]),
  ];
}

/** People who came to these lectures: attendees and walk-ins. */
export const peopleWhoCame = (figures: readonly LectureFigures[]) => figures.reduce((sum, f) => sum + f.attended + f.walkIns, 0);
