import type { BotConversation, InnerContext } from "../../bot/context.js";
import { plainText, waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { parseId } from "../../bot/callback-data.js";
import { cancelKeyboard, groupCancelButton } from "../../bot/menus.js";
import { ReportActionError, type ActionError } from "../reports/actions.js";
import { formatReportNumber, parseReportNumber } from "../reports/numbers.js";
import { askPhotos } from "../reports/steps.js";
import { findCommunity } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { assignTo, cardAction } from "./card-view.js";
import { findCard } from "./cards.js";
import { EXTENSION_HOURS, requestExtension } from "./extensions.js";
import { extensionDecisionButtons, extensionHours, extensionHoursKeyboard } from "./keyboards.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { findReportByNumber, reportCommunity } from "./reports-lookup.js";
import { templatesFor, type Template } from "./templates.js";
import { templateButton, templateKeyboard } from "./keyboards.js";
import { defaultLocale } from "../../i18n.js";
import { pickTranslation } from "../../translated.js";

export const RESOLVE_CONVERSATION = "staff-resolve";
export const REJECT_CONVERSATION = "staff-reject";
export const DUPLICATE_CONVERSATION = "staff-duplicate";
export const EXTENSION_CONVERSATION = "staff-extension";
/** Staff notes go into a caption with the card, so they stay short. */
export const NOTE_MAX = 500;

/** The standard replies for this report's community and category. */
async function templatesOf(deps: AppDeps, reportId: number, kind: "reject" | "resolve"): Promise<Template[]> {
  const report = await reportCommunity(deps.db, reportId);
  return report ? templatesFor(deps.db, report.communityId, kind, report.categoryId) : [];
}

/** Runs a workflow call; a report that moved on meanwhile is an answer, not a crash. */
async function attempt(run: () => Promise<unknown>): Promise<"ok" | ActionError> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof ReportActionError) return error.code;
    throw error;
  }
}

/**
 * Buttons pressed in the group while a member is asked for something go on to their handlers
 * (another card's Accept, Assign…), except a standard reply, which answers the question. Presses
 * that must wait for the answer are held before this (waitingFor).
 */
function passesOn(c: InnerContext): boolean {
  const data = c.callbackQuery?.data;
  return data !== undefined && !templateButton.filter.test(data);
}

/**
 * While a member is asked about a report in the group, that report's card buttons and any card's
 * Reject or Duplicate (a second question) wait: a toast says what is open, instead of silence.
 */
function waitingFor(reportId: number, label: string) {
  return (c: InnerContext): string | undefined => {
    const data = c.callbackQuery?.data;
    const press = cardAction.unpack(data);
    const sameReport = parseId(press?.id ?? assignTo.unpack(data)?.id) === reportId;
    if (!sameReport && press?.action !== "reject" && press?.action !== "dup") return undefined;
    return c.t("staff-note-waiting", { number: label });
  };
}

/** A note as typed, or a standard reply in both languages. */
interface Note {
  text: string;
  byLocale?: Record<string, string>;
}

/**
 * Waits for a short text from the member, offering standard replies (templates) as buttons.
 * In a group, a reply to the prompt reaches the bot even in privacy mode; other buttons pressed
 * meanwhile go on to their handlers.
 */
async function askNote(
  conversation: BotConversation,
  ctx: InnerContext,
  promptKey: string,
  vars: Record<string, string>,
  templates: Template[] = [],
  hold?: (c: InnerContext) => string | undefined,
): Promise<Note> {
  const inGroup = ctx.chat?.type !== "private";
  const locale = await ctx.i18n.getLocale();
  // Every question can be left with a button; in a group the button names the member asked.
  const markup = inGroup
    ? templateKeyboard(templates, locale).text(ctx.t("button-cancel"), groupCancelButton.pack({ user: ctx.from!.id }))
    : templates.length > 0
      ? templateKeyboard(templates, locale, ctx.t)
      : cancelKeyboard(ctx.t);
  const prompt = ctx.t(promptKey, vars) + (templates.length > 0 ? `\n${ctx.t("staff-or-template")}` : "");
  await ctx.reply(prompt, {
    reply_markup: markup,
    ...(inGroup && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
  });
  const { value } = await waitForAnswer<Note>(
    conversation,
    async (c) => {
      const picked = templates.find((tpl) => tpl.id === Number(templateButton.unpack(c.callbackQuery?.data)?.id));
      // The report keeps the community's language as its note; each reader is told in theirs.
      if (picked) return { text: pickTranslation(picked.text, defaultLocale), byLocale: picked.text };
      const text = plainText(c);
      if (!text) return undefined;
      if (text.length > NOTE_MAX) {
        await c.reply(c.t("text-too-long", { max: NOTE_MAX }));
        return undefined;
      }
      return { text };
    },
    (c) => (plainText(c) === undefined ? c.reply(c.t("staff-note-expected")) : Promise.resolve()),
    { pass: (c) => inGroup && passesOn(c), ...(inGroup && hold ? { hold } : {}) },
  );
  return value;
}

/** The inspector resolves a task: a note, then after-photos (or skip). */
export function resolveConversation(deps: AppDeps) {
  return async function resolve(conversation: BotConversation, ctx: InnerContext, reportId: number, number: number): Promise<void> {
    const label = formatReportNumber(number);
    const templates = await conversation.external(() => templatesOf(deps, reportId, "resolve"));
    const note = await askNote(conversation, ctx, "staff-resolve-note", { number: label }, templates);
    const photos = await askPhotos(conversation, ctx, "staff-resolve-photos");
    const outcome = await conversation.external(() =>
      attempt(() => deps.reports.workflow.resolve(reportId, { userId: ctx.from!.id }, note.text, photos, note.byLocale)),
    );
    const key = outcome === "ok" ? "staff-resolved" : outcome === "photo-required" ? "staff-photo-required" : "staff-action-stale";
    await ctx.reply(ctx.t(key, { number: label }));
  };
}

/** Staff in the group reject a report: the reason goes to the resident. */
export function rejectConversation(deps: AppDeps) {
  return async function reject(conversation: BotConversation, ctx: InnerContext, reportId: number, number: number): Promise<void> {
    const label = formatReportNumber(number);
    const templates = await conversation.external(() => templatesOf(deps, reportId, "reject"));
    const reason = await askNote(
      conversation,
      ctx,
      "staff-reject-reason",
      { number: label, name: ctx.from?.first_name ?? "" },
      templates,
      waitingFor(reportId, label),
    );
    const outcome = await conversation.external(() =>
      attempt(() => deps.reports.workflow.reject(reportId, { userId: ctx.from!.id }, reason.text, reason.byLocale)),
    );
    await ctx.reply(ctx.t(outcome === "ok" ? "staff-rejected" : "staff-action-stale", { number: label }));
  };
}

/** Staff in the group mark a report as the same as another, by its tracking number. */
export function duplicateConversation(deps: AppDeps) {
  return async function duplicate(conversation: BotConversation, ctx: InnerContext, reportId: number, number: number, communityId: number): Promise<void> {
    const label = formatReportNumber(number);
    await ctx.reply(ctx.t("staff-duplicate-ask", { number: label, name: ctx.from?.first_name ?? "" }), {
      reply_markup: { force_reply: true, selective: true },
    });
    let answered = false;
    const { value: originalId } = await waitForAnswer(
      conversation,
      async (c) => {
        answered = false;
        const wanted = parseReportNumber(plainText(c) ?? "");
        if (wanted === undefined) return undefined;
        const found = await conversation.external(() => findReportByNumber(deps.db, communityId, wanted));
        if (found === null || found === reportId) {
          await c.reply(c.t("staff-duplicate-unknown"));
          answered = true;
          return undefined;
        }
        return found;
      },
      (c) => (answered ? Promise.resolve() : c.reply(c.t("staff-duplicate-expected"))),
      { pass: passesOn, hold: waitingFor(reportId, label) },
    );
    const outcome = await conversation.external(() => attempt(() => deps.reports.workflow.markDuplicate(reportId, { userId: ctx.from!.id }, originalId)));
    await ctx.reply(ctx.t(outcome === "ok" ? "staff-duplicated" : "staff-action-stale", { number: label }));
  };
}

/** The assignee asks for more time: a reason, how long; staff decide in the group. */
export function extensionConversation(deps: AppDeps) {
  return async function extension(conversation: BotConversation, ctx: InnerContext, reportId: number, number: number): Promise<void> {
    const label = formatReportNumber(number);
    const reason = (await askNote(conversation, ctx, "extension-reason", { number: label })).text;
    await ctx.reply(ctx.t("extension-how-long"), { reply_markup: extensionHoursKeyboard(EXTENSION_HOURS, ctx.t) });
    const { value: hours } = await waitForAnswer(
      conversation,
      (c) => EXTENSION_HOURS.find((h) => h === Number(extensionHours.unpack(c.callbackQuery?.data)?.hours)),
      (c) => c.reply(c.t("use-buttons")),
    );
    const outcome = await conversation.external(async () => {
      let asked = false;
      const at = deps.clock.now();
      // Staff are asked in the group by an outbox message written with the request itself.
      const result = await requestExtension(deps.db, { reportId, requestedBy: ctx.from!.id, reason, hours, at }, async (tx, request) => {
        const community = await findCommunity(tx, request.communityId);
        if (!community?.staffGroupChatId) return;
        const card = await findCard(tx, reportId);
        const vars = { number: label, name: ctx.from!.first_name, hours, reason, deadline: formatTime(request.requestedDeadline, community.timezone) };
        const buttons = [extensionDecisionButtons(request.extensionId)];
        await enqueueMessages(
          tx,
          [notice(community.staffGroupChatId, { key: "extension-request", vars, buttons, ...(card ? { replyTo: card.messageId } : {}) })],
          at,
        );
        asked = true;
      });
      if (!result.ok) return "stale" as const;
      return asked ? ("sent" as const) : ("no-group" as const);
    });
    const keys = { sent: "extension-sent", "no-group": "extension-no-group", stale: "staff-action-stale" } as const;
    await ctx.reply(ctx.t(keys[outcome], { number: label }));
  };
}
