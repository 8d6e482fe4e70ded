import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { hasAnyRole } from "../accounts/roles.js";
import { timezoneOf } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { createSignInLink, dashboardRoles, SIGN_IN_TTL_MINUTES } from "./sessions.js";

/** Where a sign-in link opens, on the bot's own HTTP server. */
export const SIGN_IN_PATH = "/dashboard/sign-in";

/**
 * /dashboard in a private chat: a one-time sign-in link to the staff dashboard for inspectors,
 * staff and admins (valid 10 minutes, once, for the person who asked). Residents and volunteers
 * are told kindly that it is for the community's team.
 */
export const dashboardFeature: Feature = {
  name: "dashboard",
  commands: [{ command: "dashboard", descriptionKey: "command-dashboard", roles: ["inspector", "staff"], order: 34 }],

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("dashboard", async (ctx) => {
      const member = ctx.user;
      if (!member?.communityId || !hasAnyRole(member.roles, dashboardRoles)) {
        ctx.log.info({ user: ctx.from?.id }, "dashboard link refused: no dashboard role");
        await ctx.reply(ctx.t("dashboard-refused"));
        return;
      }
      const base = deps.config.publicUrl;
      if (!base) {
        ctx.log.warn("dashboard link asked for, but PUBLIC_URL is not set");
        await ctx.reply(ctx.t("dashboard-not-set-up"));
        return;
      }
      const at = deps.clock.now();
      const link = await createSignInLink(deps.db, { userId: member.id, communityId: member.communityId, at });
      if (!link) {
        await ctx.reply(ctx.t("dashboard-refused"));
        return;
      }
      const url = `${base}${SIGN_IN_PATH}?token=${link.token}`;
      const expires = formatTime(link.expiresAt.toISOString(), await timezoneOf(deps.db, member.communityId));
      await ctx.reply(ctx.t("dashboard-link", { minutes: SIGN_IN_TTL_MINUTES, expires }), {
        reply_markup: new InlineKeyboard().url(ctx.t("dashboard-open"), url),
      });
    });
    return composer;
  },
};
