import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { bindStaffGroup } from "./staff-group.js";

/** /bindgroup, sent in a group by an admin, makes it the community's staff group, where the cards go. */
export const staffGroupFeature: Feature = {
  name: "staff-group",
  commands: [{ command: "bindgroup", descriptionKey: "command-bindgroup", roles: ["admin"], order: 62 }],

  groups(deps) {
    const composer = new Composer<BotContext>();
    composer.command("bindgroup", requireRole("admin"), async (ctx) => {
      const result = await bindStaffGroup(deps.db, { communityId: ctx.user!.communityId!, chatId: ctx.chat!.id, actorId: ctx.from!.id, at: deps.clock.now() });
      await ctx.reply(ctx.t(result.ok ? "bindgroup-done" : "bindgroup-elsewhere"));
    });
    return composer;
  },
};
