import { fitText } from "../../bot/text-fit.js";
import { isGrantedRole, roleNameKeys } from "../accounts/roles.js";
import { eventAuditSentence } from "../events/audit-sentences.js";
import { formatTime } from "../reports/views.js";
import type { AuditLine } from "./audit.js";
import type { Translate } from "../../i18n.js";
import { pickTranslation, type Translated } from "../../translated.js";

/** A value inside an entry's before/after (plain JSON as recorded), or undefined. */
function field(side: unknown, key: string): unknown {
  return side !== null && typeof side === "object" ? (side as Record<string, unknown>)[key] : undefined;
}

const text = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

/** A template's words as recorded: locale → text, or {zh, en} in entries written before that shape. */
function templateText(side: unknown, locale: string): string {
  const recorded = field(side, "text");
  const byLocale =
    recorded !== null && typeof recorded === "object" ? (recorded as Translated) : { "zh-CN": text(field(side, "zh")), en: text(field(side, "en")) };
  return pickTranslation(byLocale, locale);
}

/** Notes, reasons and standard replies are shortened so that 20 entries fit in one message. */
const QUOTE_MAX = 120;
const quote = (value: unknown): string => fitText(text(value), QUOTE_MAX);

/**
 * One audit entry as a sentence in the reader's language: when, who, what they did and to what
 * ("2026-05-01 10:02 Wang rejected R-000003. Reason: …"), not the stored action and JSON.
 * An action this does not know yet is still shown, by its stored name.
 */
export function renderAuditLine(line: AuditLine, locale: string, tz: string, t: Translate): string {
  const formerMember = t("audit-former-member");
  const actor = line.actorName ?? (line.action.startsWith("report.") ? t("card-system") : formerMember);
  const subject = line.subjectName ?? formerMember;
  const role = (value: unknown) => (isGrantedRole(text(value)) ? t(roleNameKeys[text(value) as keyof typeof roleNameKeys]) : text(value));
  const sentence = (): string => {
    const status = /^report\.([a-z_]+)$/.exec(line.action)?.[1];
    if (status) {
      const said = t("audit-report", { actor, status, report: subject });
      const note = quote(field(line.after, "note"));
      return note ? t("audit-with-note", { sentence: said, note }) : said;
    }
    switch (line.action) {
      case "dashboard.sign-in":
        return t("audit-dashboard-sign-in", { actor });
      case "staff-group.bind":
        return t("audit-group-bind", { actor });
      case "invite.create":
        return t("audit-invite-create", { actor, role: role(field(line.after, "role")) });
      case "invite.redeem":
        return t("audit-invite-redeem", { actor, role: role(field(line.after, "role")) });
      case "role.revoke":
        return t("audit-role-revoke", { actor, role: role(field(line.before, "role")), member: subject });
      case "template.add":
        return t("audit-template-add", { actor, text: quote(templateText(line.after, locale)) });
      case "template.retire":
        return t("audit-template-retire", { actor, text: quote(templateText(line.before, locale)) });
      case "report.hide-description":
      case "report.hide-photos":
        return t("audit-hide", { actor, what: line.action.slice("report.hide-".length), report: subject });
      case "areas.import":
        return t("audit-areas-import", { actor, created: text(field(line.after, "created")), updated: text(field(line.after, "updated")) });
      case "area.responsible": {
        const lead = line.people[text(field(line.after, "userId"))];
        return t("audit-area-lead", { actor, area: subject, lead: lead ?? t("areas-no-lead") });
      }
      case "areas.auto-assign":
        return t("audit-auto-assign", { actor, on: field(line.after, "on") === true ? "yes" : "no" });
      case "deadline.extend":
      case "deadline.refuse": {
        const deadline = text(field(line.after, "deadline"));
        return t("audit-deadline", {
          actor,
          approved: line.action === "deadline.extend" ? "yes" : "no",
          report: subject,
          deadline: deadline ? formatTime(deadline, tz) : "—",
          reason: quote(field(line.after, "reason")),
        });
      }
      case "user.forget":
        return t("audit-user-forget", { entries: text(field(line.after, "entries")) });
      default:
        return eventAuditSentence(line, { actor, member: subject }, tz, t) ?? t("audit-other", { actor, action: line.action, subject: line.subject ?? "" });
    }
  };
  return t("audit-entry", { date: formatTime(line.at, tz), sentence: sentence() });
}
