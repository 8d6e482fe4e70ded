import type { Member } from "../features/accounts/service.js";
import type { Logger } from "../logger.js";
import type { PendingStateWrites } from "./update-intake.js";

/**
 * The update being handled: its member and logger, and its unit of work for conversation
 * state. Conversation replays build brand-new context objects that never pass our middleware;
 * they find the current update here by their conversation key.
 */
export interface RequestScope {
  user?: Member | undefined;
  log: Logger;
  /** Which run of the update this is (see BotExtras.attempt). */
  attempt?: number | undefined;
  /** The update, and the steps of it an earlier run recorded as done (see UpdateSteps). */
  update?: { botId: number; updateId: number; doneSteps: Set<string> } | undefined;
  /** Conversation states read with the update's admission (undefined = no state stored). */
  prefetched: Map<string, unknown>;
  /** Conversation state changes, written with the update's "done" mark. */
  pendingWrites: PendingStateWrites;
}

/**
 * The scopes of the updates in flight, by conversation key (chat and sender). sequentialize
 * runs one update per chat and per sender at a time, so a key has at most one scope. Each bot
 * has its own (two bots in one process, as in tests, may handle the same user at once).
 *
 * Not AsyncLocalStorage: on Node 20 it installs promise hooks that cost every promise in the
 * process, about 6% of the CPU of a /report conversation.
 */
export class RequestScopes {
  private readonly byKey = new Map<string, RequestScope>();

  /** Runs `body` with `scope` registered under `key` (nothing is registered without a key). */
  async run<T>(key: string | undefined, scope: RequestScope, body: () => Promise<T>): Promise<T> {
    if (key === undefined) return body();
    if (this.byKey.has(key)) throw new Error(`two updates in flight for conversation ${key}: sequentialize must run first`);
    this.byKey.set(key, scope);
    try {
      return await body();
    } finally {
      this.byKey.delete(key);
    }
  }

  get(key: string): RequestScope | undefined {
    return this.byKey.get(key);
  }
}
