import { conflict, type ApiError } from "./errors.js";
import type { TgUpdate } from "./types.js";

/** Every update type of the Bot API. */
export const ALL_UPDATE_TYPES = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "business_connection",
  "business_message",
  "edited_business_message",
  "deleted_business_messages",
  "message_reaction",
  "message_reaction_count",
  "inline_query",
  "chosen_inline_result",
  "callback_query",
  "shipping_query",
  "pre_checkout_query",
  "purchased_paid_media",
  "poll",
  "poll_answer",
  "my_chat_member",
  "chat_member",
  "chat_join_request",
  "chat_boost",
  "removed_chat_boost",
];

/** Telegram's default when allowed_updates is empty: everything but these three. */
const OPT_IN_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const DEFAULT_ALLOWED: ReadonlySet<string> = new Set(ALL_UPDATE_TYPES.filter((type) => !OPT_IN_TYPES.has(type)));

/** The longest long poll Telegram holds open. */
export const LONG_POLL_MAX_SECONDS = 50;

export function updateType(update: Record<string, unknown>): string | undefined {
  return Object.keys(update).find((key) => key !== "update_id");
}

interface Poller {
  limit: number;
  resolve: (updates: TgUpdate[]) => void;
  reject: (error: ApiError) => void;
  timer: NodeJS.Timeout | undefined;
  detach: () => void;
}

/**
 * The bot's pending updates, in order, until the bot confirms them. As on Telegram an update
 * is only dropped when a later getUpdates passes an offset beyond it (or a webhook accepts
 * it); delivering it to a poll whose client went away loses nothing.
 */
export class UpdateQueue {
  private pending: TgUpdate[] = [];
  private nextId: number;
  private allowed: ReadonlySet<string> = DEFAULT_ALLOWED;
  private poller: Poller | undefined;
  private flushScheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    firstUpdateId: number,
    /** Converts emulated ms into real timer ms (time scale). */
    private readonly realMs: (emulatedMs: number) => number,
  ) {
    this.nextId = firstUpdateId;
  }

  /**
   * Queues an update and gives it the next update_id. Types the bot did not ask for are
   * dropped at once, like Telegram drops them (allowed_updates applies to new updates only).
   */
  push(update: Record<string, unknown>): TgUpdate | undefined {
    const type = updateType(update);
    if (type !== undefined && !this.allowed.has(type)) return undefined;
    const full = { ...update, update_id: this.nextId++ } as TgUpdate;
    this.pending.push(full);
    this.scheduleFlush();
    for (const listener of this.listeners) listener();
    return full;
  }

  /** allowed_updates from getUpdates/setWebhook: a list sets it, [] restores the default. */
  setAllowed(value: unknown): void {
    if (!Array.isArray(value)) return;
    const types = (value as unknown[]).filter((type): type is string => typeof type === "string");
    this.allowed = types.length === 0 ? DEFAULT_ALLOWED : new Set(types);
  }

  allowedTypes(): string[] {
    return [...this.allowed];
  }

  /**
   * getUpdates' offset: a positive one confirms every earlier update; a negative one keeps
   * only the last -offset updates.
   */
  confirm(offset: number): void {
    if (offset > 0) {
      const index = this.pending.findIndex((update) => update.update_id >= offset);
      this.pending = index < 0 ? [] : this.pending.slice(index);
    } else if (offset < 0) {
      this.pending = this.pending.slice(Math.max(0, this.pending.length + offset));
    }
  }

  /** Drops one update a webhook accepted. */
  acknowledge(updateId: number): void {
    this.pending = this.pending.filter((update) => update.update_id !== updateId);
  }

  head(): TgUpdate | undefined {
    return this.pending[0];
  }

  peek(limit = Number.POSITIVE_INFINITY): TgUpdate[] {
    return this.pending.slice(0, limit);
  }

  /** Whether a getUpdates long poll is waiting right now. */
  waiting(): boolean {
    return this.poller !== undefined;
  }

  size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
  }

  onPush(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One getUpdates call: answers at once when updates wait or timeout is 0, else holds the
   * request until an update arrives or the timeout passes. A newer call ends an older one
   * with 409 Conflict, which is how Telegram tells two running bot instances apart.
   */
  poll(offset: number, limit: number, timeoutSeconds: number, signal?: AbortSignal): Promise<TgUpdate[]> {
    this.confirm(offset);
    this.terminate(conflict("terminated by other getUpdates request; make sure that only one bot instance is running"));
    const ready = this.peek(limit);
    if (ready.length > 0 || timeoutSeconds <= 0 || signal?.aborted === true) return Promise.resolve(ready);

    return new Promise<TgUpdate[]>((resolve, reject) => {
      const onAbort = (): void => {
        // The client went away: nobody reads the answer, and nothing was handed out.
        if (this.poller === poller) this.finish(poller, []);
      };
      const poller: Poller = {
        limit,
        resolve,
        reject,
        timer: undefined,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      poller.timer = setTimeout(() => this.finish(poller, []), this.realMs(timeoutSeconds * 1000));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.poller = poller;
    });
  }

  /** Ends a waiting poll with an error (a newer poll, setWebhook). */
  terminate(error: ApiError): void {
    const poller = this.poller;
    if (poller === undefined) return;
    this.poller = undefined;
    this.release(poller);
    poller.reject(error);
  }

  /** Answers a waiting poll with nothing, so a stopping server has no request left hanging. */
  close(): void {
    if (this.poller !== undefined) this.finish(this.poller, []);
  }

  private finish(poller: Poller, updates: TgUpdate[]): void {
    if (this.poller === poller) this.poller = undefined;
    this.release(poller);
    poller.resolve(updates);
  }

  private release(poller: Poller): void {
    if (poller.timer !== undefined) clearTimeout(poller.timer);
    poller.detach();
  }

  /**
   * Hands waiting updates to the poll on the next turn of the event loop, so that updates
   * queued together (a test injecting several) travel in one answer, as they would from
   * Telegram.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const poller = this.poller;
      if (poller !== undefined && this.pending.length > 0) this.finish(poller, this.peek(poller.limit));
    });
  }
}
