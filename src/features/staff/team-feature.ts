import { Composer, InlineKeyboard } from "grammy";
import { parseUserId } from "../../bot/callback-data.js";
import { refreshMemberCommands } from "../../bot/command-menus.js";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { cancelButton, menuButton, menuEntry } from "../../bot/menus.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { hasAnyRole, isGrantedRole, roleNameKeys } from "../accounts/roles.js";
import { revokeAsk, revokeConfirm } from "./keyboards.js";
import { listTeam, revokeRole, type RevokeResult } from "./team.js";

const revokeRefusals: Record<Extract<RevokeResult, { ok: false }>["reason"], string> = {
  "not-held": "team-revoke-not-held",
  "last-admin": "team-revoke-last-admin",
  self: "team-revoke-self",
};

/** /team: who holds which role; admins take a role away after confirming. */
export const teamFeature: Feature = {
  name: "team",
  commands: [{ command: "team", descriptionKey: "command-team", roles: ["staff"], order: 60 }],
  menu: [{ key: "team", labelKey: "menu-team", roles: ["staff"], order: 60 }],

  create(deps, registry) {
    const composer = new Composer<BotContext>();

    const showTeam = async (ctx: BotContext) => {
      const team = await listTeam(deps.db, ctx.user!.communityId!);
      const isAdmin = hasAnyRole(ctx.user!.roles, ["admin"]);
      const keyboard = new InlineKeyboard();
      const lines = team.map((m) => {
        const roles = m.roles.map((r) => ctx.t(roleNameKeys[r])).join(", ");
        if (isAdmin && m.userId !== ctx.from!.id) {
          for (const role of m.roles)
            keyboard.text(ctx.t("team-revoke", { name: m.name, role: ctx.t(roleNameKeys[role]) }), revokeAsk.pack({ user: m.userId, role })).row();
        }
        return `• ${m.name}${m.username ? ` @${m.username}` : ""}: ${roles}`;
      });
      await ctx.reply(`${ctx.t("team-header", { count: team.length })}\n${lines.join("\n")}`, { reply_markup: keyboard });
    };
    composer.command("team", requireRole("staff"), showTeam);
    composer.callbackQuery(menuButton.filter, menuEntry("team", ["staff"], showTeam));

    composer.callbackQuery(revokeAsk.filter, requireRole("admin"), async (ctx) => {
      const data = revokeAsk.unpack(ctx.callbackQuery.data);
      if (!parseUserId(data?.user) || !isGrantedRole(data?.role)) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("team-revoke-confirm", { role: ctx.t(roleNameKeys[data.role]) }), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("button-yes"), revokeConfirm.pack({ user: data.user, role: data.role }))
          .text(ctx.t("button-cancel"), cancelButton.pack({})),
      });
    });
    composer.callbackQuery(revokeConfirm.filter, requireRole("admin"), async (ctx) => {
      const data = revokeConfirm.unpack(ctx.callbackQuery.data);
      const userId = parseUserId(data?.user);
      if (!userId || !isGrantedRole(data?.role)) return answerStaleButton(ctx);
      const result = await revokeRole(deps.db, { communityId: ctx.user!.communityId!, userId, role: data.role, actorId: ctx.from.id, at: deps.clock.now() });
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t(result.ok ? "team-revoked" : revokeRefusals[result.reason]));
      if (result.ok) await refreshMemberCommands(deps, registry, userId);
    });

    return composer;
  },
};
