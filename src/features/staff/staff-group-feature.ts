import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { bindStaffGroup } from "./staff-group.js";

/**
 * Who may bind the staff group: the staff who work in it, not only admins (a residents'
 * committee's staff set up their own work group; the binding is audited and one group serves
 * one community, so nothing is taken from another).
 */
const BIND_ROLES = ["staff"] as const;

/** /bindgroup, sent in a group by staff, makes it the community's staff group, where the cards go. */
export const staffGroupFeature: Feature = {
  name: "staff-group",
  commands: [{ command: "bindgroup", descriptionKey: "command-bindgroup", roles: BIND_ROLES, order: 62 }],

  // In a private chat there is no group to bind: staff are told where to send it, others get the
  // same refusal as for any staff command (not "unknown command").
  create() {
    const composer = new Composer<BotContext>();
    composer.command("bindgroup", requireRole(...BIND_ROLES), (ctx) => ctx.reply(ctx.t("bindgroup-in-private")));
    return composer;
  },

  groups(deps) {
    const composer = new Composer<BotContext>();
    composer.command("bindgroup", requireRole(...BIND_ROLES), async (ctx) => {
      const result = await bindStaffGroup(deps.db, { communityId: ctx.user!.communityId!, chatId: ctx.chat!.id, actorId: ctx.from!.id, at: deps.clock.now() });
      await ctx.reply(ctx.t(result.ok ? "bindgroup-done" : "bindgroup-elsewhere"));
    });
    return composer;
  },
};
