import { createConcurrentSink, createRunner, createSource, type RunnerHandle, type UpdateSupplier } from "@grammyjs/runner";
import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { errorKind } from "../../db/errors.js";
import type { Logger } from "../../logger.js";
import { cleanUpdate } from "../clean-update.js";
import type { BotContext } from "../context.js";
import type { IntakeTracker } from "../intake-tracker.js";
import { saveReceived } from "../update-inbox.js";
import type { Dispatcher } from "./dispatcher.js";
import type { PollLeadership } from "./poll-leadership.js";

export interface DurablePollerOptions {
  bot: Bot<BotContext>;
  db: Database;
  clock: Clock;
  logger: Logger;
  tracker: IntakeTracker;
  dispatcher: Dispatcher;
  leadership: PollLeadership;
  allowedUpdates: readonly string[];
  /** Long-poll timeout in seconds (Telegram holds the request this long when idle). */
  pollTimeoutSeconds?: number;
  /** Test hook: runs after getUpdates answered, before the batch is saved (a kill there is tested). */
  afterFetch?: (updates: readonly Update[]) => Promise<void>;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Long polling that loses nothing. @grammyjs/runner's own fetcher confirms a batch (the next
 * getUpdates offset) as soon as it arrived, so a kill loses what was in flight. This supplier
 * writes each batch to the ledger first and only then moves the offset on: a kill before the
 * write gets the batch again from Telegram, a kill after it leaves the batch to recovery. It
 * polls only while this instance holds the polling lease, and never dies of an error: a 409
 * (another getUpdates running), a network error or the database away are waited out.
 * The runner's concurrent sink and sequentialize still run different chats in parallel.
 */
export function createDurablePoller(options: DurablePollerOptions): RunnerHandle {
  const { bot, logger, tracker, leadership } = options;
  let offset = 0;

  async function fetchBatch(limit: number, signal: AbortSignal): Promise<Update[]> {
    for (let failures = 0; ; ) {
      await leadership.waitUntilLeader(signal);
      try {
        return await bot.api.getUpdates(
          {
            offset,
            limit: Math.max(1, Math.min(limit, 100)),
            timeout: options.pollTimeoutSeconds ?? 30,
            allowed_updates: [...options.allowedUpdates] as never,
          },
          signal as never, // grammY types it as its AbortSignal shim; the runtime passes the real one
        );
      } catch (error) {
        if (signal.aborted) throw error;
        failures++;
        if (error instanceof GrammyError && error.error_code === 409) {
          logger.warn("getUpdates conflict (another poller is finishing); waiting");
        } else {
          logger.warn({ kind: errorKind(error), failures }, "getUpdates failed; retrying");
        }
        await sleep(backoff(failures), signal);
      }
    }
  }

  const supplier: UpdateSupplier<Update> = {
    async supply(limit, shimSignal) {
      const signal = shimSignal as unknown as AbortSignal; // the runner's shim type; a real AbortSignal on Node
      for (;;) {
        const updates = (await fetchBatch(limit, signal)).map(cleanUpdate);
        if (updates.length === 0) continue;
        for (const update of updates) tracker.hold(update.update_id);
        try {
          await options.afterFetch?.(updates);
          if (await saveWhileLeader(updates, signal)) {
            offset = updates[updates.length - 1]!.update_id + 1;
            return updates;
          }
        } catch (error) {
          for (const update of updates) tracker.release(update.update_id);
          throw error;
        }
        // Lost the lease before the batch was saved: not confirmed, the next poller gets it.
        for (const update of updates) tracker.release(update.update_id);
      }
    },
  };

  async function saveWhileLeader(updates: Update[], signal: AbortSignal): Promise<boolean> {
    for (let failures = 0; ; ) {
      if (!leadership.isLeader()) return false;
      try {
        await saveReceived(options.db, { botId: bot.botInfo.id, instanceId: tracker.instanceId, at: options.clock.now(), updates });
        return true;
      } catch (error) {
        failures++;
        logger.warn({ kind: errorKind(error), failures }, "could not save polled updates; not confirming them");
        await sleep(backoff(failures), signal);
      }
    }
  }

  const sink = createConcurrentSink<Update>({ consume: (update) => options.dispatcher.handle(update, { held: true }) }, async (error) => {
    // The update stays in the ledger (saved before it ran): recovery runs it again.
    logger.warn({ kind: errorKind(error) }, "a polled update could not run; recovery will retry it");
  });
  return createRunner(createSource(supplier), sink);
}

function backoff(failures: number): number {
  return Math.min(250 * 2 ** Math.min(failures, 8), MAX_BACKOFF_MS);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
  });
}
