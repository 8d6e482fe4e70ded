import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { hasAnyRole } from "../accounts/roles.js";
import { addPatrolPoint, openPatrolOf, PATROL_ROLES, togglePatrol } from "./patrol.js";
import { PATROL_FINDING_CONVERSATION, patrolFindingConversation } from "./patrol-conversation.js";

/** 日巡查: /patrol starts and ends; on patrol, photos become findings and live location the route. */
export const patrolFeature: Feature = {
  name: "patrol",
  commands: [{ command: "patrol", descriptionKey: "command-patrol", roles: PATROL_ROLES, order: 31 }],
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(patrolFindingConversation(deps), { id: PATROL_FINDING_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("patrol", requireRole(...PATROL_ROLES), async (ctx) => {
      const result = await togglePatrol(deps.db, { communityId: ctx.user!.communityId!, inspectorId: ctx.from!.id, at: deps.clock.now() });
      if ("started" in result) {
        await ctx.reply(ctx.t("patrol-started"));
        return;
      }
      const { minutes, findings, points } = result.ended;
      await ctx.reply(ctx.t("patrol-ended", { minutes, findings, points }));
    });
    composer.on("message:photo", async (ctx, next) => {
      if (!ctx.user || !hasAnyRole(ctx.user.roles, PATROL_ROLES)) return next();
      const patrol = await openPatrolOf(deps.db, ctx.from.id);
      if (!patrol) return next();
      const photo = ctx.message.photo.at(-1)!;
      await ctx.conversation.enter(PATROL_FINDING_CONVERSATION, patrol.id, patrol.communityId, { fileId: photo.file_id, fileUniqueId: photo.file_unique_id });
    });
    // Live location: the first message, then edits of it as the inspector walks.
    composer.on(["message:location", "edited_message:location"], async (ctx, next) => {
      const location = ctx.msg.location;
      if (location.live_period === undefined && ctx.editedMessage === undefined) return next();
      const patrol = await openPatrolOf(deps.db, ctx.from.id);
      if (!patrol) return next();
      const at = ctx.editedMessage?.edit_date ?? ctx.msg.date;
      await addPatrolPoint(deps.db, patrol.id, new Date(at * 1000), location.latitude, location.longitude);
    });
    return composer;
  },
};
