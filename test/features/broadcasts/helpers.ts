import { sql } from "drizzle-orm";
import type { Clock } from "../../../src/clock.js";
import type { Database } from "../../../src/db/client.js";
import { broadcasts, outboxChatPace, outboxMessages, outboxPace } from "../../../src/db/schema/index.js";
import type { BroadcastConfig } from "../../../src/features/broadcasts/config.js";
import { broadcastJobs } from "../../../src/features/broadcasts/jobs.js";
import { createBroadcast } from "../../../src/features/broadcasts/service.js";
import { jobs } from "../../../src/jobs/job-table.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { silentLogger } from "../../../src/logger.js";

export const STAFF = 9_000_001;

/** `count` residents with ids from `firstId` in the community. */
export async function seedResidents(db: Database, communityId: number, firstId: number, count: number, languageCode = "zh-hans"): Promise<number[]> {
  await db.execute(sql`
    insert into users (id, first_name, community_id, telegram_language, first_seen_at, last_seen_at)
    select g, 'R' || g, ${communityId}, ${languageCode}, now(), now() from generate_series(${firstId}::bigint, ${firstId + count - 1}::bigint) g
    on conflict (id) do nothing`);
  return Array.from({ length: count }, (_, i) => firstId + i);
}

export async function resetBroadcasts(db: Database): Promise<void> {
  await db.delete(outboxMessages);
  await db.delete(outboxPace);
  await db.delete(outboxChatPace);
  await db.delete(broadcasts);
  await db.delete(jobs);
}

export const testConfig = (over: Partial<BroadcastConfig> = {}): BroadcastConfig => ({
  paid: false,
  ratePerSecond: 25,
  quietHours: { start: "21:00", end: "08:00" },
  ...over,
});

/** The broadcast jobs on a runner the test ticks by hand (the start, the dispatcher). */
export function broadcastRunner(db: Database, clock: Clock, config: BroadcastConfig = testConfig()) {
  const { handlers, schedules } = broadcastJobs({ db, clock, logger: silentLogger, broadcast: config });
  return createJobRunner({ db, clock, logger: silentLogger, handlers, schedules });
}

let keyCounter = 0;

export async function newBroadcast(db: Database, communityId: number, at: Date, over: Partial<Parameters<typeof createBroadcast>[1]> = {}): Promise<number> {
  const { id } = await createBroadcast(db, {
    communityId,
    createdBy: STAFF,
    audience: "all",
    audienceRef: null,
    content: { kind: "text", text: "停水通知 Water off", entities: [{ type: "bold", offset: 0, length: 4 }] },
    urgent: false,
    runAt: at,
    progressChatId: STAFF,
    progressLocale: "en",
    clientKey: `k${process.pid}-${Date.now()}-${keyCounter++}`,
    at,
    ...over,
  });
  return id;
}
