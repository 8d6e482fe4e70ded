import type { AuditLine } from "../staff/audit.js";
import type { Translate } from "../../i18n.js";
import { formatTime } from "../reports/views.js";
import { asHours } from "./views.js";

/** A value inside an entry's before/after (plain JSON as recorded), or undefined. */
function field(side: unknown, key: string): unknown {
  return side !== null && typeof side === "object" ? (side as Record<string, unknown>)[key] : undefined;
}
const text = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
const minutes = (value: unknown): string => (typeof value === "number" ? asHours(value) : "—");

/**
 * The sentences of the volunteers' and organisers' audit entries (hours adjusted, events created,
 * changed, cancelled, people marked, team members removed), for /audit: `actor` and `member` are named by the caller,
 * the event's title and the figures come from the entry itself (an event may be gone since).
 * Undefined for an action that is not ours.
 */
export function eventAuditSentence(line: AuditLine, names: { actor: string; member: string }, tz: string, t: Translate): string | undefined {
  const time = (value: unknown) => (typeof value === "string" && value ? formatTime(value, tz) : "—");
  const title = text(field(line.after, "title")) || text(field(line.before, "title"));
  const { actor, member } = names;
  switch (line.action) {
    case "hours.adjust":
      return t("audit-hours-adjust", {
        actor,
        member,
        title,
        before: minutes(field(line.before, "minutes")),
        after: minutes(field(line.after, "minutes")),
        reason: text(field(line.after, "reason")),
      });
    case "event.create":
      return t("audit-event-create", { actor, title, time: time(field(line.after, "startsAt")), count: Number(field(line.after, "count") ?? 1) });
    case "event.cancel":
      return t("audit-event-cancel", { actor, title, time: time(field(line.before, "startsAt")), count: Number(field(line.after, "told") ?? 0) });
    case "event.reschedule":
      return t("audit-event-reschedule", {
        actor,
        title,
        from: time(field(line.before, "startsAt")),
        to: time(field(line.after, "startsAt")),
        count: Number(field(line.after, "events") ?? 1),
      });
    case "event.seats":
      return t("audit-event-seats", {
        actor,
        title,
        slot: text(field(line.after, "slot")) || t("newevent-everyone-slot"),
        before: Number(field(line.before, "capacity") ?? -1),
        after: Number(field(line.after, "capacity") ?? -1),
      });
    case "interests.add":
      return t("audit-interest-add", { actor, zh: text(field(line.after, "zh")), en: text(field(line.after, "en")) });
    case "interests.archive":
      return t("audit-interest-archive", { actor, zh: text(field(line.before, "zh")), en: text(field(line.before, "en")) });
    case "team.remove":
      return t("audit-team-remove", { actor, member, team: text(field(line.after, "team")) });
    case "event.mark":
      return t("audit-event-mark", { actor, member, title, status: text(field(line.after, "status")) });
    default:
      return undefined;
  }
}
