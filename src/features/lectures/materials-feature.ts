import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { cancelButton } from "../../bot/menus.js";
import { ensureRole, requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { DEFAULT_BROADCAST_CONFIG } from "../broadcasts/config.js";
import { askStepIn } from "../events/organiser-steps.js";
import { formatTime } from "../reports/views.js";
import { lectureFiles, lectureFilesGet } from "./keyboards.js";
import { addMaterial, attendeesOf, materialsAudience, materialsOf, MATERIALS_MAX, sendFiles, sendMaterials, type MaterialFile } from "./materials.js";
import { lectureFacts } from "./service.js";

export const MATERIALS_CONVERSATION = "lecture-materials";

const doneKeyboard = (t: InnerContext["t"]) =>
  new InlineKeyboard()
    .text(t("lectures-materials-done"), lectureFiles.pack({ lecture: "done" }))
    .row()
    .text(t("button-cancel"), cancelButton.pack({}));

/** A forwarded PDF (any document) or photo, as the bot keeps it. */
function fileOf(ctx: InnerContext): MaterialFile | undefined {
  const document = ctx.message?.document;
  if (document) return { kind: "document", fileId: document.file_id, fileUniqueId: document.file_unique_id, fileName: document.file_name ?? null };
  const photo = ctx.message?.photo?.at(-1);
  return photo ? { kind: "photo", fileId: photo.file_id, fileUniqueId: photo.file_unique_id, fileName: null } : undefined;
}

/**
 * Staff add a lecture's materials: forward or send the files (each acknowledged with the
 * count), Done, then who gets them: the attendees, or the attendees and the topic's
 * subscribers (each with their number). Nothing is sent before that press; /cancel keeps the
 * files for a later send.
 */
function materialsConversation(deps: AppDeps) {
  return async function materials(conversation: BotConversation, ctx: InnerContext, lectureId: number, communityId: number): Promise<void> {
    const title = await conversation.external(async () => (await lectureFacts(deps.db, lectureId, communityId))?.event.title ?? "");
    await ctx.reply(ctx.t("lectures-materials-ask", { title, max: MATERIALS_MAX }), { reply_markup: doneKeyboard(ctx.t) });
    const top = conversation.checkpoint();
    const { value } = await waitForAnswer<MaterialFile | "done">(
      conversation,
      (c) => (lectureFiles.unpack(c.callbackQuery?.data)?.lecture === "done" ? "done" : fileOf(c)),
      (c) => c.reply(c.t("lectures-materials-expected"), { reply_markup: doneKeyboard(c.t) }),
    );
    if (value !== "done") {
      const added = await conversation.external(() => addMaterial(deps.db, { ...value, lectureId, addedBy: ctx.from!.id, at: deps.clock.now() }));
      await ctx.reply(ctx.t(added.ok ? "lectures-materials-got" : "lectures-materials-full", { count: added.count, max: MATERIALS_MAX }), {
        reply_markup: doneKeyboard(ctx.t),
      });
      return await conversation.rewind(top);
    }
    const counts = await conversation.external(async () => ({
      files: (await materialsOf(deps.db, lectureId)).filter((m) => m.sentAt === null).length,
      attendees: (await attendeesOf(deps.db, lectureId)).length,
      everyone: (await materialsAudience(deps.db, { lectureId, subscribers: true })).length,
    }));
    if (counts.files === 0) {
      await ctx.reply(ctx.t("lectures-materials-none"));
      return;
    }
    const { value: subscribers, ctx: pressed } = await askStepIn<boolean>(conversation, ctx, {
      name: "lmto",
      question: ctx.t("lectures-materials-who", { files: counts.files }),
      choices: [
        { value: "att", label: ctx.t("lectures-materials-attendees", { count: counts.attendees }) },
        { value: "sub", label: ctx.t("lectures-materials-subscribers", { count: counts.everyone }) },
      ],
      pressed: (v) => (v === "att" ? { value: false } : v === "sub" ? { value: true } : undefined),
      expectedKey: "use-buttons",
    });
    if (!(await ensureRole(pressed, ["staff"]))) return;
    const sent = await conversation.external(() =>
      sendMaterials(deps.db, {
        lectureId,
        communityId,
        staffId: ctx.from!.id,
        subscribers,
        at: deps.clock.now(),
        rules: deps.config.broadcast ?? DEFAULT_BROADCAST_CONFIG,
      }),
    );
    await ctx.reply(sent.ok ? ctx.t("lectures-materials-sending", { count: sent.recipients }) : ctx.t(`lectures-materials-${sent.reason}`));
  };
}

/** Staff's 📎 under a lecture; anyone's 📎 under a past lecture in /lectures (its files, at once). */
export const materialsFeature: Feature = {
  name: "lecture-materials",
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(materialsConversation(deps), { id: MATERIALS_CONVERSATION, plugins: deps.conversationPlugins }),
  ],
  create(deps) {
    const composer = new Composer<BotContext>();
    composer.callbackQuery(lectureFiles.filter, requireRole("staff"), async (ctx) => {
      const lectureId = parseId(lectureFiles.unpack(ctx.callbackQuery.data)?.lecture, Number.MAX_SAFE_INTEGER);
      const communityId = ctx.user!.communityId!;
      if (!lectureId || !(await lectureFacts(deps.db, lectureId, communityId))) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(MATERIALS_CONVERSATION, lectureId, communityId);
    });
    composer.callbackQuery(lectureFilesGet.filter, async (ctx) => {
      const lectureId = parseId(lectureFilesGet.unpack(ctx.callbackQuery.data)?.lecture, Number.MAX_SAFE_INTEGER);
      const communityId = ctx.user?.communityId ?? undefined;
      const facts = lectureId && communityId !== undefined ? await lectureFacts(deps.db, lectureId, communityId) : undefined;
      // Only what went out to the attendees is for everyone; files staff are still gathering are not.
      const files = facts ? (await materialsOf(deps.db, facts.lecture.id)).filter((m) => m.sentAt !== null) : [];
      if (!facts || files.length === 0) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      const time = formatTime(facts.event.startsAt.toISOString(), await timezoneOf(deps.db, communityId));
      await sendFiles(ctx.api, ctx.chat!.id, files, ctx.t("lectures-materials-caption", { title: facts.event.title, time }));
    });
    return composer;
  },
};
