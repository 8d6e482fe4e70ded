import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql, TransactionRollbackError } from "drizzle-orm";
import type { Clock } from "../../clock.js";
import { queryRows, type Database } from "../../db/client.js";
import { broadcastRecipients, broadcasts, communities, users, type Broadcast } from "../../db/schema/index.js";
import { enqueueJob } from "../../jobs/queue.js";
import type { Logger } from "../../logger.js";
import { materializeRecipients } from "./audience.js";
import type { BroadcastConfig } from "./config.js";
import { progressText, summaryText, type Translate } from "./render.js";
import { contentOf, figuresOf, SEND_JOB, sendJobKey, type BroadcastContent } from "./service.js";
import { inQuietHours, quietEndAfter, formatLocal } from "./time.js";
import type { BroadcastTransport, SendFailure } from "./transport.js";
import { stopButton } from "./keyboards.js";
import { DEFAULT_TIMEZONE } from "../../time.js";

/**
 * The sender's sense of time for pacing and waiting. Real time in production; tests move a
 * fake clock; the benchmark runs it faster together with the emulator's time scale.
 */
export interface Pace {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPace: Pace = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Time running `scale` times faster than the wall clock (the emulator's timeScale). */
export function scaledPace(scale: number): Pace {
  const start = Date.now();
  return { now: () => start + (Date.now() - start) * scale, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scale)) };
}

/** Per chat: never two messages within this long. */
export const PER_CHAT_SPACING_MS = 1000;

/**
 * Paces every send of this process: a token bucket at the configured rate (a burst of a fifth
 * of a second at most), one message a second per chat, and a pause of ALL sending after a 429.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private readonly chats = new Map<number, number>();
  private takes = 0;
  readonly capacity: number;
  private readonly perMs: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly pace: Pace,
  ) {
    this.capacity = Math.max(1, Math.floor(ratePerSecond / 5));
    this.perMs = ratePerSecond / 1000;
    this.tokens = this.capacity;
    this.last = pace.now();
  }

  /** Milliseconds until a message to `chatId` may go (0: now). */
  delay(chatId: number): number {
    const now = this.refill();
    let wait = Math.max(0, this.pausedUntil - now);
    if (this.tokens < 1) wait = Math.max(wait, (1 - this.tokens) / this.perMs);
    const previous = this.chats.get(chatId);
    if (previous !== undefined) wait = Math.max(wait, previous + PER_CHAT_SPACING_MS - now);
    return wait;
  }

  take(chatId: number): void {
    const now = this.refill();
    this.tokens -= 1;
    this.chats.set(chatId, now);
    if (++this.takes % 1000 === 0) for (const [id, at] of this.chats) if (at + PER_CHAT_SPACING_MS <= now) this.chats.delete(id);
  }

  /** Telegram said 429: nothing goes out before `ms` from now. */
  pauseAll(ms: number): void {
    const now = this.refill();
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
    this.tokens = Math.min(this.tokens, 0);
  }

  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.pace.now());
  }

  private refill(): number {
    const now = this.pace.now();
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perMs);
    this.last = now;
    return now;
  }
}

export interface SenderDeps {
  db: Database;
  /** Wall-clock time for leases, schedules and quiet hours (shared by all instances). */
  clock: Clock;
  /** Pacing time (defaults to real time). */
  pace?: Pace;
  transport: BroadcastTransport;
  logger: Logger;
  t: (locale: string, key: string, vars?: Record<string, string | number>) => string;
  config: BroadcastConfig;
  /** Share one pacer between the senders of a process so a 429 pauses them all. */
  pacer?: Pacer;
  senderId?: string;
  /** A sender that stops renewing loses the broadcast to another after this long. Default 30 s. */
  leaseMs?: number;
  /** One job run sends for at most this long (pace time), then queues its continuation. Default 30 s. */
  sliceMs?: number;
  pageSize?: number;
  progressEveryMs?: number;
  heartbeatMs?: number;
  /** Network errors and 5xx: tries per recipient, with backoff from backoffMs doubling. */
  maxAttempts?: number;
  backoffMs?: number;
}

export type SliceOutcome = "busy" | "done" | "cancelled" | "paused" | "continued" | "lost";

type Stop = "cancelled" | "lost" | "slice" | "quiet";

export interface SenderStats {
  accepted: number;
  flood: number;
  failed: number;
}

/**
 * Sends broadcasts, one job run ("slice") at a time:
 *
 * 1. Claim the broadcast under a lease in SQL (one sender per broadcast; another instance takes
 *    over once the lease has run out). A scheduled broadcast starts: its recipients are fixed in
 *    one INSERT … SELECT.
 * 2. Read open recipients in pages of `pageSize` by user id; for each: wait for the pacer, mark
 *    the row "sending" (only while our lease holds), call Telegram, mark it "sent" with the
 *    message id (or "failed" with the reason).
 * 3. Every second renew the lease and read the status (Cancel stops within a second); every
 *    five seconds edit the progress message; in quiet hours release the broadcast until they end.
 *
 * The one window: a sender killed after Telegram accepted a message and before its "sent" row
 * was written leaves that row "sending", and the next sender sends it again. Only one message is
 * in flight per sender, so at most one recipient per killed sender gets the message twice.
 */
export function createBroadcastSender(deps: SenderDeps) {
  const pace = deps.pace ?? realPace;
  const senderId = deps.senderId ?? randomUUID();
  const pacer = deps.pacer ?? new Pacer(deps.config.ratePerSecond, pace);
  const leaseMs = deps.leaseMs ?? 30_000;
  const sliceMs = deps.sliceMs ?? 30_000;
  const pageSize = deps.pageSize ?? 500;
  const progressEveryMs = deps.progressEveryMs ?? 5000;
  const heartbeatMs = deps.heartbeatMs ?? 1000;
  const maxAttempts = deps.maxAttempts ?? 5;
  const backoffMs = deps.backoffMs ?? 1000;
  const stats: SenderStats = { accepted: 0, flood: 0, failed: 0 };
  /** When each broadcast's progress message was last edited (pace time), across slices. */
  const progressShownAt = new Map<number, number>();
  const { db, clock, transport, logger } = deps;
  const iso = (d: Date) => d.toISOString();

  async function claim(id: number): Promise<Broadcast | undefined> {
    const now = clock.now();
    const [row] = await db
      .update(broadcasts)
      .set({ lockedBy: senderId, lockedUntil: new Date(now.getTime() + leaseMs), epoch: sql`${broadcasts.epoch} + 1`, resumeAt: null })
      .where(
        and(
          eq(broadcasts.id, id),
          inArray(broadcasts.status, ["scheduled", "sending"]),
          sql`coalesce(${broadcasts.resumeAt}, ${broadcasts.runAt}) <= ${iso(now)}::timestamptz`,
          or(isNull(broadcasts.lockedUntil), lt(broadcasts.lockedUntil, now)),
        ),
      )
      .returning();
    return row;
  }

  /** Renews the lease; undefined when another sender has it now. */
  async function renew(id: number): Promise<string | undefined> {
    const [row] = await db
      .update(broadcasts)
      .set({ lockedUntil: new Date(clock.now().getTime() + leaseMs) })
      .where(and(eq(broadcasts.id, id), eq(broadcasts.lockedBy, senderId)))
      .returning({ status: broadcasts.status });
    return row?.status;
  }

  async function release(id: number, resumeAt: Date | null): Promise<number | undefined> {
    const [row] = await db
      .update(broadcasts)
      .set({ lockedBy: null, lockedUntil: null, resumeAt })
      .where(and(eq(broadcasts.id, id), eq(broadcasts.lockedBy, senderId)))
      .returning({ epoch: broadcasts.epoch });
    return row?.epoch;
  }

  /** The fence: a row becomes "sending" only while this sender holds a live lease on a sending broadcast. */
  const fenced = (id: number, userId: number, now: string) => sql`
    update ${broadcastRecipients} set state = 'sending', attempts = attempts + 1, updated_at = ${now}::timestamptz
    where broadcast_id = ${id} and user_id = ${userId} and state in ('pending', 'sending')
      and exists (select 1 from ${broadcasts} b where b.id = ${id} and b.locked_by = ${senderId}
                  and b.status = 'sending' and b.locked_until > ${now}::timestamptz)
    returning 1 as one`;

  async function markSending(id: number, userId: number): Promise<boolean> {
    const rows = await queryRows<{ one: number }>(db, fenced(id, userId, iso(clock.now())));
    return rows.length === 1;
  }

  /**
   * Records a message Telegram accepted and, in the same round trip, marks the next recipient
   * "sending" (fenced as above). True when the next one is ours to send.
   */
  async function markSent(id: number, userId: number, messageId: number, next: number | undefined): Promise<boolean> {
    const now = iso(clock.now());
    const sent = sql`update ${broadcastRecipients} set state = 'sent', message_id = ${messageId}, reason = null, updated_at = ${now}::timestamptz
      where broadcast_id = ${id} and user_id = ${userId} and state = 'sending'`;
    if (next === undefined) {
      await db.execute(sent);
      return false;
    }
    const rows = await queryRows<{ next: number }>(
      db,
      sql`with sent as (${sent} returning 1), next as (${fenced(id, next, now)}) select (select count(*) from next)::int as next`,
    );
    return rows[0]?.next === 1;
  }

  async function markFailed(id: number, userId: number, reason: string, unreachable: boolean): Promise<void> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx
        .update(broadcastRecipients)
        .set({ state: "failed", reason, updatedAt: now })
        .where(and(eq(broadcastRecipients.broadcastId, id), eq(broadcastRecipients.userId, userId), eq(broadcastRecipients.state, "sending")));
      // Skipped by later broadcasts until they write to us again (update intake clears it).
      if (unreachable)
        await tx
          .update(users)
          .set({ blockedAt: now })
          .where(and(eq(users.id, userId), isNull(users.blockedAt)));
    });
  }

  async function backToPending(id: number, userId: number): Promise<void> {
    await db
      .update(broadcastRecipients)
      .set({ state: "pending" })
      .where(and(eq(broadcastRecipients.broadcastId, id), eq(broadcastRecipients.userId, userId), eq(broadcastRecipients.state, "sending")));
  }

  async function nextPage(id: number, after: number): Promise<number[]> {
    const rows = await queryRows<{ user_id: string }>(
      db,
      sql`select user_id::text from ${broadcastRecipients}
          where broadcast_id = ${id} and state in ('pending', 'sending') and user_id > ${after}
          order by user_id limit ${pageSize}`,
    );
    return rows.map((r) => Number(r.user_id));
  }

  async function runSlice(id: number): Promise<SliceOutcome> {
    let row = await claim(id);
    if (!row) return "busy";
    const log = logger.child({ broadcast: id, sender: senderId });
    const [community] = await db.select({ timezone: communities.timezone }).from(communities).where(eq(communities.id, row.communityId));
    const tz = community?.timezone ?? DEFAULT_TIMEZONE;
    const locale = row.progressLocale ?? "zh-CN";
    const t: Translate = (key, vars) => deps.t(locale, key, vars);
    const content: BroadcastContent = contentOf(row);

    if (row.status === "scheduled") {
      const started = await start(row);
      if (!started) return "lost";
      row = started;
      if (row.status === "done") {
        await notifyOrEdit(row, t("broadcast-summary-nobody", { id }));
        return "done";
      }
    }
    if (row.progressChatId !== null && row.progressMessageId === null) {
      const messageId = await transport.notify(row.progressChatId, t("broadcast-started", { id, total: row.total ?? 0 }), [
        { text: t("broadcast-button-stop"), data: stopButton.pack({ id }) },
      ]);
      if (messageId !== undefined) {
        await db.update(broadcasts).set({ progressMessageId: messageId }).where(eq(broadcasts.id, id));
        row = { ...row, progressMessageId: messageId };
      }
    }
    const progressRow = row;

    const sliceStart = pace.now();
    let lastBeat = sliceStart;
    let lastProgress = progressShownAt.get(id) ?? sliceStart;
    let sentThisSlice = 0;
    let stop: Stop | undefined;
    const quietNow = () => !row!.urgent && inQuietHours(clock.now(), tz, deps.config.quietHours);
    if (quietNow()) stop = "quiet";

    const rate = () => {
      const seconds = (pace.now() - sliceStart) / 1000;
      return seconds >= 1 ? sentThisSlice / seconds : deps.config.ratePerSecond;
    };
    const showProgress = async () => {
      if (progressRow.progressChatId === null || progressRow.progressMessageId === null) return;
      const figures = await figuresOf(db, id);
      await transport.edit(progressRow.progressChatId, progressRow.progressMessageId, progressText(t, id, figures, rate()), [
        { text: t("broadcast-button-stop"), data: stopButton.pack({ id }) },
      ]);
    };

    /** Heartbeat, progress and the slice's end; true when sending must stop. */
    const shouldStop = async (): Promise<boolean> => {
      if (stop) return true;
      const now = pace.now();
      if (now - lastBeat >= heartbeatMs) {
        lastBeat = now;
        const status = await renew(id);
        if (status === undefined) stop = "lost";
        else if (status !== "sending") stop = "cancelled";
        else if (quietNow()) stop = "quiet";
      }
      if (!stop && now - sliceStart >= sliceMs) stop = "slice";
      if (!stop && now - lastProgress >= progressEveryMs) {
        lastProgress = now;
        progressShownAt.set(id, now);
        await showProgress();
      }
      return stop !== undefined;
    };

    /** Waits `ms` of pace time in steps of at most a heartbeat; false when sending must stop. */
    const wait = async (ms: number): Promise<boolean> => {
      const until = pace.now() + ms;
      for (;;) {
        if (await shouldStop()) return false;
        const left = until - pace.now();
        if (left <= 0) return true;
        await pace.sleep(Math.min(left, heartbeatMs));
      }
    };

    /** The recipient the last statement already marked "sending" for us. */
    let premarked: number | undefined;

    /** One recipient, to the end: sent, failed, or left for later when we must stop. */
    const deliverOne = async (userId: number, next: number | undefined): Promise<void> => {
      let transientTries = 0;
      for (;;) {
        for (;;) {
          if (await shouldStop()) return;
          const delay = pacer.delay(userId);
          if (delay <= 0) break;
          await pace.sleep(Math.min(delay, heartbeatMs));
        }
        const ours = premarked === userId || (await markSending(id, userId));
        premarked = undefined;
        if (!ours) {
          // Not ours any more (lease lost, cancelled) or no longer open: the heartbeat decides.
          lastBeat = -Infinity;
          await shouldStop();
          return;
        }
        pacer.take(userId);
        let failure: SendFailure;
        try {
          const messageId = await transport.deliver(userId, content, deps.config.paid);
          // ← the window: accepted by Telegram, not yet recorded.
          stats.accepted++;
          sentThisSlice++;
          if (await markSent(id, userId, messageId, next)) premarked = next;
          return;
        } catch (error) {
          failure = transport.classify(error);
        }
        if (failure.kind === "flood") {
          stats.flood++;
          log.warn({ retryAfterMs: failure.retryAfterMs }, "429: pausing all sending");
          pacer.pauseAll(failure.retryAfterMs);
          await backToPending(id, userId);
          continue;
        }
        if (failure.kind === "transient") {
          transientTries++;
          if (transientTries < maxAttempts) {
            if (!(await wait(backoffMs * 2 ** (transientTries - 1)))) return;
            continue;
          }
          stats.failed++;
          await markFailed(id, userId, failure.reason, false);
          return;
        }
        stats.failed++;
        await markFailed(id, userId, failure.reason, failure.kind === "unreachable");
        return;
      }
    };

    let cursor = 0;
    while (!stop) {
      const page = await nextPage(id, cursor);
      if (page.length === 0) {
        if (cursor === 0) break;
        cursor = 0; // rows reopened behind us (none normally): one more pass from the start
        continue;
      }
      for (let i = 0; i < page.length; i++) {
        if (await shouldStop()) break;
        await deliverOne(page[i]!, page[i + 1]);
        cursor = page[i]!;
      }
    }

    if (premarked !== undefined) {
      // Marked "sending" with the previous message but never sent: open again.
      await backToPending(id, premarked);
      premarked = undefined;
    }
    if (!stop) {
      const [finished] = await db
        .update(broadcasts)
        .set({ status: "done", finishedAt: clock.now(), lockedBy: null, lockedUntil: null })
        .where(and(eq(broadcasts.id, id), eq(broadcasts.lockedBy, senderId), eq(broadcasts.status, "sending")))
        .returning({ id: broadcasts.id });
      if (finished) {
        progressShownAt.delete(id);
        log.info("broadcast finished");
        await notifyOrEdit(progressRow, summaryText(t, id, await figuresOf(db, id), "done"));
        return "done";
      }
      const status = await renew(id);
      stop = status === undefined ? "lost" : "cancelled";
    }
    switch (stop) {
      case "lost":
        progressShownAt.delete(id);
        log.warn("lease lost: another sender has the broadcast");
        return "lost";
      case "cancelled": {
        const now = clock.now();
        await db
          .update(broadcastRecipients)
          .set({ state: "skipped", reason: "cancelled", updatedAt: now })
          .where(and(eq(broadcastRecipients.broadcastId, id), inArray(broadcastRecipients.state, ["pending", "sending"])));
        await release(id, null);
        progressShownAt.delete(id);
        log.info("broadcast cancelled");
        await notifyOrEdit(progressRow, summaryText(t, id, await figuresOf(db, id), "cancelled"));
        return "cancelled";
      }
      case "quiet": {
        const resumeAt = quietEndAfter(clock.now(), tz, deps.config.quietHours!);
        const epoch = await release(id, resumeAt);
        if (epoch === undefined) return "lost";
        await enqueueJob(db, SEND_JOB, { broadcastId: id }, { runAt: resumeAt, singletonKey: sendJobKey(id, epoch, null) });
        if (progressRow.progressChatId !== null && progressRow.progressMessageId !== null) {
          const figures = await figuresOf(db, id);
          await transport.edit(
            progressRow.progressChatId,
            progressRow.progressMessageId,
            `${progressText(t, id, figures, 0)}\n${t("broadcast-quiet-paused", { time: formatLocal(resumeAt, tz) })}`,
            [{ text: t("broadcast-button-stop"), data: stopButton.pack({ id }) }],
          );
        }
        log.info({ resumeAt }, "quiet hours: paused");
        return "paused";
      }
      default: {
        const epoch = await release(id, null);
        if (epoch === undefined) return "lost";
        await enqueueJob(db, SEND_JOB, { broadcastId: id }, { runAt: clock.now(), singletonKey: sendJobKey(id, epoch, null) });
        return "continued";
      }
    }
  }

  /** scheduled → sending: the recipient list is fixed now, in one transaction. */
  async function start(row: Broadcast): Promise<Broadcast | undefined> {
    const now = clock.now();
    return db
      .transaction(async (tx) => {
        const { reachable, total } = await materializeRecipients(
          tx,
          row.id,
          { communityId: row.communityId, audience: row.audience, audienceRef: row.audienceRef },
          now,
        );
        const nobody = reachable === 0;
        const [updated] = await tx
          .update(broadcasts)
          .set({
            status: nobody ? "done" : "sending",
            total,
            startedAt: now,
            ...(nobody ? { finishedAt: now, lockedBy: null, lockedUntil: null } : {}),
          })
          .where(and(eq(broadcasts.id, row.id), eq(broadcasts.status, "scheduled"), eq(broadcasts.lockedBy, senderId)))
          .returning();
        if (!updated) tx.rollback();
        return updated;
      })
      .catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return undefined;
        throw error;
      });
  }

  async function notifyOrEdit(row: Broadcast, text: string): Promise<void> {
    if (row.progressChatId === null) return;
    if (row.progressMessageId !== null) await transport.edit(row.progressChatId, row.progressMessageId, text);
    else await transport.notify(row.progressChatId, text);
  }

  return { senderId, pacer, stats, runSlice };
}

export type BroadcastSender = ReturnType<typeof createBroadcastSender>;
