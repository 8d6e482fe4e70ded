import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { refreshMemberCommands } from "../../bot/command-menus.js";
import { deepLinkUrl } from "../../bot/deep-links.js";
import { cancelButton, menuButton } from "../../bot/menus.js";
import { ensureRole, requireRole } from "../../bot/middleware/require-role.js";
import { grantedRoles, type GrantedRole } from "../../db/schema/index.js";
import { resolveLocale } from "../../i18n.js";
import { findCommunity, findMember, timezoneOf } from "../accounts/service.js";
import { ReportActionError } from "../reports/actions.js";
import { formatReportNumber, parseReportNumber } from "../reports/numbers.js";
import { formatTime, statusKeys } from "../reports/views.js";
import { importAreas, listAreas, parseAreasFile, setAreaResponsible, setAutoAssign } from "./areas.js";
import { recentAudit } from "./audit.js";
import { listQueue, parseQueueFilter } from "./queue.js";
import { categoryName, listActiveCategories } from "../reports/categories.js";
import { assigneeKeyboard, assignTo, cardAction, cardActions, cardKeyboard, renderCard } from "./card-view.js";
import { listAssignees, loadCardData } from "./cards.js";
import {
  DUPLICATE_CONVERSATION,
  duplicateConversation,
  EXTENSION_CONVERSATION,
  extensionConversation,
  REJECT_CONVERSATION,
  rejectConversation,
  RESOLVE_CONVERSATION,
  resolveConversation,
} from "./conversations.js";
import { decideExtension } from "./extensions.js";
import { createInvite, INVITE_PREFIX, redeemInvite } from "./invites.js";
import { addTemplate, retireTemplate, templateKinds, templatesFor, type TemplateKind } from "./templates.js";
import { areaLeadButton, areaLeadPick, autoAssignButton, extensionDecision, queueFilterMenu, queuePage, retireTemplateButton, revokeAsk, revokeConfirm, taskAction, taskActions, taskKeyboard, taskOpen, tasksKeyboard } from "./keyboards.js";
import { addPatrolPoint, openPatrolOf, togglePatrol } from "./patrol.js";
import { PATROL_FINDING_CONVERSATION, patrolFindingConversation } from "./patrol-conversation.js";
import { findReportByNumber, reportCommunity } from "./reports-lookup.js";
import { hideReportContent, originalOf } from "./moderation.js";
import { bindStaffGroup } from "./staff-group.js";
import { listTasks } from "./tasks.js";
import { listTeam, revokeRole } from "./team.js";

const roleKeys: Record<GrantedRole, string> = {
  volunteer: "role-volunteer",
  inspector: "role-inspector",
  staff: "role-staff",
  admin: "role-admin",
};
const inviteRefusals = {
  unknown: "invite-unknown",
  used: "invite-used",
  expired: "invite-expired",
  "other-community": "invite-other-community",
} as const;
const revokeRefusals = { "not-held": "team-revoke-not-held", "last-admin": "team-revoke-last-admin", self: "team-revoke-self" } as const;
const isRole = (value: string | undefined): value is GrantedRole => (grantedRoles as readonly string[]).includes(value ?? "");
const stale = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });

/**
 * Staff follow-up in Telegram: invites and the team, the staff group with a card per report,
 * and the inspector's tasks. Every command and button checks the role on the server.
 */
export const staffFeature: Feature = {
  name: "staff",
  commands: [
    { command: "tasks", descriptionKey: "command-tasks", roles: ["inspector", "staff"], order: 30 },
    { command: "patrol", descriptionKey: "command-patrol", roles: ["inspector", "staff"], order: 31 },
    { command: "queue", descriptionKey: "command-queue", roles: ["staff"], order: 32 },
    { command: "team", descriptionKey: "command-team", roles: ["staff"], order: 60 },
    { command: "invite", descriptionKey: "command-invite", roles: ["admin"], order: 61 },
    { command: "bindgroup", descriptionKey: "command-bindgroup", roles: ["admin"], order: 62 },
    { command: "audit", descriptionKey: "command-audit", roles: ["admin"], order: 63 },
    { command: "templates", descriptionKey: "command-templates", roles: ["staff"], order: 64 },
    { command: "areas", descriptionKey: "command-areas", roles: ["admin"], order: 65 },
    { command: "hide", descriptionKey: "command-hide", roles: ["staff"], order: 66 },
    { command: "original", descriptionKey: "command-original", roles: ["admin"], order: 67 },
  ],
  // Invite links: t.me/<bot>?start=inv_<token>.
  deepLinks: (deps, registry) => ({
    [INVITE_PREFIX]: async (ctx, token) => {
      const result = await redeemInvite(deps.db, { token, userId: ctx.from!.id, at: deps.clock.now() });
      if (!result.ok) {
        ctx.log.warn({ user: ctx.from?.id, reason: result.reason }, "invite refused");
        await ctx.reply(ctx.t(inviteRefusals[result.reason]));
        return;
      }
      ctx.log.info({ user: ctx.from?.id, role: result.role }, "invite redeemed");
      await refreshMemberCommands(deps, registry, ctx.from!.id);
      await ctx.reply(ctx.t("invite-welcome", { role: ctx.t(roleKeys[result.role]), community: result.communityName }));
    },
  }),
  menu: [
    { key: "tasks", labelKey: "menu-tasks", roles: ["inspector", "staff"], order: 30 },
    { key: "team", labelKey: "menu-team", roles: ["staff"], order: 60 },
  ],
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(resolveConversation(deps), { id: RESOLVE_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(extensionConversation(deps), { id: EXTENSION_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(patrolFindingConversation(deps), {
      id: PATROL_FINDING_CONVERSATION,
      plugins: deps.conversationPlugins,
    }),
  ],
  groupConversations: (deps) => [
    createConversation<BotContext, InnerContext>(rejectConversation(deps), { id: REJECT_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(duplicateConversation(deps), { id: DUPLICATE_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  create(deps, registry) {
    const composer = new Composer<BotContext>();
    const refreshCommands = (userId: number) => refreshMemberCommands(deps, registry, userId);

    composer.command("invite", requireRole("admin"), async (ctx) => {
      const role = ctx.match.trim().toLowerCase();
      if (!isRole(role)) {
        await ctx.reply(ctx.t("invite-usage"));
        return;
      }
      const { token, expiresAt } = await createInvite(deps.db, { communityId: ctx.user!.communityId!, role, createdBy: ctx.from!.id, at: deps.clock.now() });
      const link = deepLinkUrl(ctx.me.username, INVITE_PREFIX, token);
      await ctx.reply(ctx.t("invite-created", { role: ctx.t(roleKeys[role]), link, expires: formatTime(expiresAt.toISOString(), await timezoneOf(deps.db, ctx.user!.communityId)) }));
    });

    const showTeam = async (ctx: BotContext) => {
      const team = await listTeam(deps.db, ctx.user!.communityId!);
      const isAdmin = ctx.user!.roles.includes("admin");
      const keyboard = new InlineKeyboard();
      const lines = team.map((m) => {
        const roles = m.roles.map((r) => ctx.t(roleKeys[r])).join(", ");
        if (isAdmin && m.userId !== ctx.from!.id) {
          for (const role of m.roles) keyboard.text(ctx.t("team-revoke", { name: m.name, role: ctx.t(roleKeys[role]) }), revokeAsk.pack({ user: m.userId, role })).row();
        }
        return `• ${m.name}${m.username ? ` @${m.username}` : ""}: ${roles}`;
      });
      await ctx.reply(`${ctx.t("team-header", { count: team.length })}\n${lines.join("\n")}`, { reply_markup: keyboard });
    };
    composer.command("team", requireRole("staff"), showTeam);
    composer.callbackQuery(revokeAsk.filter, requireRole("admin"), async (ctx) => {
      const data = revokeAsk.unpack(ctx.callbackQuery.data);
      if (!parseId(data?.user) || !isRole(data?.role)) return stale(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("team-revoke-confirm", { role: ctx.t(roleKeys[data.role]) }), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("button-yes"), revokeConfirm.pack({ user: data.user, role: data.role }))
          .text(ctx.t("button-cancel"), cancelButton.pack({})),
      });
    });
    composer.callbackQuery(revokeConfirm.filter, requireRole("admin"), async (ctx) => {
      const data = revokeConfirm.unpack(ctx.callbackQuery.data);
      const userId = parseId(data?.user);
      if (!userId || !isRole(data?.role)) return stale(ctx);
      const result = await revokeRole(deps.db, { communityId: ctx.user!.communityId!, userId, role: data.role, actorId: ctx.from.id, at: deps.clock.now() });
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t(result.ok ? "team-revoked" : revokeRefusals[result.reason]));
      if (result.ok) await refreshCommands(userId);
    });

    // 日巡查: /patrol starts and ends; on patrol, photos become findings and live location the route.
    composer.command("patrol", requireRole("inspector", "staff"), async (ctx) => {
      const result = await togglePatrol(deps.db, { communityId: ctx.user!.communityId!, inspectorId: ctx.from!.id, at: deps.clock.now() });
      if ("started" in result) {
        await ctx.reply(ctx.t("patrol-started"));
        return;
      }
      const { minutes, findings, points } = result.ended;
      await ctx.reply(ctx.t("patrol-ended", { minutes, findings, points }));
    });
    composer.on("message:photo", async (ctx, next) => {
      if (!ctx.user?.roles.some((r) => r === "inspector" || r === "staff" || r === "admin")) return next();
      const patrol = await openPatrolOf(deps.db, ctx.from.id);
      if (!patrol) return next();
      const photo = ctx.message.photo.at(-1)!;
      await ctx.conversation.enter(PATROL_FINDING_CONVERSATION, patrol.id, patrol.communityId, { fileId: photo.file_id, fileUniqueId: photo.file_unique_id });
    });
    // Live location: the first message, then edits of it as the inspector walks.
    composer.on(["message:location", "edited_message:location"], async (ctx, next) => {
      const location = ctx.msg.location;
      if (location.live_period === undefined && ctx.editedMessage === undefined) return next();
      const patrol = await openPatrolOf(deps.db, ctx.from.id);
      if (!patrol) return next();
      const at = ctx.editedMessage?.edit_date ?? ctx.msg.date;
      await addPatrolPoint(deps.db, patrol.id, new Date(at * 1000), location.latitude, location.longitude);
    });

    // Standard replies: staff read them; admins add ("/templates reject 中文 | English") and retire.
    composer.command("templates", requireRole("staff"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const isAdmin = ctx.user!.roles.includes("admin");
      const args = ctx.match.trim();
      if (args) {
        if (!(await ensureRole(ctx, ["admin"]))) return;
        const match = /^(reject|resolve)\s+(.+?)\s*\|\s*(.+)$/s.exec(args);
        if (!match || match[2]!.length > 200 || match[3]!.length > 200) {
          await ctx.reply(ctx.t("templates-usage"));
          return;
        }
        await addTemplate(deps.db, { communityId, kind: match[1] as TemplateKind, textZh: match[2]!, textEn: match[3]!, actorId: ctx.from!.id, at: deps.clock.now() });
        await ctx.reply(ctx.t("templates-added"));
        return;
      }
      const locale = await ctx.i18n.getLocale();
      const keyboard = new InlineKeyboard();
      const lines: string[] = [];
      for (const kind of templateKinds) {
        lines.push(ctx.t(kind === "reject" ? "templates-reject" : "templates-resolve"));
        for (const tpl of await templatesFor(deps.db, communityId, kind, null)) {
          const text = locale === "zh-CN" ? tpl.textZh : tpl.textEn;
          lines.push(`• ${text}`);
          if (isAdmin) keyboard.text(ctx.t("templates-retire", { text: text.slice(0, 30) }), retireTemplateButton.pack({ id: tpl.id })).row();
        }
      }
      await ctx.reply([...lines, "", ctx.t(isAdmin ? "templates-usage" : "templates-admins-edit")].join("\n"), { reply_markup: keyboard });
    });
    composer.callbackQuery(retireTemplateButton.filter, requireRole("admin"), async (ctx) => {
      const id = parseId(retireTemplateButton.unpack(ctx.callbackQuery.data)?.id);
      if (!id || !(await retireTemplate(deps.db, { communityId: ctx.user!.communityId!, templateId: id, actorId: ctx.from.id, at: deps.clock.now() }))) {
        return stale(ctx);
      }
      await ctx.answerCallbackQuery({ text: ctx.t("templates-retired") });
    });

    // 网格: /areas lists them and who leads each; "/areas [json]" imports a set-up file.
    const showAreas = async (ctx: BotContext) => {
      const communityId = ctx.user!.communityId!;
      const [list, community] = await Promise.all([listAreas(deps.db, communityId), findCommunity(deps.db, communityId)]);
      const keyboard = new InlineKeyboard();
      for (const area of list) keyboard.text(ctx.t("areas-set-lead", { area: area.name }), areaLeadButton.pack({ area: area.id })).row();
      const on = community?.autoAssign ?? false;
      keyboard.text(ctx.t(on ? "areas-auto-assign-off" : "areas-auto-assign-on"), autoAssignButton.pack({ on: on ? "no" : "yes" }));
      const lines = list.map((a) => `• ${a.name}: ${a.responsibleName ?? ctx.t("areas-no-lead")}`);
      await ctx.reply([ctx.t("areas-header", { count: list.length }), ...lines, "", ctx.t("areas-import-help")].join("\n"), { reply_markup: keyboard });
    };
    composer.command("areas", requireRole("admin"), async (ctx) => {
      const file = ctx.match.trim();
      if (!file) return showAreas(ctx);
      const parsed = parseAreasFile(file);
      const result = parsed.ok ? await importAreas(deps.db, ctx.user!.communityId!, parsed.areas, ctx.from!.id, deps.clock.now()) : parsed;
      if (!result.ok) {
        await ctx.reply(`${ctx.t("areas-import-failed")}\n${result.problems.slice(0, 10).join("\n")}`);
        return;
      }
      await ctx.reply(ctx.t("areas-imported", { created: result.created, updated: result.updated }));
    });
    composer.callbackQuery(areaLeadButton.filter, requireRole("admin"), async (ctx) => {
      const areaId = parseId(areaLeadButton.unpack(ctx.callbackQuery.data)?.area);
      if (!areaId) return stale(ctx);
      await ctx.answerCallbackQuery();
      const keyboard = new InlineKeyboard();
      for (const a of await listAssignees(deps.db, ctx.user!.communityId!, null)) keyboard.text(a.name, areaLeadPick.pack({ area: areaId, user: a.userId })).row();
      await ctx.reply(ctx.t("areas-pick-lead"), { reply_markup: keyboard });
    });
    composer.callbackQuery(areaLeadPick.filter, requireRole("admin"), async (ctx) => {
      const data = areaLeadPick.unpack(ctx.callbackQuery.data);
      const areaId = parseId(data?.area);
      const userId = parseId(data?.user);
      if (!areaId || !userId || !(await setAreaResponsible(deps.db, { communityId: ctx.user!.communityId!, areaId, userId, actorId: ctx.from.id, at: deps.clock.now() }))) {
        return stale(ctx);
      }
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("areas-lead-set"));
    });
    composer.callbackQuery(autoAssignButton.filter, requireRole("admin"), async (ctx) => {
      const on = autoAssignButton.unpack(ctx.callbackQuery.data)?.on;
      if (on !== "yes" && on !== "no") return stale(ctx);
      await setAutoAssign(deps.db, { communityId: ctx.user!.communityId!, on: on === "yes", actorId: ctx.from.id, at: deps.clock.now() });
      await ctx.answerCallbackQuery({ text: ctx.t(on === "yes" ? "areas-auto-assign-now-on" : "areas-auto-assign-now-off") });
    });

    // Moderation: "/hide R-000123 description|photos"; admins read "/original R-000123".
    const reportArg = async (ctx: BotContext, text: string) => {
      const number = parseReportNumber(text);
      return number === undefined ? null : findReportByNumber(deps.db, ctx.user!.communityId!, number);
    };
    composer.command("hide", requireRole("staff"), async (ctx) => {
      const [numberText = "", target = ""] = ctx.match.trim().split(/\s+/);
      const reportId = await reportArg(ctx, numberText);
      if (reportId === null || (target !== "description" && target !== "photos")) {
        await ctx.reply(ctx.t("hide-usage"));
        return;
      }
      await hideReportContent(deps.db, { communityId: ctx.user!.communityId!, reportId, target, actorId: ctx.from!.id, at: deps.clock.now() });
      await ctx.reply(ctx.t("hide-done"));
    });
    composer.command("original", requireRole("admin"), async (ctx) => {
      const reportId = await reportArg(ctx, ctx.match.trim());
      const original = reportId === null ? undefined : await originalOf(deps.db, ctx.user!.communityId!, reportId);
      if (!original) {
        await ctx.reply(ctx.t("original-usage"));
        return;
      }
      await ctx.reply(ctx.t("original-description", { description: original.description ?? "—", hidden: original.descriptionHidden ? "yes" : "no" }));
      for (const photo of original.photos) await ctx.replyWithPhoto(photo.fileId, { caption: ctx.t(photo.hidden ? "original-photo-hidden" : "original-photo") });
    });

    // /queue: the community's open reports, 20 a page, filtered (mine, unassigned, overdue,
    // category, area); each opens like a task.
    const showQueue = async (ctx: BotContext, code: string, page: number, edit: boolean) => {
      const filters = parseQueueFilter(code, ctx.from!.id);
      if (!filters) return stale(ctx);
      const communityId = ctx.user!.communityId!;
      const result = await listQueue(deps.db, communityId, filters, { page }, deps.clock.now());
      const locale = await ctx.i18n.getLocale();
      const tz = await timezoneOf(deps.db, communityId);
      const keyboard = new InlineKeyboard();
      for (const [filter, key] of [["a", "queue-all"], ["m", "queue-mine"], ["u", "queue-unassigned"], ["o", "queue-overdue"]] as const) {
        keyboard.text(ctx.t(key) + (filter === code ? " ✓" : ""), queuePage.pack({ filter, page: 0 }));
      }
      keyboard.row().text(ctx.t("queue-by-category"), queueFilterMenu.pack({ kind: "c" })).text(ctx.t("queue-by-area"), queueFilterMenu.pack({ kind: "r" })).row();
      const lines = result.items.map((item) => {
        keyboard.text(`${item.overdue ? "⏰ " : ""}${formatReportNumber(item.number)} ${item.icon}`, taskOpen.pack({ id: item.id })).row();
        return ctx.t("queue-line", {
          number: formatReportNumber(item.number),
          icon: item.icon,
          category: locale === "zh-CN" ? item.categoryZh : item.categoryEn,
          status: ctx.t(statusKeys[item.status]),
          assignee: item.assigneeName ?? ctx.t("queue-nobody"),
          deadline: item.deadlineAt ? formatTime(item.deadlineAt, tz) : "—",
          overdue: item.overdue ? "yes" : "no",
        });
      });
      if (page > 0) keyboard.text(ctx.t("page-newer"), queuePage.pack({ filter: code, page: page - 1 }));
      if (result.hasMore) keyboard.text(ctx.t("page-older"), queuePage.pack({ filter: code, page: page + 1 }));
      const text = [ctx.t("queue-header", { page: page + 1 }), ...(lines.length ? lines : [ctx.t("queue-empty")])].join("\n");
      if (edit) await ctx.editMessageText(text, { reply_markup: keyboard });
      else await ctx.reply(text, { reply_markup: keyboard });
    };
    composer.command("queue", requireRole("staff"), (ctx) => showQueue(ctx, "a", 0, false));
    composer.callbackQuery(queuePage.filter, requireRole("staff"), async (ctx) => {
      const data = queuePage.unpack(ctx.callbackQuery.data);
      const page = Number(data?.page);
      if (!data || !Number.isInteger(page) || page < 0 || page > 10_000) return stale(ctx);
      await ctx.answerCallbackQuery();
      await showQueue(ctx, data.filter, page, true);
    });
    composer.callbackQuery(queueFilterMenu.filter, requireRole("staff"), async (ctx) => {
      const kind = queueFilterMenu.unpack(ctx.callbackQuery.data)?.kind;
      if (kind !== "c" && kind !== "r") return stale(ctx);
      await ctx.answerCallbackQuery();
      const communityId = ctx.user!.communityId!;
      const locale = await ctx.i18n.getLocale();
      const options =
        kind === "c"
          ? (await listActiveCategories(deps.db, communityId)).map((c) => ({ id: c.id, label: `${c.icon} ${categoryName(c, locale)}` }))
          : (await listAreas(deps.db, communityId)).map((a) => ({ id: a.id, label: a.name }));
      const keyboard = new InlineKeyboard();
      for (const o of options) keyboard.text(o.label, queuePage.pack({ filter: `${kind}${o.id}`, page: 0 })).row();
      await ctx.editMessageReplyMarkup({ reply_markup: keyboard });
    });

    composer.command("audit", requireRole("admin"), async (ctx) => {
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const lines = (await recentAudit(deps.db, ctx.user!.communityId!, { offset: 0, limit: 20 })).map((line) =>
        ctx.t("audit-line", {
          date: formatTime(line.at, tz),
          actor: line.actorName ?? ctx.t("card-system"),
          action: line.action,
          subject: line.subject ?? "",
          change: `${JSON.stringify(line.before ?? null)} → ${JSON.stringify(line.after ?? null)}`,
        }),
      );
      await ctx.reply(lines.length ? `${ctx.t("audit-header")}\n${lines.join("\n")}` : ctx.t("audit-none"));
    });

    const showTasks = async (ctx: BotContext) => {
      const tasks = await listTasks(deps.db, ctx.from!.id, deps.clock.now());
      if (tasks.length === 0) {
        await ctx.reply(ctx.t("tasks-none"));
        return;
      }
      const locale = await ctx.i18n.getLocale();
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const lines = tasks.map((task) =>
        ctx.t("tasks-line", {
          number: formatReportNumber(task.number),
          icon: task.icon,
          category: locale === "zh-CN" ? task.categoryZh : task.categoryEn,
          status: ctx.t(statusKeys[task.status]),
          deadline: task.deadlineAt ? formatTime(task.deadlineAt, tz) : "—",
          overdue: task.overdue ? "yes" : "no",
        }),
      );
      await ctx.reply(`${ctx.t("tasks-header", { count: tasks.length })}\n${lines.join("\n")}`, { reply_markup: tasksKeyboard(tasks) });
    };
    composer.command("tasks", requireRole("inspector", "staff"), showTasks);
    composer.callbackQuery(menuButton.filter, async (ctx, next) => {
      const entry = menuButton.unpack(ctx.callbackQuery.data)?.entry;
      if (entry !== "tasks" && entry !== "team") return next();
      if (!(await ensureRole(ctx, entry === "tasks" ? ["inspector", "staff"] : ["staff"]))) return;
      await ctx.answerCallbackQuery();
      await (entry === "tasks" ? showTasks(ctx) : showTeam(ctx));
    });

    composer.callbackQuery(taskOpen.filter, requireRole("inspector", "staff"), async (ctx) => {
      const id = parseId(taskOpen.unpack(ctx.callbackQuery.data)?.id);
      const card = id ? await loadCardData(deps.db, id) : undefined;
      if (!card || card.communityId !== ctx.user?.communityId) return stale(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(renderCard(card, await ctx.i18n.getLocale(), card.timezone, ctx.t), { reply_markup: taskKeyboard(card.reportId, card.status, ctx.t) });
      if (card.location) await ctx.replyWithLocation(card.location.latitude, card.location.longitude);
    });
    composer.callbackQuery(taskAction.filter, requireRole("inspector", "staff"), async (ctx) => {
      const data = taskAction.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const action = taskActions.find((a) => a === data?.action);
      const report = id ? await reportCommunity(deps.db, id) : undefined;
      if (!id || !action || !report || report.communityId !== ctx.user?.communityId) return stale(ctx);
      await ctx.answerCallbackQuery();
      const label = formatReportNumber(report.number);
      if (action === "resolve" || action === "extend") {
        await ctx.conversation.enter(action === "resolve" ? RESOLVE_CONVERSATION : EXTENSION_CONVERSATION, id, report.number);
        return;
      }
      try {
        if (action === "start") await deps.reports.workflow.start(id, { userId: ctx.from.id });
        else await deps.reports.workflow.handBack(id, { userId: ctx.from.id });
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        await ctx.reply(ctx.t("staff-action-stale", { number: label }));
        return;
      }
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t(action === "start" ? "task-started" : "task-handed-back", { number: label }));
    });

    return composer;
  },

  groups(deps) {
    const composer = new Composer<BotContext>();

    composer.command("bindgroup", requireRole("admin"), async (ctx) => {
      const result = await bindStaffGroup(deps.db, { communityId: ctx.user!.communityId!, chatId: ctx.chat!.id, actorId: ctx.from!.id, at: deps.clock.now() });
      await ctx.reply(ctx.t(result.ok ? "bindgroup-done" : "bindgroup-elsewhere"));
    });

    /** A card button: the presser must be staff of the report's own community, checked on every press. */
    const forStaffOf = async (ctx: BotContext, reportId: number | undefined) => {
      const report = reportId ? await reportCommunity(deps.db, reportId) : undefined;
      if (!report) {
        await stale(ctx);
        return undefined;
      }
      if (ctx.user?.communityId !== report.communityId || !(await ensureRole(ctx, ["staff"]))) {
        if (ctx.user?.communityId !== report.communityId) await ctx.answerCallbackQuery({ text: ctx.t("access-denied"), show_alert: true });
        return undefined;
      }
      return report;
    };

    composer.callbackQuery(cardAction.filter, async (ctx) => {
      const data = cardAction.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const action = cardActions.find((a) => a === data?.action);
      if (!action) return stale(ctx);
      const report = await forStaffOf(ctx, id);
      if (!report || !id) return;
      const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t("zh-CN", key, vars);
      if (action === "assign" || action === "back") {
        const card = await loadCardData(deps.db, id);
        if (!card) return stale(ctx);
        await ctx.answerCallbackQuery();
        const markup = action === "assign" ? assigneeKeyboard(id, await listAssignees(deps.db, card.communityId, card.areaResponsibleId), t) : cardKeyboard(card, t);
        await ctx.editMessageReplyMarkup({ reply_markup: markup });
        return;
      }
      await ctx.answerCallbackQuery();
      if (action === "reject") return ctx.conversation.enter(REJECT_CONVERSATION, id, report.number);
      if (action === "dup") return ctx.conversation.enter(DUPLICATE_CONVERSATION, id, report.number, report.communityId);
      try {
        const actor = { userId: ctx.from.id };
        if (action === "accept") await deps.reports.workflow.accept(id, actor);
        else if (action === "verify") await deps.reports.workflow.close(id, actor);
        else await deps.reports.workflow.reopen(id, actor);
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        const key = error.code === "second-verifier-required" ? "staff-second-verifier" : "staff-action-stale";
        await ctx.reply(ctx.t(key, { number: formatReportNumber(report.number) }));
      }
    });

    composer.callbackQuery(extensionDecision.filter, requireRole("staff"), async (ctx) => {
      const data = extensionDecision.unpack(ctx.callbackQuery.data);
      const extensionId = parseId(data?.id);
      if (!extensionId || (data?.answer !== "yes" && data?.answer !== "no")) return stale(ctx);
      const result = await decideExtension(deps.db, {
        extensionId,
        approve: data.answer === "yes",
        decidedBy: ctx.from.id,
        communityId: ctx.user!.communityId!,
        at: deps.clock.now(),
      });
      if (!result.ok) return stale(ctx);
      await ctx.answerCallbackQuery();
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const vars = { number: formatReportNumber(result.number), deadline: formatTime(result.deadline, tz), name: ctx.from.first_name };
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t(result.approved ? "extension-approved-group" : "extension-refused-group", vars));
      const requester = result.requestedBy ? await findMember(deps.db, result.requestedBy) : undefined;
      if (requester) {
        const locale = resolveLocale(requester.locale, requester.telegramLanguage);
        await ctx.api.sendMessage(requester.id, deps.i18n.t(locale, result.approved ? "extension-approved" : "extension-refused", vars));
      }
    });

    composer.callbackQuery(assignTo.filter, async (ctx) => {
      const data = assignTo.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const assigneeId = parseId(data?.user);
      const report = await forStaffOf(ctx, id);
      if (!report || !id || !assigneeId) return;
      try {
        await deps.reports.workflow.assign(id, { userId: ctx.from.id }, assigneeId);
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        await ctx.answerCallbackQuery({ text: ctx.t("staff-action-stale", { number: formatReportNumber(report.number) }), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery({ text: ctx.t("staff-assigned", { number: formatReportNumber(report.number) }) });
    });

    return composer;
  },
};
