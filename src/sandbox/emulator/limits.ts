import type { Limits } from "./types.js";

/**
 * Telegram's flood control, modelled as token buckets on the emulated clock.
 *
 * - global: `global_burst` sends at once, then `global_per_s` per second over all chats;
 * - per chat: `per_chat_burst` sends at once, then `per_chat_per_s` per second into one chat;
 * - per group: `group_per_min` sends at once, then `group_per_min` per minute into one group
 *   (groups also obey the per-chat bucket).
 *
 * A send that finds any bucket empty is refused whole (no bucket is charged) with the number
 * of seconds until all of them have a token again, rounded up, at least 1: that is the
 * `retry_after` Telegram puts in its 429 answers.
 */
export const DEFAULT_LIMITS: Limits = {
  enabled: true,
  global_per_s: 30,
  global_burst: 30,
  per_chat_per_s: 1,
  per_chat_burst: 3,
  group_per_min: 20,
};

/** Refill arithmetic is floating point: 3000 ms at 20 per minute must count as a whole token. */
const EPSILON = 1e-9;

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Milliseconds until one token is available (0 when one is there now). */
  wait(now: number): number {
    this.refill(now);
    if (this.tokens >= 1 - EPSILON) return 0;
    if (this.perMs <= 0) return Number.POSITIVE_INFINITY;
    return (1 - this.tokens) / this.perMs;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Full again, so the bucket can be forgotten. */
  idle(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity - EPSILON;
  }

  private refill(now: number): void {
    // A clock moved backwards (tests do that) must not drain the bucket.
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perMs);
    this.last = now;
  }
}

export class RateLimiter {
  private limits: Limits;
  private global: TokenBucket;
  private readonly chats = new Map<number, TokenBucket>();
  private readonly groups = new Map<number, TokenBucket>();
  private sends = 0;

  constructor(
    private readonly now: () => number,
    limits: Partial<Limits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.global = this.newGlobal();
  }

  current(): Limits {
    return { ...this.limits };
  }

  /** Changes limits and starts every bucket afresh (full), so a test sees the new limits at once. */
  set(limits: Partial<Limits>): void {
    this.limits = { ...this.limits, ...limits };
    this.reset();
  }

  reset(): void {
    this.global = this.newGlobal();
    this.chats.clear();
    this.groups.clear();
  }

  /**
   * Charges one send to `chatId`, or returns the retry_after seconds when a limit is hit
   * (nothing is charged then).
   */
  acquire(chatId: number, isGroup: boolean): number | undefined {
    if (!this.limits.enabled) return undefined;
    const now = this.now();
    const buckets = [this.global, this.bucket(this.chats, chatId, this.limits.per_chat_burst, this.limits.per_chat_per_s / 1000)];
    if (isGroup) {
      buckets.push(this.bucket(this.groups, chatId, this.limits.group_per_min, this.limits.group_per_min / 60_000));
    }
    const wait = Math.max(...buckets.map((bucket) => bucket.wait(now)));
    if (wait > 0) return Number.isFinite(wait) ? Math.max(1, Math.ceil(wait / 1000)) : 3600;
    for (const bucket of buckets) bucket.take(now);
    this.forgetIdle(now);
    return undefined;
  }

  private newGlobal(): TokenBucket {
    return new TokenBucket(Math.max(1, this.limits.global_burst), this.limits.global_per_s / 1000, this.now());
  }

  private bucket(map: Map<number, TokenBucket>, chatId: number, capacity: number, perMs: number): TokenBucket {
    let bucket = map.get(chatId);
    if (bucket === undefined) {
      bucket = new TokenBucket(Math.max(1, capacity), perMs, this.now());
      map.set(chatId, bucket);
    }
    return bucket;
  }

  /** Keeps memory flat in long benchmarks over many chats: full buckets carry no state. */
  private forgetIdle(now: number): void {
    this.sends++;
    if (this.sends % 1000 !== 0 || this.chats.size + this.groups.size < 10_000) return;
    for (const map of [this.chats, this.groups]) {
      for (const [id, bucket] of map) if (bucket.idle(now)) map.delete(id);
    }
  }
}
