import { Composer, InlineKeyboard } from "grammy";
import { parseId, parseUserId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { ensureRole, requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { hasAnyRole } from "../accounts/roles.js";
import { chooseLeader, decideMembership, decisionOf, joinTeam, pickLeader, removeMember } from "./buttons.js";
import { askToJoin, createTeam, decideJoin, leaderCandidates, listTeams, membershipOf, removeTeamMember, setLeader, teamRosters } from "./teams.js";

const isStaff = (ctx: BotContext) => hasAnyRole(ctx.user?.roles ?? [], ["staff"]);

async function offerLeaders(deps: AppDeps, ctx: BotContext, teamId: number): Promise<void> {
  const candidates = await leaderCandidates(deps.db, ctx.user!.communityId!);
  if (candidates.length === 0) {
    await ctx.reply(ctx.t("teams-no-candidates"));
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const c of candidates) keyboard.text(c.name, pickLeader.pack({ team: teamId, user: c.userId })).row();
  await ctx.reply(ctx.t("teams-ask-leader"), { reply_markup: keyboard });
}

/** Buttons of a decision on a join request, pressed by the leader in private or by staff in the group. */
async function onDecision(deps: AppDeps, ctx: BotContext): Promise<unknown> {
  const data = decideMembership.unpack(ctx.callbackQuery?.data);
  const id = parseId(data?.id);
  const decision = decisionOf(data?.decision);
  if (!id || !decision || !ctx.user?.communityId) return answerStaleButton(ctx);
  const result = await decideJoin(deps.db, {
    membershipId: id,
    communityId: ctx.user.communityId,
    decision,
    actorId: ctx.from!.id,
    isStaff: isStaff(ctx),
    at: deps.clock.now(),
  });
  if (!result.ok) {
    if (result.reason === "not-found") return answerStaleButton(ctx);
    const key = result.reason === "not-yours" ? "teams-not-yours" : "volunteers-decided-already";
    return ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    ctx.t(decision === "approve" ? "teams-request-approved" : "teams-request-declined", { name: result.name, team: result.team, by: ctx.from!.first_name }),
  );
}

/**
 * Teams (腰鼓队…): staff create one with /team_new <name> and pick its leader; volunteers ask to
 * join from /teams; the leader (or staff, while a team has no leader) approves or declines; /myteam
 * lists a leader's members (staff also see real names and phones).
 */
export const teamsFeature: Feature = {
  name: "teams",
  commands: [
    { command: "teams", descriptionKey: "command-teams", roles: ["volunteer", "staff"], order: 46 },
    { command: "myteam", descriptionKey: "command-myteam", roles: ["volunteer", "staff"], order: 47 },
    { command: "team_new", descriptionKey: "command-team-new", roles: ["staff"], order: 72 },
  ],

  create(deps) {
    const composer = new Composer<BotContext>();

    composer.command("team_new", requireRole("staff"), async (ctx) => {
      const result = await createTeam(deps.db, { communityId: ctx.user!.communityId!, name: ctx.match, createdBy: ctx.from!.id, at: deps.clock.now() });
      if (!result.ok) {
        const key = result.reason === "taken" ? "teams-name-taken" : result.reason === "too-long" ? "teams-name-too-long" : "teams-name-ask";
        await ctx.reply(ctx.t(key));
        return;
      }
      await ctx.reply(ctx.t("teams-created", { name: ctx.match.trim() }));
      await offerLeaders(deps, ctx, result.teamId);
    });

    composer.command("teams", requireRole("volunteer", "staff"), async (ctx) => {
      const list = await listTeams(deps.db, ctx.user!.communityId!, ctx.from!.id);
      if (list.length === 0) {
        await ctx.reply(ctx.t("teams-none"));
        return;
      }
      const staff = isStaff(ctx);
      const volunteer = ctx.user!.roles.includes("volunteer");
      const keyboard = new InlineKeyboard();
      const lines = list.map((team) => {
        if (volunteer && !team.mine && !team.leads) keyboard.text(ctx.t("teams-join", { team: team.name }), joinTeam.pack({ team: team.id })).row();
        if (staff) keyboard.text(ctx.t("teams-set-leader", { team: team.name }), chooseLeader.pack({ team: team.id })).row();
        return ctx.t("teams-line", {
          team: team.name,
          leader: team.leader ?? ctx.t("volunteers-none"),
          members: team.members,
          mine: team.leads ? "leader" : (team.mine ?? "none"),
        });
      });
      await ctx.reply([ctx.t("teams-header"), ...lines].join("\n"), { reply_markup: keyboard });
    });

    composer.callbackQuery(joinTeam.filter, async (ctx) => {
      const teamId = parseId(joinTeam.unpack(ctx.callbackQuery.data)?.team);
      if (!teamId) return answerStaleButton(ctx);
      if (!(await ensureRole(ctx, ["volunteer"]))) return;
      const result = await askToJoin(deps.db, { teamId, communityId: ctx.user!.communityId!, userId: ctx.from.id, at: deps.clock.now() });
      if (!result.ok && result.reason === "not-found") return answerStaleButton(ctx);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t("teams-already"), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t(result.toStaff ? "teams-asked-staff" : "teams-asked-leader"));
    });

    composer.callbackQuery(chooseLeader.filter, requireRole("staff"), async (ctx) => {
      const teamId = parseId(chooseLeader.unpack(ctx.callbackQuery.data)?.team);
      if (!teamId) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await offerLeaders(deps, ctx, teamId);
    });

    composer.callbackQuery(pickLeader.filter, requireRole("staff"), async (ctx) => {
      const data = pickLeader.unpack(ctx.callbackQuery.data);
      const teamId = parseId(data?.team);
      const userId = parseUserId(data?.user);
      if (!teamId || !userId) return answerStaleButton(ctx);
      const result = await setLeader(deps.db, { teamId, communityId: ctx.user!.communityId!, userId });
      if (!result.ok) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("teams-leader-set"));
    });

    composer.callbackQuery(decideMembership.filter, (ctx) => onDecision(deps, ctx));

    composer.command("myteam", requireRole("volunteer", "staff"), async (ctx) => {
      const staff = isStaff(ctx);
      const rosters = await teamRosters(deps.db, { communityId: ctx.user!.communityId!, userId: ctx.from!.id, isStaff: staff });
      if (rosters.length === 0) {
        await ctx.reply(ctx.t("teams-not-leader"));
        return;
      }
      const blocks = rosters.map((team) => {
        const members = team.members.map((m, i) =>
          "phone" in m
            ? ctx.t("teams-member-staff", { n: i + 1, name: m.name, realName: m.realName ?? "", phone: m.phone ?? ctx.t("volunteers-none") })
            : ctx.t("teams-member", { n: i + 1, name: m.name }),
        );
        return [ctx.t("teams-roster-header", { team: team.name, count: team.members.length }), ...members].join("\n");
      });
      // A button per member to remove them (asked first), for the leader and staff alike.
      const keyboard = new InlineKeyboard();
      for (const team of rosters) {
        for (const m of team.members)
          keyboard.text(ctx.t("teams-remove-button", { name: m.name, team: team.name }), removeMember.pack({ id: m.membershipId, step: "ask" })).row();
      }
      await ctx.reply(blocks.join("\n\n"), keyboard.inline_keyboard.length > 0 ? { reply_markup: keyboard } : {});
    });

    composer.callbackQuery(removeMember.filter, requireRole("volunteer", "staff"), async (ctx) => {
      const data = removeMember.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      if (!id || !data || !["ask", "yes", "no"].includes(data.step)) return answerStaleButton(ctx);
      if (data.step === "no") {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t("teams-remove-kept"));
        return;
      }
      if (data.step === "ask") {
        const member = await membershipOf(deps.db, id, ctx.user!.communityId!);
        if (!member) return answerStaleButton(ctx);
        await ctx.answerCallbackQuery();
        const keyboard = new InlineKeyboard()
          .text(ctx.t("teams-remove-yes"), removeMember.pack({ id, step: "yes" }))
          .text(ctx.t("teams-remove-no"), removeMember.pack({ id, step: "no" }));
        await ctx.reply(ctx.t("teams-remove-ask", member), { reply_markup: keyboard });
        return;
      }
      const result = await removeTeamMember(deps.db, {
        membershipId: id,
        communityId: ctx.user!.communityId!,
        actorId: ctx.from.id,
        isStaff: isStaff(ctx),
        at: deps.clock.now(),
      });
      if (!result.ok && result.reason === "not-found") return answerStaleButton(ctx);
      if (!result.ok)
        return ctx.answerCallbackQuery({ text: ctx.t(result.reason === "not-yours" ? "teams-not-yours" : "teams-remove-not-member"), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("teams-removed", { name: result.name, team: result.team }));
    });
    return composer;
  },

  groups(deps) {
    const composer = new Composer<BotContext>();
    composer.callbackQuery(decideMembership.filter, async (ctx) => {
      if (!(await ensureRole(ctx, ["staff"]))) return;
      await onDecision(deps, ctx);
    });
    return composer;
  },
};
