import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";

/**
 * Runs a query that reads a period's reports in bulk (the evaluation's figures and series) in
 * its own transaction, with more memory for sorting and hashing (the reports are sorted for the
 * percentiles and hashed for the counts in memory, not on disk) and without JIT compilation:
 * on a year of a million-report community (bench:staff) Postgres spent 70–140 ms compiling
 * each of these queries before running it, about as long as the query itself. And without
 * parallel workers: the figures' queries already run side by side (one connection each), so
 * workers only compete with them for the same cores and add their own gathering; the year's
 * ratings took 244 ms in three processes against 172 ms in one (bench:staff).
 */
export function analyticalRows<T>(db: Database, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    // set_config(…, true) is SET LOCAL: all three in one round trip.
    await tx.execute(
      sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    return queryRows<T>(tx, query);
  });
}
