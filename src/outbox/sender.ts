import { randomUUID } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import { errorKind, isConnectionError } from "../db/errors.js";
import { defaultLocale, resolveLocale, type Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import { claimMessages, type Claim, type ClaimedMessage, type PaceRules } from "./claim.js";
import { markFinal, markSent, pauseAll, renewClaims, retryLater } from "./settle.js";
import type { Translate } from "../i18n.js";

export type { Translate };

/** What a deliverer gets: the API without automatic retries (the sender decides) and the recipient's language. */
export interface Delivery {
  api: Api;
  /** The person's language now (their choice or Telegram's), or the community's for a group. */
  locale: Locale;
  t: Translate;
  /** The sender's clock at the send (what a deliverer compares stored times with). */
  now: Date;
}

/** Renders one kind of message from its payload and sends it. Throws what the API threw. */
export type Deliverer = (message: ClaimedMessage, delivery: Delivery) => Promise<void>;

export interface OutboxSenderOptions {
  db: Database;
  /** An Api without auto-retry: a 429 must pause every instance, not sleep inside one call. */
  api: Api;
  deliverers: Readonly<Record<string, Deliverer>>;
  translate: (locale: Locale, key: string, vars?: Record<string, string | number>) => string;
  clock: Clock;
  logger: Logger;
  /** The pace row: one per bot token. */
  botId: number;
  pace: PaceRules;
  /** Sends in flight at once: enough that the rate holds whatever Telegram's round trip. */
  maxInFlight?: number;
  leaseMs?: number;
  /** How often an idle sender looks for work. */
  idleMs?: number;
  maxAttempts?: number;
}

export interface OutboxSender {
  start(): void;
  /** Takes nothing more, waits for the sends in flight. */
  stop(): Promise<void>;
  /** Sends everything due now, one by one, ignoring the pace (tests, and a one-off flush). */
  drain(): Promise<number>;
}

const backoffMs = (attempts: number) => Math.min(300_000, 2000 * 2 ** (attempts - 1));

/** What may be logged of a failed send: never the request (it carries the message). */
function failureKind(error: unknown): string {
  if (error instanceof GrammyError) return `telegram ${error.error_code}`;
  return errorKind(error);
}

/**
 * The outbox sender: every instance runs one. It claims due messages as the shared pace allows,
 * keeps several sends in flight (so the rate holds when Telegram is 100 ms away), and settles
 * each: sent; a 429 pauses every instance for retry_after; a 403 marks the person unreachable;
 * another 4xx fails for good; anything else is tried again with backoff.
 */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const claimer = randomUUID();
  const maxInFlight = options.maxInFlight ?? Math.max(4, Math.ceil(options.pace.ratePerSecond / 2));
  const leaseMs = options.leaseMs ?? 15_000;
  const idleMs = options.idleMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 8;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function deliver(message: ClaimedMessage): Promise<void> {
    const deliverer = options.deliverers[message.kind];
    const now = () => options.clock.now();
    if (!deliverer) {
      options.logger.error({ kind: message.kind, message: message.id }, "outbox message of an unknown kind");
      await markFinal(options.db, message, claimer, { status: "failed", error: "unknown kind", at: now() });
      return;
    }
    const locale = message.chatId > 0 ? resolveLocale(message.locale, message.telegramLanguage) : defaultLocale;
    const t: Translate = (key, vars) => options.translate(locale, key, vars);
    try {
      await deliverer(message, { api: options.api, locale, t, now: now() });
    } catch (error) {
      await settleFailure(message, error);
      return;
    }
    await markSent(options.db, message.id, claimer, now());
  }

  async function settleFailure(message: ClaimedMessage, error: unknown): Promise<void> {
    const at = options.clock.now();
    const kind = failureKind(error);
    if (error instanceof GrammyError && error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 5;
      const until = new Date(at.getTime() + seconds * 1000);
      options.logger.warn({ retryAfter: seconds }, "Telegram asked the bot to slow down: every instance pauses");
      await pauseAll(options.db, options.botId, until);
      await retryLater(options.db, message.id, claimer, { runAt: until, error: kind, countAttempt: false });
      return;
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      await markFinal(options.db, message, claimer, { status: "unreachable", error: kind, at });
      return;
    }
    if ((error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500) || message.attempts >= maxAttempts) {
      options.logger.warn({ kind: message.kind, message: message.id, failure: kind, attempts: message.attempts }, "outbox message given up");
      await markFinal(options.db, message, claimer, { status: "failed", error: kind, at });
      return;
    }
    options.logger.info({ kind: message.kind, message: message.id, failure: kind, attempts: message.attempts }, "outbox message will be tried again");
    await retryLater(options.db, message.id, claimer, { runAt: new Date(at.getTime() + backoffMs(message.attempts)), error: kind, countAttempt: true });
  }

  function track(message: ClaimedMessage): void {
    const sending: Promise<void> = deliver(message)
      .catch((error: unknown) => {
        // The settle itself failed (the database went away): the lease brings the message back.
        options.logger.warn({ message: message.id, failure: errorKind(error) }, "outbox message could not be settled");
      })
      .finally(() => {
        inFlight.delete(sending);
        wake?.();
      });
    inFlight.add(sending);
  }

  /** The sends in flight keep their claim while this instance lives; a dead one's lapse within leaseMs. */
  let renewer: NodeJS.Timeout | undefined;
  function renewLeases(): void {
    if (inFlight.size === 0) return;
    renewClaims(options.db, claimer, new Date(options.clock.now().getTime() + leaseMs)).catch((error: unknown) => {
      options.logger.debug({ failure: errorKind(error) }, "outbox leases not renewed");
    });
  }

  async function run(): Promise<void> {
    while (running) {
      const free = maxInFlight - inFlight.size;
      if (free <= 0) {
        await Promise.race(inFlight);
        continue;
      }
      const now = options.clock.now();
      let claim: Claim;
      try {
        claim = await claimMessages(options.db, { botId: options.botId, claimer, want: free, now, leaseMs, pace: options.pace });
      } catch (error) {
        if (!isConnectionError(error)) options.logger.warn({ failure: errorKind(error) }, "outbox claim failed");
        await sleep(1000);
        continue;
      }
      for (const message of claim.messages) track(message);
      if (claim.pausedUntil) await sleep(Math.min(5000, Math.max(50, claim.pausedUntil.getTime() - now.getTime())));
      else if (claim.messages.length === 0) await sleep(claim.tokensLeft < 1 ? tokenWaitMs(1 - claim.tokensLeft) : idleMs);
      else if (claim.messages.length < free) await sleep(tokenWaitMs(Math.min(free, Math.ceil(options.pace.ratePerSecond / 10))));
    }
  }

  /** How long until the bucket holds `tokens` more. */
  const tokenWaitMs = (tokens: number) => Math.max(20, Math.min(idleMs, (tokens / options.pace.ratePerSecond) * 1000));

  return {
    start() {
      if (running) return;
      running = true;
      renewer = setInterval(renewLeases, leaseMs / 3);
      renewer.unref();
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await Promise.all(inFlight);
      clearInterval(renewer);
    },
    async drain() {
      let sent = 0;
      for (;;) {
        const claim = await claimMessages(options.db, { botId: options.botId, claimer, want: 50, now: options.clock.now(), leaseMs, pace: null });
        if (claim.messages.length === 0) return sent;
        for (const message of claim.messages) await deliver(message);
        sent += claim.messages.length;
      }
    },
  };
}
