import { InlineKeyboard } from "grammy";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";
import { users, volunteerApplications, volunteerProfiles } from "../../db/schema/index.js";
import { Priority, type OutboxDraft } from "../../outbox/enqueue.js";
import type { Deliverer, Translate } from "../../outbox/sender.js";
import { decideApplication } from "./buttons.js";
import { interestNames } from "./interests.js";

/** Outbox kind: an application's card in the staff group, rendered from the database when sent. */
export const VOLUNTEER_CARD = "volunteers.card";

/** One card per application, ever (a replayed update writes it once). */
const cardKey = (applicationId: number) => ["volunteer-card", applicationId].join("/");

export function volunteerCard(chatId: number, applicationId: number): OutboxDraft {
  return { kind: VOLUNTEER_CARD, chatId, payload: { applicationId }, priority: Priority.group, dedupeKey: cardKey(applicationId) };
}

export interface CardView {
  id: number;
  status: string;
  displayName: string;
  realName: string;
  username: string | null;
  phone: string | null;
  interests: string[];
  freeTimes: string[];
  decidedBy: string | null;
}

/** What the card shows: staff see the real name and phone, which no one else is shown. */
export async function cardView(db: Database, applicationId: number, locale: string): Promise<CardView | undefined> {
  const decider = alias(users, "decider");
  const [row] = await db
    .select({ app: volunteerApplications, profile: volunteerProfiles, user: users, decider: decider.firstName })
    .from(volunteerApplications)
    .innerJoin(users, eq(users.id, volunteerApplications.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, volunteerApplications.userId))
    .leftJoin(decider, eq(decider.id, volunteerApplications.decidedBy))
    .where(eq(volunteerApplications.id, applicationId));
  if (!row) return undefined;
  return {
    id: row.app.id,
    status: row.app.status,
    displayName: row.profile?.displayName ?? row.user.firstName,
    realName: [row.user.firstName, row.user.lastName].filter(Boolean).join(" "),
    username: row.user.username,
    phone: row.profile?.phone ?? null,
    interests: await interestNames(db, row.profile?.interestIds ?? [], locale),
    freeTimes: row.profile?.freeTimes ?? [],
    decidedBy: row.decider,
  };
}

export function renderCard(view: CardView, t: Translate): string {
  const none = t("volunteers-none");
  const lines = [
    t("volunteers-card", {
      id: view.id,
      name: view.displayName,
      realName: view.realName + (view.username ? ` @${view.username}` : ""),
      phone: view.phone ?? none,
      interests: view.interests.join("、") || none,
      times: view.freeTimes.map((time) => t(`volunteers-time-${time}`)).join("、") || none,
    }),
  ];
  if (view.status !== "pending") lines.push(t("volunteers-card-decided", { status: view.status, by: view.decidedBy ?? "—" }));
  return lines.join("\n");
}

export function cardKeyboard(view: CardView, t: Translate): InlineKeyboard | undefined {
  if (view.status !== "pending") return undefined;
  return new InlineKeyboard()
    .text(t("volunteers-approve"), decideApplication.pack({ id: view.id, decision: "a" }))
    .text(t("volunteers-decline"), decideApplication.pack({ id: view.id, decision: "d" }));
}

export function volunteerCardDeliverer(db: Database): Deliverer {
  return async (message, { api, locale, t }) => {
    const view = await cardView(db, (message.payload as { applicationId: number }).applicationId, locale);
    if (!view) return; // the person left (/forget) before the card went out
    const keyboard = cardKeyboard(view, t);
    await api.sendMessage(message.chatId, renderCard(view, t), keyboard ? { reply_markup: keyboard } : {});
  };
}
