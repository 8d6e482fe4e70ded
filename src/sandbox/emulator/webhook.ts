import { Args } from "./args.js";
import type { EmulatorCore } from "./core.js";

/** How long one delivery may take before it counts as failed. */
const DELIVERY_TIMEOUT_MS = 30_000;
/** Pause after a failed delivery, in emulated ms, growing to the maximum. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Delivers queued updates to the webhook the bot set, one at a time and in order, with the
 * X-Telegram-Bot-Api-Secret-Token header. An update leaves the queue only when the webhook
 * answers 2xx; otherwise the error is kept for getWebhookInfo and the update is retried. A
 * JSON answer naming a `method` is executed as Telegram executes webhook replies.
 */
export class WebhookSender {
  private running = false;
  private stopped = false;
  private abort: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_MIN_MS;

  constructor(private readonly core: EmulatorCore) {}

  /** Starts delivering if a webhook is set and updates wait. */
  kick(): void {
    if (this.running || this.stopped || this.core.webhook === undefined) return;
    if (this.retryTimer !== undefined) return;
    void this.loop();
  }

  /** The webhook changed: deliver at once instead of waiting out a retry pause. */
  restart(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryDelay = RETRY_MIN_MS;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  resume(): void {
    this.stopped = false;
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const hook = this.core.webhook;
        const update = this.core.queue.head();
        if (this.stopped || hook === undefined || update === undefined) return;
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (hook.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = hook.secretToken;
        this.abort = new AbortController();
        const timer = setTimeout(() => this.abort?.abort(), DELIVERY_TIMEOUT_MS);
        let failure: string | undefined;
        let reply = "";
        try {
          const response = await fetch(hook.url, {
            method: "POST",
            headers,
            body: JSON.stringify(update),
            signal: this.abort.signal,
          });
          reply = await response.text();
          if (!response.ok) failure = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
        } catch (error) {
          failure = error instanceof Error && error.name === "AbortError" ? "Timeout expired" : "Connection refused";
        } finally {
          clearTimeout(timer);
        }
        if (this.stopped) return;
        if (failure === undefined) {
          this.core.queue.acknowledge(update.update_id);
          this.retryDelay = RETRY_MIN_MS;
          await this.runReply(reply);
          continue;
        }
        if (this.core.webhook === hook) {
          hook.lastErrorDate = this.core.clock.unix();
          hook.lastErrorMessage = failure;
        }
        this.scheduleRetry();
        return;
      }
    } finally {
      this.running = false;
    }
  }

  private scheduleRetry(): void {
    const delay = this.core.clock.real(this.retryDelay);
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
  }

  /** A webhook may answer with one method call instead of making a separate request. */
  private async runReply(reply: string): Promise<void> {
    if (reply.trim() === "") return;
    let body: unknown;
    try {
      body = JSON.parse(reply) as unknown;
    } catch {
      return;
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return;
    const { method, ...params } = body as Record<string, unknown>;
    if (typeof method !== "string" || method === "") return;
    await this.core.dispatch(method, { args: Args.from(params), params });
  }
}
