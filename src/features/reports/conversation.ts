import { randomUUID } from "node:crypto";
import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { categoryName, listActiveCategories } from "./categories.js";
import { matchArea } from "./geo.js";
import {
  duplicateButton,
  duplicateKeyboard,
  editButton,
  editableFields,
  editKeyboard,
  newReportButton,
  outsideAreaButton,
  outsideAreaKeyboard,
  summaryButton,
  summaryKeyboard,
  type EditableField,
} from "./keyboards.js";
import type { ReportNotifier } from "./notifier.js";
import { formatReportNumber } from "./numbers.js";
import { askCategory, askDescription, askPhotos, askPlace, type CategoryChoice, type Description, type Place } from "./steps.js";
import { createReport, findNearbyOpenReports, reportsFiledToday, supportReport, type PhotoRef } from "./service.js";

export const REPORT_CONVERSATION = "report";
const summaryChoices = ["confirm", "edit", "anonymous"] as const;
const outsideAnswers = ["yes", "again"] as const;

/** Everything the resident has said so far; JSON-safe, because it lives in the replay log. */
interface Draft {
  category: CategoryChoice;
  description: Description;
  photos: PhotoRef[];
  place: Place;
  area: { id: number; name: string } | null;
  anonymous: boolean;
}

/**
 * /report: category → what is wrong → photos → where → (possible duplicate) → summary with
 * Confirm / Edit / Cancel. Nothing is written until Confirm; /cancel at any step leaves.
 */
export function reportConversation(deps: AppDeps, notifier: ReportNotifier) {
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
    const description = await askDescription(conversation, ctx);
    const photos = await askPhotos(conversation, ctx);
    const placed = await askPlaceInCommunity(conversation, ctx, deps, communityId);
    const draft: Draft = { category, description, photos, ...placed, anonymous: false };

    let checkedFor = "";
    for (;;) {
      // Look for the same problem nearby whenever the category or the place changed.
      const checkKey = `${draft.category.id}@${draft.place.kind === "point" ? `${draft.place.latitude},${draft.place.longitude}` : "-"}`;
      if (draft.place.kind === "point" && checkKey !== checkedFor) {
        checkedFor = checkKey;
        const supported = await offerDuplicates(conversation, ctx, deps, rules, communityId, draft);
        if (supported) return;
      }
      await ctx.reply(renderSummary(ctx, draft), { reply_markup: summaryKeyboard(ctx.t, draft.anonymous) });
      const { value: choice } = await waitForAnswer(
        conversation,
        (c) => summaryChoices.find((choice) => choice === summaryButton.unpack(c.callbackQuery?.data)?.choice),
        (c) => c.reply(c.t("use-buttons")),
      );
      if (choice === "anonymous") {
        draft.anonymous = !draft.anonymous;
        continue;
      }
      if (choice === "edit") {
        await editDraft(conversation, ctx, deps, communityId, setup.categories, draft);
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
        ),
      );
      if (!result.ok) {
        await ctx.reply(
          result.reason === "daily-limit" ? ctx.t("report-daily-limit", { limit: result.limit }) : ctx.t("report-category-unavailable"),
        );
        return;
      }
      // Filed already. A second Confirm (a double tap that reached two instances at once) says
      // nothing more. This Confirm run again (a retry, or recovery after the process died right
      // after filing) still owes the resident the number and maybe the staff card (reportFiled
      // posts it only if it is missing).
      if (!result.created && (ctx.attempt ?? 1) <= 1) return;
      await deps.steps.once(ctx, "report-filed", () =>
        ctx.reply(ctx.t("report-filed", { number: formatReportNumber(result.number) }), { reply_markup: { remove_keyboard: true } }),
      );
      await conversation.external(() => notifier.reportFiled({ reportId: result.reportId }));
      return;
    }
  };
}

/** Where, and which area that is; a point outside every area is kept only after the user says so. */
async function askPlaceInCommunity(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: AppDeps,
  communityId: number,
): Promise<{ place: Place; area: { id: number; name: string } | null }> {
  // "Somewhere else" goes back to the question: the replay log returns to this point instead of
  // growing by a round for every try.
  const ask = conversation.checkpoint();
  const place = await askPlace(conversation, ctx);
  if (place.kind === "address") {
    await ctx.reply(ctx.t("report-address-noted"), { reply_markup: { remove_keyboard: true } });
    return { place, area: null };
  }
  const match = await conversation.external(() => matchArea(deps.db, communityId, place));
  if (match.kind === "inside") {
    await ctx.reply(ctx.t("report-location-in-area", { area: match.area.name }), { reply_markup: { remove_keyboard: true } });
    return { place, area: match.area };
  }
  if (match.kind === "no-areas") {
    await ctx.reply(ctx.t("report-location-noted"), { reply_markup: { remove_keyboard: true } });
    return { place, area: null };
  }
  await ctx.reply(ctx.t("report-outside-areas"), { reply_markup: outsideAreaKeyboard(ctx.t) });
  const { value } = await waitForAnswer(
    conversation,
    (c) => outsideAnswers.find((answer) => answer === outsideAreaButton.unpack(c.callbackQuery?.data)?.answer),
    (c) => c.reply(c.t("use-buttons")),
  );
  if (value === "yes") return { place, area: null };
  return await conversation.rewind(ask);
}

/** Returns true when the resident chose to support an existing report instead. */
async function offerDuplicates(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: AppDeps,
  rules: { duplicateRadiusMeters: number; duplicateWindowDays: number },
  communityId: number,
  draft: Draft,
): Promise<boolean> {
  if (draft.place.kind !== "point") return false;
  const at = { latitude: draft.place.latitude, longitude: draft.place.longitude };
  const nearby = await conversation.external(async () =>
    (
      await findNearbyOpenReports(deps.db, {
        communityId,
        categoryId: draft.category.id,
        at,
        since: new Date(deps.clock.now().getTime() - rules.duplicateWindowDays * 86_400_000),
        radiusMeters: rules.duplicateRadiusMeters,
      })
    ).slice(0, 3),
  );
  if (nearby.length === 0) return false;
  const candidates = nearby.map((r) => ({ id: r.id, label: formatReportNumber(r.number), meters: r.distanceMeters }));
  const list = candidates.map((c) => ctx.t("report-duplicate-line", { number: c.label, meters: c.meters })).join("\n");
  await ctx.reply(`${ctx.t("report-duplicate-found")}\n${list}`, { reply_markup: duplicateKeyboard(candidates, ctx.t) });
  const { value } = await waitForAnswer<number | "new">(
    conversation,
    (c) => {
      if (newReportButton.unpack(c.callbackQuery?.data)) return "new";
      const id = Number(duplicateButton.unpack(c.callbackQuery?.data)?.id);
      return candidates.some((cand) => cand.id === id) ? id : undefined;
    },
    (c) => c.reply(c.t("use-buttons")),
  );
  if (value === "new") return false;
  const result = await conversation.external(() => supportReport(deps.db, value, ctx.from!.id, deps.clock.now()));
  if (!result.ok) {
    await ctx.reply(ctx.t("report-support-failed"));
    return false;
  }
  await ctx.reply(ctx.t("report-supported", { number: formatReportNumber(result.number) }));
  return true;
}

async function editDraft(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: AppDeps,
  communityId: number,
  categories: CategoryChoice[],
  draft: Draft,
): Promise<void> {
  await ctx.reply(ctx.t("report-edit-which"), { reply_markup: editKeyboard(ctx.t) });
  const { value: field } = await waitForAnswer<EditableField>(
    conversation,
    (c) => editableFields.find((f) => f === editButton.unpack(c.callbackQuery?.data)?.field),
    (c) => c.reply(c.t("use-buttons")),
  );
  switch (field) {
    case "category":
      draft.category = await askCategory(conversation, ctx, categories);
      break;
    case "description":
      draft.description = await askDescription(conversation, ctx);
      break;
    case "photos":
      draft.photos = await askPhotos(conversation, ctx);
      break;
    case "location":
      Object.assign(draft, await askPlaceInCommunity(conversation, ctx, deps, communityId));
      break;
  }
}

function renderSummary(ctx: InnerContext, draft: Draft): string {
  const place =
    draft.place.kind === "point"
      ? ctx.t("report-summary-point", {
          latitude: draft.place.latitude.toFixed(5),
          longitude: draft.place.longitude.toFixed(5),
          address: draft.place.address ?? "",
        })
      : draft.place.address;
  return ctx.t("report-summary", {
    category: draft.category.label,
    description: draft.description.text ?? ctx.t("report-summary-voice"),
    photos: draft.photos.length,
    place,
    area: draft.area?.name ?? ctx.t("report-summary-no-area"),
    anonymous: draft.anonymous ? "yes" : "no",
  });
}
