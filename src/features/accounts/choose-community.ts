import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import type { FeatureRegistry } from "../../bot/feature.js";
import { parseId } from "../../bot/callback-data.js";
import { showMainMenu } from "../home/feature.js";
import { chooseAgainButton, communityButton, communityKeyboard, confirmCommunityButton, confirmCommunityKeyboard } from "./keyboards.js";
import { joinCommunity, listCommunities } from "./service.js";

export const CHOOSE_COMMUNITY = "choose-community";
/** A community name longer than this is not a name; say so instead of searching. */
export const COMMUNITY_NAME_MAX = 100;

type Choice = { id: number; name: string };

/**
 * Asked once, at /start, when the deployment serves several communities: pick one (button or
 * typed name), confirm, join. Nothing is written before the confirmation.
 */
export function chooseCommunityConversation(deps: AppDeps, registry: FeatureRegistry) {
  return async function chooseCommunity(conversation: BotConversation, ctx: InnerContext): Promise<void> {
    const list: Choice[] = await conversation.external(async () => (await listCommunities(deps.db)).map((c) => ({ id: c.id, name: c.name })));
    // "Choose again" (or a stale confirmation of another choice) goes back to the list: the
    // replay log returns to this point instead of growing by a round for every try.
    const choose = conversation.checkpoint();
    await ctx.reply(ctx.t("community-choose"), { reply_markup: communityKeyboard(list) });
    const chosen = await waitForCommunity(conversation, list);
    await ctx.reply(ctx.t("community-confirm", { name: chosen.name }), {
      reply_markup: confirmCommunityKeyboard(chosen.id, ctx.t),
    });
    const { value: confirmed, ctx: answer } = await waitForAnswer(
      conversation,
      (c) => (chooseAgainButton.unpack(c.callbackQuery?.data) ? "again" : parseId(confirmCommunityButton.unpack(c.callbackQuery?.data)?.id)),
      (c) => c.reply(c.t("use-buttons")),
    );
    if (confirmed !== chosen.id) return await conversation.rewind(choose);

    const result = await conversation.external(() => joinCommunity(deps.db, ctx.from!.id, chosen.id));
    if (!result.ok) {
      await ctx.reply(ctx.t(result.reason === "already-member" ? "community-already-member" : "community-gone"));
      return;
    }
    // The same press handled twice (two instances) has said its piece already.
    if (result.joinedNow) await showMainMenu(answer, registry, "community-joined");
  };
}

/** A button press or a typed name that matches exactly one community. */
async function waitForCommunity(conversation: BotConversation, list: Choice[]): Promise<Choice> {
  const { value } = await waitForAnswer(
    conversation,
    (ctx) => {
      if (ctx.callbackQuery) {
        const id = parseId(communityButton.unpack(ctx.callbackQuery.data)?.id);
        return list.find((c) => c.id === id);
      }
      const text = ctx.message?.text;
      if (text === undefined || text.length > COMMUNITY_NAME_MAX) return undefined;
      const query = text.trim().toLowerCase();
      const exact = list.filter((c) => c.name.toLowerCase() === query);
      const partial = list.filter((c) => c.name.toLowerCase().includes(query));
      const matches = exact.length > 0 ? exact : partial;
      return query.length > 0 && matches.length === 1 ? matches[0] : undefined;
    },
    (ctx) => {
      const text = ctx.message?.text;
      if (ctx.callbackQuery) return ctx.reply(ctx.t("use-buttons"));
      if (text === undefined) return ctx.reply(ctx.t("community-type-or-tap"));
      if (text.length > COMMUNITY_NAME_MAX) return ctx.reply(ctx.t("text-too-long", { max: COMMUNITY_NAME_MAX }));
      return ctx.reply(ctx.t("community-not-found"));
    },
  );
  return value;
}
