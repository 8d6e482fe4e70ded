import { randomUUID } from "node:crypto";
import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { categoryName, listActiveCategories } from "../reports/categories.js";
import { matchArea } from "../reports/geo.js";
import { categoryButton, categoryKeyboard, locationKeyboard } from "../reports/keyboards.js";
import { formatReportNumber } from "../reports/numbers.js";
import type { PhotoRef } from "../reports/service.js";
import { PHOTOS_MAX, type CategoryChoice } from "../reports/steps.js";
import { createPatrolFinding, recentPatrolPoint } from "./patrol.js";

export const PATROL_FINDING_CONVERSATION = "patrol-finding";
/** A live-location point this fresh places a finding without asking. */
export const FRESH_POINT_MS = 2 * 60_000;

/**
 * A photo sent on patrol becomes a finding: one tap for the category, the place from the
 * inspector's live location (or asked once), then it is recorded as accepted and theirs.
 */
export function patrolFindingConversation(deps: AppDeps) {
  return async function patrolFinding(conversation: BotConversation, ctx: InnerContext, patrolId: number, communityId: number, first: PhotoRef): Promise<void> {
    const locale = await ctx.i18n.getLocale();
    const setup = await conversation.external(async () => ({
      categories: (await listActiveCategories(deps.db, communityId)).map((c) => ({ id: c.id, label: `${c.icon} ${categoryName(c, locale)}` })),
      clientKey: randomUUID(),
    }));
    const photos: PhotoRef[] = [first];
    await ctx.reply(ctx.t("patrol-finding-category"), { reply_markup: categoryKeyboard(setup.categories, ctx.t) });
    let category: CategoryChoice | undefined;
    while (category === undefined) {
      const { value } = await waitForAnswer<CategoryChoice | PhotoRef>(
        conversation,
        (c) => {
          // The rest of an album arrives while we wait: a new photo is kept with the finding.
          const photo = c.message?.photo?.at(-1);
          if (photo) {
            const known = photos.some((p) => p.fileUniqueId === photo.file_unique_id);
            return known || photos.length >= PHOTOS_MAX ? undefined : { fileId: photo.file_id, fileUniqueId: photo.file_unique_id };
          }
          const id = Number(categoryButton.unpack(c.callbackQuery?.data)?.id);
          return setup.categories.find((cat) => cat.id === id);
        },
        // A photo that adds nothing (known, or past the fifth) is let go without a word, like the album it came in.
        (c) => (c.message?.photo ? Promise.resolve() : c.reply(c.t("report-use-category-buttons"))),
      );
      if ("fileUniqueId" in value) photos.push(value);
      else category = value;
    }

    let location = await conversation.external(() => recentPatrolPoint(deps.db, patrolId, new Date(deps.clock.now().getTime() - FRESH_POINT_MS)));
    if (!location) {
      await ctx.reply(ctx.t("patrol-finding-location"), { reply_markup: locationKeyboard(ctx.t) });
      const { value } = await waitForAnswer(
        conversation,
        (c) => {
          const at = c.message?.location ?? c.message?.venue?.location;
          return at ? { latitude: at.latitude, longitude: at.longitude } : undefined;
        },
        (c) => c.reply(c.t("patrol-finding-location"), { reply_markup: locationKeyboard(c.t) }),
      );
      location = value;
    }
    const place = location;
    const result = await conversation.external(async () => {
      const area = await matchArea(deps.db, communityId, place);
      return createPatrolFinding(
        deps.db,
        {
          clientKey: setup.clientKey,
          patrolId,
          communityId,
          inspectorId: ctx.from!.id,
          categoryId: category.id,
          photos,
          location: place,
          areaId: area.kind === "inside" ? area.area.id : null,
        },
        deps.clock.now(),
        deps.reports.notifier.reportFiled,
      );
    });
    if (!result) {
      await ctx.reply(ctx.t("report-category-unavailable"));
      return;
    }
    // Recorded already: a second tap says nothing more; this update run again after a failure or
    // a kill still owes the answer (its card went to the outbox with the finding).
    if (!result.created && (ctx.attempt ?? 1) <= 1) return;
    await deps.steps.once(ctx, "finding-recorded", () =>
      ctx.reply(ctx.t("patrol-finding-recorded", { number: formatReportNumber(result.number) }), { reply_markup: { remove_keyboard: true } }),
    );
  };
}
