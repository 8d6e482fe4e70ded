import type { Api } from "grammy";
import { sql } from "drizzle-orm";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { JobHandler, Schedule } from "../../jobs/runner.js";
import type { Logger } from "../../logger.js";
import { DEFAULT_BROADCAST_CONFIG, type BroadcastConfig } from "./config.js";
import { createBroadcastSender, type SenderDeps } from "./sender.js";
import { SEND_JOB } from "./service.js";
import { telegramTransport } from "./transport.js";

export interface BroadcastJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The bot's API: the sender builds its own client from its token and options (no auto-retry). */
  api: Pick<Api, "token" | "options">;
  i18n: { t(locale: string, key: string, vars?: Record<string, string | number>): string };
  /** From readBroadcastConfig(process.env); defaults: 25/s, not paid, quiet 21:00–08:00. */
  broadcast?: BroadcastConfig;
  /** Sender tuning and test doubles (transport, pace, lease, slice, page size …). */
  sender?: Partial<Omit<SenderDeps, "db" | "clock" | "logger" | "t" | "config">>;
}

/**
 * Queues a run for every broadcast that is due and has no live sender: scheduled ones whose
 * time came, ones paused for quiet hours whose pause ended, and ones whose sender died (lease
 * expired). The job key names the lease state, so however many instances tick, one job is
 * queued per state.
 */
export async function dispatchDueBroadcasts(db: Database, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.execute(sql`
    insert into jobs (name, payload, run_at, singleton_key, max_attempts, created_at)
    select ${SEND_JOB}, jsonb_build_object('broadcastId', b.id), ${at}::timestamptz,
           ${SEND_JOB} || ':' || b.id || ':' || b.epoch || ':' || coalesce(round(extract(epoch from b.locked_until) * 1000)::bigint, 0),
           5, ${at}::timestamptz
    from broadcasts b
    where b.status in ('scheduled', 'sending')
      and coalesce(b.resume_at, b.run_at) <= ${at}::timestamptz
      and (b.locked_until is null or b.locked_until < ${at}::timestamptz)
    on conflict (singleton_key) do nothing`);
}

/** The broadcast jobs: the sender (one slice per run) and the dispatcher that resumes broadcasts. */
export function broadcastJobs(deps: BroadcastJobDeps) {
  const sender = createBroadcastSender({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    t: (locale, key, vars) => deps.i18n.t(locale, key, vars),
    config: deps.broadcast ?? DEFAULT_BROADCAST_CONFIG,
    transport: deps.sender?.transport ?? telegramTransport(deps.api),
    ...deps.sender,
  });
  const handlers: Record<string, JobHandler> = {
    [SEND_JOB]: async (payload) => {
      const id = Number((payload as { broadcastId?: unknown } | null)?.broadcastId);
      if (!Number.isSafeInteger(id) || id <= 0) return;
      await sender.runSlice(id);
    },
  };
  const schedules: Schedule[] = [{ name: "broadcast.dispatch", enqueueDue: (now) => dispatchDueBroadcasts(deps.db, now) }];
  return { handlers, schedules, sender };
}
