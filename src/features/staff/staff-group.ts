import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, type Community } from "../../db/schema/index.js";
import { recordAudit } from "./audit.js";

export type BindResult = { ok: true } | { ok: false; reason: "bound-elsewhere" };

/** Makes a Telegram group the community's staff group (one group per community, one community per group). */
export async function bindStaffGroup(db: Database, input: { communityId: number; chatId: number; actorId: number; at: Date }): Promise<BindResult> {
  return db.transaction(async (tx) => {
    const [holder] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.staffGroupChatId, input.chatId));
    if (holder && holder.id !== input.communityId) return { ok: false, reason: "bound-elsewhere" } as const;
    const [before] = await tx.select({ chat: communities.staffGroupChatId }).from(communities).where(eq(communities.id, input.communityId)).for("update");
    await tx.update(communities).set({ staffGroupChatId: input.chatId }).where(eq(communities.id, input.communityId));
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "staff-group.bind",
      before: { chatId: before?.chat ?? null },
      after: { chatId: input.chatId },
      at: input.at,
    });
    return { ok: true } as const;
  });
}

export async function communityOfStaffGroup(db: Database, chatId: number): Promise<Community | undefined> {
  const [row] = await db.select().from(communities).where(eq(communities.staffGroupChatId, chatId));
  return row;
}
