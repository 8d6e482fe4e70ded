import type { NextFunction } from "grammy";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { errorKind } from "../../db/errors.js";
import { bootstrapAdmin, findMember } from "../../features/accounts/service.js";
import { chatKeyOf } from "../chat-key.js";
import type { BotContext } from "../context.js";
import { conversationKey } from "../conversation-storage.js";
import type { IntakeTracker } from "../intake-tracker.js";
import type { RequestScope, RequestScopes } from "../request-scope.js";
import { DEFAULT_LEDGER_TIMING, updateLedger, type LedgerTiming } from "../update-intake.js";

/** The update could not even be claimed (the database is away): nothing of it ran. */
export class UpdateNotAdmittedError extends Error {
  constructor(cause: unknown) {
    super("the update could not be admitted", { cause });
    this.name = "UpdateNotAdmittedError";
  }
}

export interface IntakeOptions {
  adminIds: readonly number[];
  scopes: RequestScopes;
  tracker: IntakeTracker;
  timing?: LedgerTiming;
  /** Test hook: runs after the handlers, before "done" is written (a kill there is tested). */
  beforeComplete?: (updateId: number) => Promise<void>;
}

/**
 * Every update passes here once, with two statements (shared by the updates handled at the
 * same time, see updateLedger):
 *  - before: claim it in the ledger (Telegram delivers at least once: a webhook retried, a
 *    poll redelivered after a kill, recovery running another process's unfinished update),
 *    create or refresh the sender of a private-chat update, read their roles and conversation
 *    state;
 *  - after: mark it done together with the conversation state it produced, or, if it failed,
 *    record the failure: it is retried later, and parked after MAX_ATTEMPTS.
 * In groups the sender is only looked up: a group member who never wrote to us is a stranger.
 */
export function updateIntake(db: Database, clock: Clock, options: IntakeOptions) {
  const admins = new Set(options.adminIds);
  const { scopes, tracker } = options;
  const ledger = updateLedger(db, options.timing ?? DEFAULT_LEDGER_TIMING);
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const botId = ctx.me.id;
    const updateId = ctx.update.update_id;
    const from = ctx.from && !ctx.from.is_bot ? ctx.from : undefined;
    const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
    const isPrivate = from !== undefined && (chat === undefined || chat.type === "private");
    const key = from && ctx.chat ? conversationKey(ctx) : undefined;
    tracker.noteAdmitted(updateId);

    let admission: Awaited<ReturnType<typeof ledger.admit>>;
    try {
      admission = await ledger.admit({
        botId,
        updateId,
        at: clock.now(),
        instanceId: tracker.instanceId,
        payload: ctx.update,
        chatKey: chatKeyOf(ctx.update),
        reclaim: tracker.takeReclaim(updateId),
        conversationKey: key,
        profile: isPrivate
          ? { id: from.id, firstName: from.first_name, lastName: from.last_name, username: from.username, languageCode: from.language_code }
          : undefined,
      });
    } catch (error) {
      throw new UpdateNotAdmittedError(error);
    }
    if (!admission.claimed) {
      // Done already, running elsewhere, or held back behind an earlier update of its chat
      // (then it is stored, and recovery runs it after that one).
      ctx.log.info("update not claimed: done, running elsewhere, or waiting for an earlier one of its chat");
      return;
    }
    ctx.attempt = admission.attempt;
    try {
      let member = admission.member ?? (from ? await findMember(db, from.id) : undefined);
      if (member && isPrivate && admins.has(member.id) && !member.roles.includes("admin")) {
        await bootstrapAdmin(db, member.id, clock.now());
        ctx.log.info({ user: member.id }, "admin role granted from ADMIN_TELEGRAM_IDS");
        member = (await findMember(db, member.id)) ?? member;
      }
      ctx.user = member;

      const scope: RequestScope = {
        user: member,
        log: ctx.log,
        attempt: admission.attempt,
        update: { botId, updateId, doneSteps: new Set(admission.doneSteps) },
        prefetched: new Map(),
        pendingWrites: new Map(),
      };
      if (key !== undefined) scope.prefetched.set(key, admission.conversationState);
      await scopes.run(key, scope, next);
      await options.beforeComplete?.(updateId);
      await ledger.complete({ botId, updateId, at: clock.now(), writes: scope.pendingWrites });
    } catch (error) {
      try {
        const outcome = await ledger.fail({ botId, updateId, instanceId: tracker.instanceId, at: clock.now(), errorKind: errorKind(error) });
        if (outcome === "parked") ctx.log.error({ attempt: admission.attempt }, "update parked after its last attempt");
      } catch {
        // The database is away: the claim stays ours and recovery runs the update again.
        ctx.log.warn("could not record the failure; recovery will retry the update");
      }
      throw error;
    }
  };
}
