import type { Bot } from "grammy";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { errorKind } from "../../db/errors.js";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";
import type { IntakeTracker } from "../intake-tracker.js";
import { DEFAULT_LEDGER_TIMING, HEARTBEAT_MS, type LedgerTiming } from "../update-intake.js";
import { createDispatcher, type Dispatcher } from "./dispatcher.js";
import { createDurablePoller, type DurablePollerOptions } from "./durable-poller.js";
import { beat, markStopped } from "./instance.js";
import { createPollLeadership } from "./poll-leadership.js";
import { createRecovery } from "./recovery.js";

export interface BotRuntimeOptions {
  bot: Bot<BotContext>;
  db: Database;
  clock: Clock;
  logger: Logger;
  tracker: IntakeTracker;
  /** "polling": poll while holding the lease, stand by otherwise; "webhook": updates come to `dispatcher`. */
  mode: "polling" | "webhook";
  allowedUpdates: readonly string[];
  timing?: LedgerTiming;
  heartbeatMs?: number;
  recoveryEveryMs?: number;
  lease?: { ttlMs?: number; tryEveryMs?: number };
  pollTimeoutSeconds?: number;
  afterFetch?: DurablePollerOptions["afterFetch"];
}

export interface BotRuntime {
  dispatcher: Dispatcher;
  /** For /healthz: whether this instance is the one polling. */
  polling(): "active" | "standby" | undefined;
  /** Stops polling, finishes every update in flight, gives up the lease and our claims. */
  stop(): Promise<void>;
  /**
   * Stops every timer and the poller at once, finishing, releasing and recording nothing: what
   * a SIGKILL leaves behind, for the tests that kill an instance in the middle of an update.
   */
  abandon(): void;
}

/**
 * How updates reach the bot and how none is lost: the heartbeat that tells other instances
 * this one is alive, recovery of unfinished updates, and either the lease-guarded durable
 * poller or, with a webhook, the dispatcher that the webhook route calls.
 */
export function startBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { db, logger, tracker } = options;
  const botId = options.bot.botInfo.id;
  const dispatcher = createDispatcher({ bot: options.bot, db, tracker, clock: options.clock, logger });
  let stopped = false;
  let draining = false;
  let connectedSince: number | undefined;
  const timers: NodeJS.Timeout[] = [];

  const every = (ms: number, work: () => Promise<unknown>) => {
    let running = false;
    const run = () => {
      if (stopped || running) return;
      running = true;
      void work().finally(() => (running = false));
    };
    run();
    timers.push(setInterval(run, ms));
  };

  every(options.heartbeatMs ?? HEARTBEAT_MS, async () => {
    try {
      await beat(db, { id: tracker.instanceId, botId });
      connectedSince ??= Date.now();
    } catch (error) {
      if (connectedSince !== undefined) logger.warn({ kind: errorKind(error) }, "heartbeat failed (database unavailable?)");
      connectedSince = undefined;
    }
  });

  const recovery = createRecovery({
    db,
    botId,
    clock: options.clock,
    logger,
    tracker,
    dispatcher,
    timing: options.timing ?? DEFAULT_LEDGER_TIMING,
    connectedSince: () => connectedSince,
  });
  every(options.recoveryEveryMs ?? 1_000, async () => {
    if (draining) return;
    await recovery.tick().catch((error: unknown) => logger.debug({ kind: errorKind(error) }, "recovery round failed"));
  });

  const leadership = options.mode === "polling" ? createPollLeadership({ db, botId, holder: tracker.instanceId, logger, ...options.lease }) : undefined;
  const poller = leadership
    ? createDurablePoller({
        bot: options.bot,
        db,
        clock: options.clock,
        logger,
        tracker,
        dispatcher,
        leadership,
        allowedUpdates: options.allowedUpdates,
        ...(options.pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds: options.pollTimeoutSeconds } : {}),
        ...(options.afterFetch ? { afterFetch: options.afterFetch } : {}),
      })
    : undefined;
  leadership?.start();
  poller?.start();

  return {
    dispatcher,
    polling: () => (leadership ? (leadership.isLeader() ? "active" : "standby") : undefined),
    async stop() {
      draining = true;
      if (poller?.isRunning()) await poller.stop(); // no more getUpdates…
      // …but what was fetched or recovered is still running: wait for every one.
      while (tracker.held().length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await leadership?.stop();
      await markStopped(db, tracker.instanceId).catch((error: unknown) => logger.warn({ kind: errorKind(error) }, "could not mark this instance stopped"));
    },
    abandon() {
      stopped = draining = true;
      for (const timer of timers) clearInterval(timer);
      leadership?.abandon();
      void poller?.stop(); // its long poll ends as the connection would; what it held stays unfinished
    },
  };
}
