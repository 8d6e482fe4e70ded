import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "../../src/db/client.js";
import { jobs } from "../../src/jobs/job-table.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

/** The file's own database (PGlite, or Postgres with TEST_DATABASE_URL), with no jobs at the start of each test. */
export function jobsTestDatabase(): { readonly db: Database } {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.delete(jobs);
  });
  return {
    get db() {
      return database.db;
    },
  };
}
