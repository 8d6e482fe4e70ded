import { PGlite } from "@electric-sql/pglite";
import { fromPglite, type ConstructorOptions } from "pg-boss";
import type postgres from "postgres";
import type { Database } from "../db/client.js";

/** pg-boss keeps its tables in a schema of its own, installed by migrations/0013_pgboss.sql. */
export const JOB_SCHEMA = "pgboss";

/**
 * How a pg-boss instance reaches the database behind a drizzle handle (the app's, not a
 * transaction's). PGlite: through pg-boss's fromPglite adapter on the same embedded instance,
 * whose one connection the app and the queue share. Postgres: through a small pool of pg-boss's
 * own (node-postgres) to the same database, read from the postgres.js client's options.
 */
export function bossConnection(
  db: Database,
  maxConnections = 3,
): Pick<ConstructorOptions, "db" | "backend" | "host" | "port" | "user" | "password" | "database" | "ssl" | "max"> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) return { db: fromPglite(client), backend: "pglite" };
  const options = (client as Partial<postgres.Sql> | undefined)?.options;
  if (!options) throw new Error("the job queue needs the app's database handle (PGlite or postgres.js), not a transaction");
  // postgres.js types the password as hidden (null); at run time it is the string or function given.
  const password = options.pass as unknown as string | (() => string | Promise<string>) | null | undefined;
  const ssl = options.ssl;
  return {
    host: options.host[0],
    port: options.port[0],
    user: options.user,
    ...(password ? { password } : {}),
    database: options.database,
    ...(ssl ? { ssl: typeof ssl === "object" ? ssl : ssl === "verify-full" ? true : { rejectUnauthorized: false } } : {}),
    max: maxConnections,
  };
}
