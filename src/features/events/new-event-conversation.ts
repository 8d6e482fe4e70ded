import type { BotConversation, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { fitText, TEXT_MAX } from "../../bot/text-fit.js";
import { timezoneOf } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { sendCheckInQr } from "./check-in-qr.js";
import { parseSlots, TITLE_MAX, SLOT_CAPACITY_MAX, SLOTS_MAX, SLOT_NAME_MAX, type SlotInput } from "./event-input.js";
import { askEventTimes } from "./time-steps.js";
import { askEventPlace, askStep, askStepIn, oneOf, shortText, type Read } from "./organiser-steps.js";
import { checkInCodesOf } from "./roster-service.js";
import { createEvent, MAX_SERIES_WEEKS, teamsOf } from "./service.js";

export const NEW_EVENT_CONVERSATION = "event-new";
/** Bumped when the steps changed (2: who may sign up offers each team); a half-filled older one starts again. */
export const NEW_EVENT_CONVERSATION_VERSION = 2;

/** The kinds an organiser creates here (lectures come from the lectures' own flow). */
const kinds = ["rehearsal", "performance", "lecture_duty", "cleanup", "other"] as const;
const audiences = ["volunteers", "everyone"] as const;
const repeats = [1, 4, 8, 12] as const;

const slotReasons = {
  format: "newevent-slots-format",
  "too-many": "newevent-slots-too-many",
  "bad-capacity": "newevent-slots-bad-capacity",
  "name-too-long": "newevent-slots-name-too-long",
  duplicate: "newevent-slots-duplicate",
} as const;

function readSlots(c: InnerContext, text: string): Read<SlotInput[]> {
  const parsed = parseSlots(text);
  if (parsed.ok) return { value: parsed.slots };
  const vars = {
    name: parsed.name ?? text,
    max: parsed.reason === "too-many" ? SLOTS_MAX : parsed.reason === "name-too-long" ? SLOT_NAME_MAX : SLOT_CAPACITY_MAX,
  };
  return { refuse: c.t(slotReasons[parsed.reason], vars) };
}

/** Who may sign up, as chosen: every volunteer, everyone, or one team's members. */
type Audience = { audience: "volunteers" | "everyone"; team: null } | { audience: "team"; team: { id: number; name: string } };

function readWeeks(c: InnerContext, text: string): Read<number> {
  const weeks = /^\d{1,2}$/.test(text) ? Number(text) : 0;
  return weeks >= 1 && weeks <= MAX_SERIES_WEEKS ? { value: weeks } : { refuse: c.t("newevent-repeat-format", { max: MAX_SERIES_WEEKS }) };
}

/**
 * /newevent for staff: title → kind → start → length or end → place → role slots → who may sign
 * up (every volunteer, everyone, or one team) → (rehearsals) weekly repetition → summary with Create / Cancel. Nothing is saved before
 * Create; the organiser then gets the event with its check-in code and the code's QR image.
 */
export function newEventConversation(deps: AppDeps) {
  return async function newEvent(conversation: BotConversation, ctx: InnerContext, communityId: number): Promise<void> {
    const timezone = await conversation.external(() => timezoneOf(deps.db, communityId));
    const now = async () => new Date(await conversation.external(() => deps.clock.now().toISOString()));

    const title = await askStep<string>(conversation, ctx, {
      name: "title",
      question: ctx.t("newevent-ask-title"),
      typed: shortText(TITLE_MAX),
      expectedKey: "newevent-title-expected",
    });
    const kind = await askStep(conversation, ctx, {
      name: "kind",
      question: ctx.t("newevent-ask-kind"),
      choices: kinds.map((k) => ({ value: k, label: ctx.t("events-kind", { kind: k }) })),
      perRow: 2,
      pressed: oneOf(kinds),
      expectedKey: "use-buttons",
    });

    const { startsAt, endsAt } = await askEventTimes(conversation, ctx, { timezone, now, names: { start: "start", length: "length" } });
    const { place, location } = await askEventPlace(conversation, ctx);
    const slots = await askStep(conversation, ctx, {
      name: "slots",
      question: ctx.t("newevent-ask-slots"),
      choices: [{ value: "open", label: ctx.t("newevent-no-limit") }],
      pressed: (value) => (value === "open" ? { value: [] as SlotInput[] } : undefined),
      typed: readSlots,
      expectedKey: "newevent-slots-expected",
    });
    // Who may sign up: every volunteer, everyone, or one team's members (its leader too).
    const teams = await conversation.external(() => teamsOf(deps.db, communityId));
    const who = await askStep<Audience>(conversation, ctx, {
      name: "audience",
      question: ctx.t("newevent-ask-audience"),
      choices: [
        ...audiences.map((a) => ({ value: a, label: ctx.t("newevent-audience", { audience: a }) })),
        ...teams.map((team) => ({ value: `t${team.id}`, label: ctx.t("newevent-audience-team", { team: team.name }) })),
      ],
      pressed: (value) => {
        const open = oneOf(audiences)(value);
        if (open) return { value: { audience: open.value, team: null } };
        const team = teams.find((t) => `t${t.id}` === value);
        return team && { value: { audience: "team" as const, team } };
      },
      expectedKey: "use-buttons",
    });
    const audience = who.audience;
    const weeks =
      kind !== "rehearsal"
        ? 1
        : await askStep(conversation, ctx, {
            name: "weeks",
            question: ctx.t("newevent-ask-repeat", { max: MAX_SERIES_WEEKS }),
            choices: repeats.map((n) => ({ value: String(n), label: ctx.t("newevent-repeat", { weeks: n }) })),
            perRow: 2,
            pressed: oneOf(repeats),
            typed: readWeeks,
            expectedKey: "newevent-repeat-expected",
          });

    const facts = {
      title,
      kind: ctx.t("events-kind", { kind }),
      time: formatTime(startsAt, timezone),
      end: formatTime(endsAt, timezone).slice(11),
      place,
      located: location ? "yes" : "no",
      audience: who.team ? ctx.t("newevent-audience-team", { team: who.team.name }) : ctx.t("newevent-audience", { audience }),
      weeks,
    };
    const slotLines = (slots.length > 0 ? slots : [{ name: ctx.t("newevent-everyone-slot"), capacity: null }]).map((s) =>
      ctx.t("newevent-slot-line", { slot: s.name, capacity: s.capacity ?? -1 }),
    );
    const { ctx: pressed } = await askStepIn(conversation, ctx, {
      name: "summary",
      question: fitText([ctx.t("newevent-summary", facts), ...slotLines].join("\n"), TEXT_MAX),
      choices: [{ value: "create", label: ctx.t("newevent-create") }],
      pressed: oneOf(["create"]),
      expectedKey: "use-buttons",
    });
    // The role is checked again on the press that saves.
    if (!(await ensureRole(pressed, ["staff"]))) return;

    const created = await conversation.external(async () => {
      const result = await createEvent(
        deps.db,
        {
          communityId,
          kind,
          title,
          place,
          location,
          startsAt: new Date(startsAt),
          endsAt: new Date(endsAt),
          audience,
          teamId: who.team?.id ?? null,
          createdBy: ctx.from!.id,
          slots,
          series: { weeks, timezone },
        },
        deps.clock.now(),
      );
      if (!result.ok) return { ok: false as const, reason: result.reason };
      const codes = await checkInCodesOf(deps.db, result.eventIds);
      return { ok: true as const, events: codes.map((e) => ({ time: formatTime(e.startsAt.toISOString(), timezone), code: e.code })) };
    });
    if (!created.ok) {
      ctx.log.warn({ reason: created.reason }, "event refused at save");
      await ctx.reply(ctx.t("newevent-not-saved"));
      return;
    }
    const first = created.events[0]!;
    const lines = created.events.length > 1 ? created.events.map((e, i) => ctx.t("newevent-created-line", { n: i + 1, time: e.time, code: e.code })) : [];
    await ctx.reply(fitText([ctx.t("newevent-created", { title, count: created.events.length, code: first.code }), ...lines].join("\n"), TEXT_MAX));
    await sendCheckInQr(ctx, { title, time: first.time, code: first.code });
  };
}
