import { AsyncLocalStorage } from "node:async_hooks";
import type { Member } from "../features/accounts/service.js";
import type { Logger } from "../logger.js";
import type { PendingStateWrites } from "./update-intake.js";

/**
 * The update being handled: its member and logger, and its unit of work for conversation
 * state. Conversation replays build brand-new context objects that never pass our middleware;
 * they run inside the outer middleware's call, so they find the current update here.
 */
export interface RequestScope {
  user?: Member | undefined;
  log: Logger;
  /** Conversation states read with the update's admission (undefined = no state stored). */
  prefetched: Map<string, unknown>;
  /** Conversation state changes, written with the update's "done" mark. */
  pendingWrites: PendingStateWrites;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
