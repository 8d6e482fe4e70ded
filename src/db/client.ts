import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** Either driver's database, or a transaction on it: repositories accept both. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** Applies migrations/ (idempotent; serialised across instances on real Postgres). */
  migrate(): Promise<void>;
  /** Cheap reachability check for /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Arbitrary constant so two instances starting at once do not run migrations twice. */
const MIGRATION_LOCK_ID = 4_242_001;

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Connection pool size for postgres.js. */
  maxConnections?: number;
}

/** postgres.js when a URL is given, otherwise embedded PGlite stored under dataDir. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir);
}

/**
 * After an outage postgres.js waits up to 20 s between reconnection attempts by default (its
 * backoff grows as 3^n/100 s); the bot should be back within a second or two of the database.
 */
const RECONNECT = { backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 2), connect_timeout: 10 };

export function openPostgres(url: string, maxConnections = 10): DatabaseHandle {
  const client = postgres(url, { max: maxConnections, onnotice: () => {}, ...RECONNECT });
  const db = drizzlePostgres({ client: preparedStatements(client), schema }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    async migrate() {
      // A session-level advisory lock needs one connection for lock, migrate and unlock.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await single.end();
      }
    },
    ping: () => pingWith(db),
    close: () => client.end({ timeout: 5 }),
  };
}

/** The extensions the migrations create (pg_trgm: the reports' text search); PGlite loads them only when told. */
export const pgliteExtensions = { pg_trgm };

export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(drizzlePglite({ client }), { migrationsFolder }),
    ping: () => pingWith(db),
    close: () => client.close(),
  };
}

/**
 * drizzle hands every query to postgres.js as `unsafe(text, params, { prepare: false })`, and
 * postgres.js sends an unprepared query with parameters in two round trips (Parse + Describe,
 * wait for the parameter types, then Bind + Execute) and cannot pipeline it. Preparing instead
 * costs the two round trips once per statement text and connection; every later run is one
 * round trip, pipelined with its neighbours. Our statement texts are few (drizzle writes the
 * same text for the same query shape), so the per-connection statement cache stays small;
 * postgres.js re-prepares by itself when a migration invalidates a cached plan.
 *
 * Why not drizzle's own `.prepare(name)`: it prepares only query-builder statements, each bound
 * to the session it was made on (so not reusable inside a transaction), while `db.execute` never
 * prepares; our hot path is raw SQL (the intake's claim, the finish, the outbox) and mostly in
 * transactions. Measured with bench:reports on Postgres, 2026-12-04 (a loaded 2-core machine,
 * same commit, runs alternated): without this wrapper 108-118 updates/s against 161-221 with it.
 */
function preparedStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  // Each transaction and savepoint hands drizzle a client of its own: wrap those too.
  const wrapBody = (args: unknown[]) => {
    const body = args.pop() as (inner: postgres.TransactionSql) => unknown;
    return [...args, (inner: postgres.TransactionSql) => body(preparedStatements(inner))];
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === "unsafe") {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => method.call(target, query, params, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") return (...args: unknown[]) => method.call(target, ...wrapBody(args));
      return value;
    },
  });
}

async function pingWith(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** The two drivers shape raw results differently (array vs {rows}); this evens them out. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
