import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { fitText, TEXT_MAX } from "../../bot/text-fit.js";
import { timezoneOf } from "../accounts/service.js";
import { recentAudit } from "./audit.js";
import { renderAuditLine } from "./audit-view.js";

/** How many of the latest staff actions /audit shows. */
const AUDIT_LINES = 20;

/** /audit: for admins, the latest staff actions, one readable sentence each (when, who, what, to what). */
export const auditFeature: Feature = {
  name: "audit",
  commands: [{ command: "audit", descriptionKey: "command-audit", roles: ["admin"], order: 63 }],

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("audit", requireRole("admin"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const tz = await timezoneOf(deps.db, communityId);
      const locale = await ctx.i18n.getLocale();
      const lines = (await recentAudit(deps.db, communityId, { offset: 0, limit: AUDIT_LINES })).map((line) => renderAuditLine(line, locale, tz, ctx.t));
      await ctx.reply(lines.length ? fitText(`${ctx.t("audit-header")}\n${lines.join("\n")}`, TEXT_MAX) : ctx.t("audit-none"));
    });
    return composer;
  },
};
