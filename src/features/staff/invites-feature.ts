import { Composer } from "grammy";
import { refreshMemberCommands } from "../../bot/command-menus.js";
import type { BotContext } from "../../bot/context.js";
import { deepLinkUrl } from "../../bot/deep-links.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature, FeatureRegistry } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { isGrantedRole, roleNameKeys } from "../accounts/roles.js";
import { timezoneOf } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { createInvite, INVITE_PREFIX, redeemInvite, type RedeemResult } from "./invites.js";

const inviteRefusals: Record<Extract<RedeemResult, { ok: false }>["reason"], string> = {
  unknown: "invite-unknown",
  used: "invite-used",
  expired: "invite-expired",
  "other-community": "invite-other-community",
};

/** An invite link opened (t.me/<bot>?start=inv_<token>): the role it carries, with a command menu to match. */
function openInvite(deps: AppDeps, registry: FeatureRegistry) {
  return async (ctx: BotContext, token: string) => {
    const result = await redeemInvite(deps.db, { token, userId: ctx.from!.id, at: deps.clock.now() });
    if (!result.ok) {
      ctx.log.warn({ user: ctx.from?.id, reason: result.reason }, "invite refused");
      await ctx.reply(ctx.t(inviteRefusals[result.reason]));
      return;
    }
    ctx.log.info({ user: ctx.from?.id, role: result.role }, "invite redeemed");
    await refreshMemberCommands(deps, registry, ctx.from!.id);
    await ctx.reply(ctx.t("invite-welcome", { role: ctx.t(roleNameKeys[result.role]), community: result.communityName }));
  };
}

/** Admins bring people into the team with a one-time invite link: "/invite staff". */
export const invitesFeature: Feature = {
  name: "invites",
  commands: [{ command: "invite", descriptionKey: "command-invite", roles: ["admin"], order: 61 }],
  deepLinks: (deps, registry) => ({ [INVITE_PREFIX]: openInvite(deps, registry) }),

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("invite", requireRole("admin"), async (ctx) => {
      const role = ctx.match.trim().toLowerCase();
      if (!isGrantedRole(role)) {
        await ctx.reply(ctx.t("invite-usage"));
        return;
      }
      const communityId = ctx.user!.communityId!;
      const { token, expiresAt } = await createInvite(deps.db, { communityId, role, createdBy: ctx.from!.id, at: deps.clock.now() });
      const link = deepLinkUrl(ctx.me.username, INVITE_PREFIX, token);
      const expires = formatTime(expiresAt.toISOString(), await timezoneOf(deps.db, communityId));
      await ctx.reply(ctx.t("invite-created", { role: ctx.t(roleNameKeys[role]), link, expires }));
    });
    return composer;
  },
};
