import { randomUUID } from "node:crypto";
import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import type { FeatureRegistry } from "../../bot/feature.js";
import { mainMenuKeyboard } from "../../bot/menus.js";
import { categoryName, listActiveCategories } from "./categories.js";
import { summaryButton, summaryKeyboard } from "./keyboards.js";
import type { ReportNotifier } from "./notifier.js";
import { formatReportNumber } from "./numbers.js";
import { askPhotos } from "./photo-steps.js";
import { askPlaceInCommunity } from "./place-step.js";
import { offerSameProblem } from "./same-problem.js";
import { askCategory, askDescription } from "./steps.js";
import { createReport, reportsFiledToday, type PhotoRef } from "./service.js";
import { editDraft, renderSummary, sendReceipt, showInPlace, type Draft } from "./summary.js";

export const REPORT_CONVERSATION = "report";

/**
 * /report: category → what is wrong → photos → where → (possible duplicate) → summary with
 * Confirm / Edit / Cancel. Nothing is written until Confirm; /cancel at any step leaves.
 */
export function reportConversation(deps: AppDeps, notifier: ReportNotifier, registry: FeatureRegistry) {
  const rules = {
    dailyLimit: deps.config.REPORT_DAILY_LIMIT,
    duplicateRadiusMeters: deps.config.REPORT_DUPLICATE_RADIUS_METERS,
    duplicateWindowDays: deps.config.REPORT_DUPLICATE_DAYS,
  };
  return async function report(conversation: BotConversation, ctx: InnerContext): Promise<void> {
    const userId = ctx.from!.id;
    const communityId = ctx.user?.communityId;
    if (communityId == null) {
      await ctx.reply(ctx.t("report-join-first"));
      return;
    }
    const locale = await ctx.i18n.getLocale();
    const setup = await conversation.external(async () => {
      const [categories, filedToday] = await Promise.all([
        listActiveCategories(deps.db, communityId),
        reportsFiledToday(deps.db, userId, communityId, deps.clock.now()),
      ]);
      return {
        categories: categories.map((c) => ({ id: c.id, label: `${c.icon} ${categoryName(c, locale)}` })),
        filedToday,
        clientKey: randomUUID(),
      };
    });
    if (setup.filedToday >= rules.dailyLimit) {
      await ctx.reply(ctx.t("report-daily-limit", { limit: rules.dailyLimit }));
      return;
    }

    const category = await askCategory(conversation, ctx, setup.categories);
    // A photo sent before its step is kept for it.
    const early: PhotoRef[] = [];
    const description = await askDescription(conversation, ctx, "report-ask-description", early);
    const photos = await askPhotos(conversation, ctx, early.length > 0 ? "report-ask-photos-have" : "report-ask-photos", early);
    const placed = await askPlaceInCommunity(conversation, ctx, deps, communityId);
    const draft: Draft = { category, description, photos, ...placed, anonymous: false };

    let checkedFor = "";
    /** The press on the summary shown last: the next summary takes its place rather than a new message. */
    let shownAt: InnerContext | undefined;
    for (;;) {
      // Look for the same problem nearby whenever the category or the place changed.
      const checkKey = `${draft.category.id}@${draft.place.kind === "point" ? `${draft.place.latitude},${draft.place.longitude}` : "-"}`;
      if (draft.place.kind === "point" && checkKey !== checkedFor) {
        checkedFor = checkKey;
        const at = { latitude: draft.place.latitude, longitude: draft.place.longitude };
        if (await offerSameProblem(conversation, ctx, deps, rules, { communityId, categoryId: draft.category.id, at })) return;
      }
      await showInPlace(ctx, shownAt, renderSummary(ctx.t, draft), summaryKeyboard(ctx.t, draft.anonymous));
      const { value: choice, ctx: pressed } = await waitForAnswer(
        conversation,
        (c) => summaryButton.unpack(c.callbackQuery?.data)?.choice,
        (c) => c.reply(c.t("use-buttons")),
      );
      if (choice === "anonymous") {
        draft.anonymous = !draft.anonymous;
        shownAt = pressed;
        continue;
      }
      if (choice === "edit") {
        shownAt = await editDraft(conversation, ctx, pressed, deps, communityId, setup.categories, draft);
        continue;
      }

      const result = await conversation.external(() =>
        createReport(
          deps.db,
          {
            clientKey: setup.clientKey,
            communityId,
            reporterId: userId,
            categoryId: draft.category.id,
            description: draft.description.text,
            voiceFileId: draft.description.voiceFileId,
            photos: draft.photos,
            location: draft.place.kind === "point" ? { latitude: draft.place.latitude, longitude: draft.place.longitude } : null,
            address: draft.place.address,
            areaId: draft.area?.id ?? null,
            anonymous: draft.anonymous,
          },
          rules,
          deps.clock.now(),
          notifier.reportFiled,
        ),
      );
      if (!result.ok) {
        await ctx.reply(result.reason === "daily-limit" ? ctx.t("report-daily-limit", { limit: result.limit }) : ctx.t("report-category-unavailable"));
        return;
      }
      // Filed already. A second Confirm (a double tap that reached two instances at once) says
      // nothing more. This Confirm run again (a retry, or recovery after the process died right
      // after filing) still owes the resident the number; the staff card was written to the
      // outbox with the report.
      if (!result.created && (ctx.attempt ?? 1) <= 1) return;
      const receipt = ctx.t("report-filed", { number: formatReportNumber(result.number) });
      await sendReceipt(deps, pressed, receipt, mainMenuKeyboard(registry, ctx.user?.roles ?? [], ctx.t));
      return;
    }
  };
}
