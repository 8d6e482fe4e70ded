import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { timezoneOf } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { recentAudit } from "./audit.js";

/** How many of the latest staff actions /audit shows. */
const AUDIT_LINES = 20;

/** /audit: for admins, the latest staff actions (who, what, when, before → after). */
export const auditFeature: Feature = {
  name: "audit",
  commands: [{ command: "audit", descriptionKey: "command-audit", roles: ["admin"], order: 63 }],

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("audit", requireRole("admin"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const tz = await timezoneOf(deps.db, communityId);
      const lines = (await recentAudit(deps.db, communityId, { offset: 0, limit: AUDIT_LINES })).map((line) =>
        ctx.t("audit-line", {
          date: formatTime(line.at, tz),
          actor: line.actorName ?? ctx.t("card-system"),
          action: line.action,
          subject: line.subject ?? "",
          change: `${JSON.stringify(line.before ?? null)} → ${JSON.stringify(line.after ?? null)}`,
        }),
      );
      await ctx.reply(lines.length ? `${ctx.t("audit-header")}\n${lines.join("\n")}` : ctx.t("audit-none"));
    });
    return composer;
  },
};
