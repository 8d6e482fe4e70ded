import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { acquireLease, releaseLease } from "./instance.js";

export interface LeadershipOptions {
  db: Database;
  botId: number;
  holder: string;
  logger: Logger;
  /** How long a lease lasts without renewal: a dead poller is replaced this long after its last renewal at most. */
  ttlMs?: number;
  /** How often the holder renews and a standby tries. */
  tryEveryMs?: number;
}

/**
 * Telegram lets one getUpdates run per bot, so of all instances one polls: whoever holds the
 * lease "poll:<bot id>" in Postgres. The holder renews it every tryEveryMs; the others try as
 * often and take it once it expired (the poller died) or was released (it stopped). The holder
 * counts itself leader only until ttl × 0.8 after its last successful renewal began, so it
 * stops polling before anyone else may start, even when the database is away.
 */
export function createPollLeadership(options: LeadershipOptions) {
  const ttlMs = options.ttlMs ?? 5_000;
  const tryEveryMs = options.tryEveryMs ?? 1_000;
  const name = `poll:${options.botId}`;
  let leaderUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let wasLeader = false;
  let inProgress: Promise<void> | undefined;
  const waiters = new Set<() => void>();

  async function attempt(): Promise<void> {
    const began = Date.now();
    try {
      const held = await acquireLease(options.db, { name, holder: options.holder, ttlMs });
      leaderUntil = held ? began + ttlMs * 0.8 : 0;
    } catch (error) {
      options.logger.warn({ err: error }, "could not renew the polling lease");
    }
    const leader = isLeader();
    if (leader !== wasLeader) options.logger.info(leader ? "polling lease taken: this instance polls" : "polling lease lost: standing by");
    wasLeader = leader;
    if (leader) for (const wake of waiters) wake();
  }

  function isLeader(): boolean {
    return !stopped && Date.now() < leaderUntil;
  }

  const loop = () => {
    if (stopped) return;
    inProgress = attempt().finally(() => {
      if (!stopped) timer = setTimeout(loop, tryEveryMs);
    });
  };

  return {
    start: loop,
    isLeader,
    /** Resolves once this instance holds the lease; rejects when `signal` aborts. */
    waitUntilLeader(signal: AbortSignal): Promise<void> {
      if (isLeader()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = () => {
          clearInterval(check);
          waiters.delete(wake);
          signal.removeEventListener("abort", abort);
        };
        const wake = () => {
          if (!isLeader()) return;
          done();
          resolve();
        };
        const abort = () => {
          done();
          reject(signal.reason ?? new Error("aborted"));
        };
        // The renewal loop wakes us; the interval covers a lease that simply starts to count.
        const check = setInterval(wake, 250);
        waiters.add(wake);
        signal.addEventListener("abort", abort, { once: true });
        if (signal.aborted) abort();
      });
    },
    /** Stops at once and gives nothing up: the lease runs out by itself, as after a kill. */
    abandon(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    /** Stops trying and gives the lease up, so a standby takes over at once. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      leaderUntil = 0;
      await inProgress; // a renewal in progress must not re-take the lease after we gave it up
      await releaseLease(options.db, { name, holder: options.holder }).catch((error: unknown) =>
        options.logger.warn({ err: error }, "could not release the polling lease"),
      );
    },
  };
}

export type PollLeadership = ReturnType<typeof createPollLeadership>;
