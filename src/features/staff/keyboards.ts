import { InlineKeyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import { cancelButton } from "../../bot/menus.js";
import { formatReportNumber } from "../reports/numbers.js";
import type { TaskItem } from "./tasks.js";
import type { Template } from "./templates.js";
import type { Translate } from "../../i18n.js";
import { pickTranslation } from "../../translated.js";

export const revokeAsk = new CallbackData("trv", ["user", "role"]);
export const revokeConfirm = new CallbackData("trv-ok", ["user", "role"]);
export const taskOpen = new CallbackData("tk", ["id"]);
export const taskAction = new CallbackData("ti", ["id", "action"]);
export const taskActions = ["start", "resolve", "handback", "extend"] as const;
export const areaLeadButton = new CallbackData("ar", ["area"]);
export const areaLeadPick = new CallbackData("arl", ["area", "user"]);
export const autoAssignButton = new CallbackData("aa", ["on"]);
/** Queue page: filter a (all), m (mine), u (unassigned), o (overdue), c<id> (category), r<id> (area). */
export const queuePage = new CallbackData("q", ["filter", "page"]);
export const queueFilterMenu = new CallbackData("qf", ["kind"]);
export const templateButton = new CallbackData("tpl", ["id"]);
export const retireTemplateButton = new CallbackData("tpl-off", ["id"]);
export const extensionHours = new CallbackData("exth", ["hours"]);
export const extensionDecision = new CallbackData("ext", ["id", "answer"]);
export type TaskAction = (typeof taskActions)[number];

export function tasksKeyboard(tasks: TaskItem[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const task of tasks) {
    const label = `${task.overdue ? "⏰ " : ""}${formatReportNumber(task.number)} ${task.icon}`;
    keyboard.text(label, taskOpen.pack({ id: task.reportId })).row();
  }
  return keyboard;
}

/** What the assignee can do with one task. */
export function taskKeyboard(reportId: number, status: string, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (status === "assigned") keyboard.text(t("task-start"), taskAction.pack({ id: reportId, action: "start" })).row();
  if (status === "assigned" || status === "in_progress") {
    keyboard.text(t("task-resolve"), taskAction.pack({ id: reportId, action: "resolve" })).row();
    keyboard.text(t("task-extend"), taskAction.pack({ id: reportId, action: "extend" })).row();
    keyboard.text(t("task-hand-back"), taskAction.pack({ id: reportId, action: "handback" }));
  }
  return keyboard;
}

export function extensionHoursKeyboard(hours: readonly number[], t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const h of hours) keyboard.text(t("extension-hours", { hours: h }), extensionHours.pack({ hours: h }));
  return keyboard;
}

/** Approve / Refuse for a request for more time, as an outbox notice's buttons (labels rendered when sent). */
export function extensionDecisionButtons(extensionId: number): Array<{ key: string; data: string }> {
  return [
    { key: "extension-approve", data: extensionDecision.pack({ id: extensionId, answer: "yes" }) },
    { key: "extension-refuse", data: extensionDecision.pack({ id: extensionId, answer: "no" }) },
  ];
}

/** Standard replies as buttons, in the reader's language; in private also a Cancel. */
export function templateKeyboard(templates: Template[], locale: string, t?: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const tpl of templates) keyboard.text(pickTranslation(tpl.text, locale), templateButton.pack({ id: tpl.id })).row();
  if (t) keyboard.text(t("button-cancel"), cancelButton.pack({}));
  return keyboard;
}
