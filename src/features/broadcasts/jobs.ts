import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { JobKind } from "../../jobs/queue.js";
import type { JobHandler, Schedule } from "../../jobs/runner.js";
import type { Logger } from "../../logger.js";
import { START_JOB } from "./bulk.js";
import { DEFAULT_BROADCAST_CONFIG, type BroadcastConfig } from "./config.js";
import { dispatchBroadcasts, startBroadcast } from "./dispatch.js";

export interface BroadcastJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** From readBroadcastConfig(process.env); defaults: 25/s, not paid, quiet 21:00–08:00. */
  broadcast?: BroadcastConfig;
}

/** A start writes its recipients' rows and ends: two may run at once per instance. */
export const BROADCAST_JOB_KINDS: Record<string, JobKind> = { [START_JOB]: { concurrency: 2 } };

/**
 * The broadcast jobs: the start (queued with the broadcast for its time) and the dispatcher
 * every tick (due starts, quiet hours, finishing, progress). The sending itself is the outbox's.
 */
export function broadcastJobs(deps: BroadcastJobDeps) {
  const config = deps.broadcast ?? DEFAULT_BROADCAST_CONFIG;
  const handlers: Record<string, JobHandler> = {
    [START_JOB]: async (payload) => {
      const id = Number((payload as { broadcastId?: unknown } | null)?.broadcastId);
      if (!Number.isSafeInteger(id) || id <= 0) return;
      const outcome = await startBroadcast(deps.db, id, deps.clock.now(), config);
      deps.logger.info({ broadcast: id, outcome }, "broadcast start");
    },
  };
  const schedules: Schedule[] = [{ name: "broadcast.dispatch", enqueueDue: (now, queue) => dispatchBroadcasts(deps.db, queue, now, config) }];
  return { handlers, schedules, kinds: BROADCAST_JOB_KINDS };
}
