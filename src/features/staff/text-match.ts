import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";

/**
 * How the dashboard's text search looks for a text in the reports' descriptions:
 * - "trigrams": a LIKE that reports_description_trgm_idx serves (a text pg_trgm finds a trigram in);
 * - "bigrams": the text's two-character pieces looked up in reports_description_bigram_idx, then
 *   the text itself (a text of two characters or more without a trigram: most two-character
 *   Chinese words, "12", "5%");
 * - "read": every description read in turn, newest first: a single character, or a text so
 *   common that a page and the count's cap are met soon enough that way.
 * All three find the same reports.
 */
export type TextRoute = "trigrams" | "bigrams" | "read";

/**
 * A text in at least this share of the descriptions is read rather than looked up. Finding
 * more matches than the count's cap through the bigram index costs about 150 ms at a million
 * reports (text_bigrams run again on each match the planner reaches without the index), where
 * reading the newest reports until the cap costs about 2 µs a report: even at 20 % that is
 * 50,000 reports, 90 ms (bench:staff).
 */
export const COMMON_SHARE = 0.2;

/**
 * Whether the route goes through an index. Such a search counts first: the count says whether
 * the matches are few enough to gather before ordering them (report-search.ts, fromMatching).
 */
export function throughIndex(route: TextRoute | undefined): boolean {
  return route === "trigrams" || route === "bigrams";
}

/** A LIKE pattern that finds `text` anywhere, as typed: its %, _ and \ (LIKE's escape) stand for themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/**
 * Whether pg_trgm finds a trigram in what staff typed, so its index can narrow the search. It
 * takes the letters and digits of the pattern word by word, a word with two spaces before it when
 * something stands before it in the text and one after it when something follows: "#12", "a b",
 * "50%" and any three letters or digits in a row give one; "12", "5%" and most two-character
 * Chinese words give none, and the index would then hand every description over to be checked,
 * slower than reading the table.
 */
export function hasTrigram(text: string): boolean {
  return /[\p{L}\p{N}]{3}|[^\p{L}\p{N}][\p{L}\p{N}]|^[\p{L}\p{N}]{2}[^\p{L}\p{N}]/u.test(text.trim());
}

/** Whether the text has a two-character piece to look up (characters as Postgres counts them: code points). */
export function hasBigram(text: string): boolean {
  return [...text].length >= 2;
}

/**
 * The route for a text (trimmed, not empty). Whether a text without a trigram is common is read
 * from what ANALYZE keeps of the bigram index's pieces (pg_stats, most_common_elems): every
 * piece of the text in at least COMMON_SHARE of the descriptions. Without such statistics (a
 * table not analyzed yet) the text is looked up, which is never slow for a rare one.
 */
export async function textRoute(db: Database, text: string): Promise<TextRoute> {
  if (hasTrigram(text)) return "trigrams";
  if (!hasBigram(text)) return "read";
  const [row] = await queryRows<{ common: number; pieces: number }>(
    db,
    sql`select count(distinct e.piece)::int as common, cardinality(text_bigrams(lower(${text})))::int as pieces
        from pg_stats s
        cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(piece, share)
        where s.schemaname = current_schema() and s.tablename = 'reports_description_bigram_idx'
          and e.share >= ${COMMON_SHARE} and e.piece = any(text_bigrams(lower(${text})))`,
  );
  return row !== undefined && Number(row.common) > 0 && Number(row.common) === Number(row.pieces) ? "read" : "bigrams";
}

/**
 * Reports whose visible description contains `text`, case-insensitively, written so the route's
 * index can answer it (both indexes are on `lower(description)`).
 */
export function wordsCondition(text: string, route: TextRoute): SQL {
  const visible = sql`r.description_hidden_at is null`;
  if (route === "trigrams") return sql`(${visible} and lower(r.description) like lower(${containsPattern(text)}))`;
  const contains = sql`strpos(lower(r.description), lower(${text})) > 0`;
  if (route === "bigrams") return sql`(${visible} and text_bigrams(lower(r.description)) @> text_bigrams(lower(${text})) and ${contains})`;
  return sql`(${visible} and ${contains})`;
}
