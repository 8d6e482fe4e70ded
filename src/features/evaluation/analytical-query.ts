import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";

/**
 * Runs a query that reads a period's reports in bulk (the evaluation's figures and series) in
 * its own transaction, with more memory for sorting and hashing (the reports are sorted for the
 * percentiles and hashed for the counts in memory, not on disk) and without JIT compilation:
 * on a year of a million-report community (bench:staff) Postgres spent 70–140 ms compiling
 * each of these queries before running it, about as long as the query itself.
 */
export function analyticalRows<T>(db: Database, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    return queryRows<T>(tx, query);
  });
}
