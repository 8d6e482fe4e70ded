import type { ParsedRequest } from "./body.js";
import { createClock, type EmulatorClock } from "./clock.js";
import { ApiError, notFound } from "./errors.js";
import { FileStore } from "./files.js";
import { RateLimiter } from "./limits.js";
import { Described } from "./methods/context.js";
import { METHODS } from "./methods/index.js";
import { Store } from "./store.js";
import type { ApiResponse, EmulatorOptions, TgBotCommand, TgBotUser } from "./types.js";
import type { CallRecord, Stats } from "./control-types.js";
import { UpdateQueue } from "./updates.js";
import { WebhookSender } from "./webhook.js";

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections: number;
  ipAddress?: string;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

const DEFAULT_MAX_CALL_LOG = 50_000;

/**
 * The emulated Telegram server behind one bot: state (store, files, update queue), flood
 * control, bot settings, and the dispatcher that runs a method and records the call.
 */
export class EmulatorCore {
  readonly clock: EmulatorClock;
  readonly store: Store;
  readonly files = new FileStore();
  readonly queue: UpdateQueue;
  readonly limiter: RateLimiter;
  readonly token: string | undefined;
  readonly privacyMode: boolean;
  /** Real ms every answer over HTTP waits (answerDelayMs). */
  readonly answerDelayMs: number;
  webhook: WebhookState | undefined;
  readonly webhooks: WebhookSender;
  /** setMyCommands by scope+language key. */
  readonly commands = new Map<string, TgBotCommand[]>();
  /** setMyName/Description/ShortDescription by kind+language key. */
  readonly botTexts = new Map<string, string>();
  /** setChatMenuButton by chat id ("" for the default). */
  readonly menuButtons = new Map<string, unknown>();

  private callLog: CallRecord[] = [];
  private callSeq = 0;
  private readonly maxCallLog: number;
  private statistics: Stats = emptyStats();
  private readonly callListeners = new Set<(call: CallRecord) => void>();

  constructor(options: EmulatorOptions) {
    this.clock = createClock(options);
    this.token = options.token;
    this.privacyMode = options.privacyMode ?? false;
    this.answerDelayMs = Math.max(0, options.answerDelayMs ?? 0);
    this.maxCallLog = options.maxCallLog ?? DEFAULT_MAX_CALL_LOG;
    this.store = new Store(botUser(options));
    this.queue = new UpdateQueue(options.firstUpdateId ?? 1, (ms) => this.clock.real(ms));
    this.limiter = new RateLimiter(() => this.clock.now(), options.limits);
    this.webhooks = new WebhookSender(this);
    this.queue.onPush(() => this.webhooks.kick());
  }

  /** setWebhook/deleteWebhook changed the webhook. */
  webhookChanged(): void {
    this.webhooks.restart();
  }

  /**
   * Runs one Bot API method (name case-insensitive, as on Telegram) and records it. Never
   * throws: every failure becomes a Telegram-shaped answer.
   */
  async dispatch(method: string, request: ParsedRequest, signal?: AbortSignal): Promise<ApiResponse> {
    const at = this.clock.now();
    const entry = METHODS.get(method.toLowerCase());
    const name = entry?.name ?? method;
    let response: ApiResponse;
    try {
      if (entry === undefined) throw notFound();
      const value = await entry.handler({ core: this, args: request.args, method: name, signal });
      response = value instanceof Described ? { ok: true, result: value.result, description: value.description } : { ok: true, result: value };
    } catch (error) {
      response = failure(error);
    }
    this.record(name, at, request, response);
    return response;
  }

  /** Records a request refused before any method ran (unreadable body, too large). */
  refuse(method: string, error: unknown): ApiResponse {
    const response = failure(error);
    this.record(method, this.clock.now(), undefined, response);
    return response;
  }

  calls(): CallRecord[] {
    return [...this.callLog];
  }

  clearCalls(): void {
    this.callLog = [];
  }

  stats(): Stats {
    return structuredClone(this.statistics);
  }

  resetStats(): void {
    this.statistics = emptyStats();
  }

  onCall(listener: (call: CallRecord) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  private record(method: string, at: number, request: ParsedRequest | undefined, response: ApiResponse): void {
    const call: CallRecord = {
      seq: ++this.callSeq,
      at,
      method,
      params: request?.params ?? {},
      files: (request?.args.uploadList() ?? []).map((upload) => ({
        field: upload.field,
        filename: upload.filename,
        size: upload.data.length,
      })),
      ok: response.ok,
    };
    if (response.ok) {
      call.result = response.result;
    } else {
      call.error_code = response.error_code;
      call.description = response.description;
    }
    this.callLog.push(call);
    // Trimmed in batches so that a long benchmark does not shift a huge array on every call.
    if (this.callLog.length > this.maxCallLog + Math.ceil(this.maxCallLog / 10)) {
      this.callLog.splice(0, this.callLog.length - this.maxCallLog);
    }

    const stats = this.statistics;
    stats.total++;
    stats.perMethod[method] = (stats.perMethod[method] ?? 0) + 1;
    if (response.ok) {
      stats.ok++;
    } else {
      stats.failed++;
      stats.byErrorCode[response.error_code] = (stats.byErrorCode[response.error_code] ?? 0) + 1;
      if (response.error_code === 429) stats.tooManyRequests++;
      if (response.error_code === 403) stats.forbidden++;
    }
    for (const listener of [...this.callListeners]) {
      try {
        listener(call);
      } catch {
        // Listeners are observers; they never change the answer.
      }
    }
  }
}

function failure(error: unknown): ApiResponse {
  if (error instanceof ApiError) return error.toResponse();
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error_code: 500, description: `Internal Server Error: ${message}` };
}

function emptyStats(): Stats {
  return { total: 0, ok: 0, failed: 0, perMethod: {}, byErrorCode: {}, tooManyRequests: 0, forbidden: 0 };
}

function botUser(options: EmulatorOptions): TgBotUser {
  const fromToken = /^(\d+):/.exec(options.token ?? "")?.[1];
  const bot = options.bot ?? {};
  return {
    id: bot.id ?? (fromToken !== undefined ? Number(fromToken) : 1_000_000_001),
    is_bot: true,
    first_name: bot.first_name ?? "Emulated Bot",
    username: bot.username ?? "emulated_bot",
    can_join_groups: bot.can_join_groups ?? true,
    can_read_all_group_messages: bot.can_read_all_group_messages ?? !(options.privacyMode ?? false),
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  };
}
