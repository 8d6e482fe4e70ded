import { Composer, InlineKeyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { ensureRole, requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { hasAnyRole } from "../accounts/roles.js";
import { pickTranslation } from "../../translated.js";
import { retireTemplateButton } from "./keyboards.js";
import { addTemplate, parseTemplateArgs, retireTemplate, templateKinds, templatesFor } from "./templates.js";

/** Standard replies: staff read them; admins add ("/templates reject 中文 | English") and retire. */
export const templatesFeature: Feature = {
  name: "templates",
  commands: [{ command: "templates", descriptionKey: "command-templates", roles: ["staff"], order: 64 }],

  create(deps) {
    const composer = new Composer<BotContext>();

    const showTemplates = async (ctx: BotContext) => {
      const isAdmin = hasAnyRole(ctx.user!.roles, ["admin"]);
      const locale = await ctx.i18n.getLocale();
      const keyboard = new InlineKeyboard();
      const lines: string[] = [];
      for (const kind of templateKinds) {
        lines.push(ctx.t(kind === "reject" ? "templates-reject" : "templates-resolve"));
        for (const tpl of await templatesFor(deps.db, ctx.user!.communityId!, kind, null)) {
          const text = pickTranslation(tpl.text, locale);
          lines.push(`• ${text}`);
          if (isAdmin) keyboard.text(ctx.t("templates-retire", { text: text.slice(0, 30) }), retireTemplateButton.pack({ id: tpl.id })).row();
        }
      }
      await ctx.reply([...lines, "", ctx.t(isAdmin ? "templates-usage" : "templates-admins-edit")].join("\n"), { reply_markup: keyboard });
    };

    composer.command("templates", requireRole("staff"), async (ctx) => {
      const args = ctx.match.trim();
      if (!args) return showTemplates(ctx);
      if (!(await ensureRole(ctx, ["admin"]))) return;
      const template = parseTemplateArgs(args);
      if (!template) {
        await ctx.reply(ctx.t("templates-usage"));
        return;
      }
      await addTemplate(deps.db, { communityId: ctx.user!.communityId!, ...template, actorId: ctx.from!.id, at: deps.clock.now() });
      await ctx.reply(ctx.t("templates-added"));
    });
    composer.callbackQuery(retireTemplateButton.filter, requireRole("admin"), async (ctx) => {
      const id = parseId(retireTemplateButton.unpack(ctx.callbackQuery.data)?.id);
      if (!id || !(await retireTemplate(deps.db, { communityId: ctx.user!.communityId!, templateId: id, actorId: ctx.from.id, at: deps.clock.now() }))) {
        return answerStaleButton(ctx);
      }
      await ctx.answerCallbackQuery({ text: ctx.t("templates-retired") });
    });

    return composer;
  },
};
