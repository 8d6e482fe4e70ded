import type { Update } from "grammy/types";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { errorKind } from "../../db/errors.js";
import type { Logger } from "../../logger.js";
import type { IntakeTracker } from "../intake-tracker.js";
import { findRecoverable } from "../update-inbox.js";
import { DEFAULT_LEDGER_TIMING, type LedgerTiming } from "../update-intake.js";
import type { Dispatcher } from "./dispatcher.js";

export interface RecoveryOptions {
  db: Database;
  botId: number;
  clock: Clock;
  logger: Logger;
  tracker: IntakeTracker;
  dispatcher: Dispatcher;
  timing?: LedgerTiming;
  /**
   * Since when this instance's heartbeat has been written without a break (undefined while it
   * fails). Others' claims are taken only after a full stale period of our own beats: right
   * after an outage every instance's heartbeat looks old, and a live one must get its chance
   * to beat again before its updates are called abandoned.
   */
  connectedSince: () => number | undefined;
}

const BATCH = 100;

/**
 * Runs again what nobody is running: failed updates whose retry is due, this instance's own
 * claims whose end could not be written (the database was away), and the updates of instances
 * that died (their heartbeat stopped). Every instance does this; the ledger's claim makes sure
 * one of them runs each update.
 */
export function createRecovery(options: RecoveryOptions) {
  const timing = options.timing ?? DEFAULT_LEDGER_TIMING;
  const { tracker } = options;

  async function tick(): Promise<number> {
    const since = options.connectedSince();
    const othersToo = since !== undefined && Date.now() - since >= timing.staleMs;
    const found = await findRecoverable(
      options.db,
      { botId: options.botId, instanceId: tracker.instanceId, at: options.clock.now(), inFlight: tracker.held(), othersToo, limit: BATCH },
      timing,
    );
    let started = 0;
    for (const row of found) {
      if (tracker.isHeld(row.updateId)) continue;
      tracker.hold(row.updateId);
      started++;
      options.logger.debug({ update_id: row.updateId, own: row.own }, "running an unfinished update again");
      void options.dispatcher.handle(row.payload as Update, { held: true, reclaim: row.own }).catch((error: unknown) => {
        options.logger.warn({ update_id: row.updateId, kind: errorKind(error) }, "a recovered update could not run; it stays for the next round");
      });
    }
    return started;
  }

  return { tick };
}
