import { AsyncLocalStorage } from "node:async_hooks";
import type { Member } from "../features/accounts/service.js";
import type { Logger } from "../logger.js";

/**
 * The member and logger of the update being handled. Conversation replays build brand-new
 * context objects that never pass our middleware; they run inside the outer middleware's
 * call, so they can read the current update's member from here instead of the database.
 */
export interface RequestScope {
  user?: Member | undefined;
  log: Logger;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
