import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { botInstances, runtimeLeases } from "../../db/schema/index.js";

/**
 * This process's heartbeat, in the database's own clock (instances on several machines agree
 * on it). Claims of an instance whose heartbeat stopped are taken over by the others.
 */
export async function beat(db: Database, instance: { id: string; botId: number }): Promise<void> {
  await db.execute(
    sql`insert into ${botInstances} (id, bot_id, started_at, heartbeat_at) values (${instance.id}, ${instance.botId}, now(), now())
        on conflict (id) do update set heartbeat_at = now()`,
  );
}

/** A clean stop: our claims are free at once (a day of old instance rows is kept, then pruned). */
export async function markStopped(db: Database, instanceId: string): Promise<void> {
  await db.execute(sql`update ${botInstances} set heartbeat_at = '-infinity' where id = ${instanceId}`);
  await db.execute(sql`delete from ${botInstances} where heartbeat_at < now() - interval '1 day'`);
}

/**
 * Takes or renews the lease `name` for `holder` for ttlMs; true when `holder` has it now.
 * Held by someone else and not expired: false. Times are the database's.
 */
export async function acquireLease(db: Database, lease: { name: string; holder: string; ttlMs: number }): Promise<boolean> {
  const rows = await queryRows<{ holder: string }>(
    db,
    sql`insert into ${runtimeLeases} as l (name, holder, expires_at)
        values (${lease.name}, ${lease.holder}, now() + make_interval(secs => ${lease.ttlMs / 1000}))
        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where l.holder = excluded.holder or l.expires_at < now()
        returning holder`,
  );
  return rows[0]?.holder === lease.holder;
}

/** Gives the lease up (a clean stop): a standby takes it at its next try. */
export async function releaseLease(db: Database, lease: { name: string; holder: string }): Promise<void> {
  await db.execute(sql`delete from ${runtimeLeases} where name = ${lease.name} and holder = ${lease.holder}`);
}
