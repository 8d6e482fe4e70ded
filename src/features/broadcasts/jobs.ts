import type { Api } from "grammy";
import { and, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { broadcasts } from "../../db/schema/index.js";
import type { JobKind, JobQueue } from "../../jobs/queue.js";
import type { JobHandler, Schedule } from "../../jobs/runner.js";
import type { Logger } from "../../logger.js";
import { DEFAULT_BROADCAST_CONFIG, type BroadcastConfig } from "./config.js";
import { createBroadcastSender, type SenderDeps } from "./sender.js";
import { SEND_JOB, sendJobKey } from "./service.js";
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
export async function dispatchDueBroadcasts(db: Database, queue: JobQueue, now: Date): Promise<void> {
  const due = await db
    .select({ id: broadcasts.id, epoch: broadcasts.epoch, lockedUntil: broadcasts.lockedUntil })
    .from(broadcasts)
    .where(
      and(
        inArray(broadcasts.status, ["scheduled", "sending"]),
        // coalesce(resume_at, run_at) <= now
        or(lte(broadcasts.resumeAt, now), and(isNull(broadcasts.resumeAt), lte(broadcasts.runAt, now))),
        or(isNull(broadcasts.lockedUntil), lt(broadcasts.lockedUntil, now)),
      ),
    );
  for (const b of due) {
    await queue.enqueue(SEND_JOB, { broadcastId: b.id }, { runAt: now, singletonKey: sendJobKey(b.id, b.epoch, b.lockedUntil) });
  }
}

/**
 * A sender's run is one slice (at most sliceMs, 30 s by default) under its own lease in the
 * broadcasts table; two broadcasts may go out at once, each by one sender.
 */
export const BROADCAST_JOB_KINDS: Record<string, JobKind> = { [SEND_JOB]: { concurrency: 2 } };

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
  const schedules: Schedule[] = [{ name: "broadcast.dispatch", enqueueDue: (now, queue) => dispatchDueBroadcasts(deps.db, queue, now) }];
  return { handlers, schedules, kinds: BROADCAST_JOB_KINDS, sender };
}
