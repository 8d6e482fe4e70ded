import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { claimJob, failJob, finishJob } from "./queue.js";

export type JobHandler = (payload: unknown, job: { id: number; attempts: number }) => Promise<void>;

/** Something to put on the queue now and then: its key makes each occurrence run once. */
export interface Schedule {
  name: string;
  /** Enqueues whatever is due at `now` (with singleton keys); called on every tick. */
  enqueueDue(now: Date): Promise<void>;
}

export interface JobRunnerOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  /** How long a claimed job is ours before another instance may take it over. */
  leaseMs?: number;
  pollMs?: number;
}

/**
 * Runs queued jobs. `tick()` does one round (schedules, then every due job) and is what tests
 * call with a fake clock; `start()` ticks every pollMs until `stop()`, which waits for the
 * round in progress.
 */
export function createJobRunner(options: JobRunnerOptions) {
  const runnerId = randomUUID();
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const names = Object.keys(options.handlers);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function tick(): Promise<number> {
    for (const schedule of options.schedules ?? []) {
      try {
        await schedule.enqueueDue(options.clock.now());
      } catch (error) {
        options.logger.error({ err: error, schedule: schedule.name }, "schedule failed");
      }
    }
    let done = 0;
    while (!stopped) {
      const job = await claimJob(options.db, runnerId, options.clock.now(), leaseMs, names);
      if (!job) break;
      const log = options.logger.child({ job: job.id, name: job.name, attempt: job.attempts });
      try {
        await options.handlers[job.name]!(job.payload, { id: job.id, attempts: job.attempts });
        await finishJob(options.db, job.id, runnerId, options.clock.now());
        done++;
      } catch (error) {
        log.error({ err: error }, "job failed");
        await failJob(options.db, job, runnerId, options.clock.now(), error);
      }
    }
    return done;
  }

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error) => {
        options.logger.error({ err: error }, "job runner round failed");
        return 0;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? 5000);
      });
  };

  return {
    runnerId,
    tick,
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
