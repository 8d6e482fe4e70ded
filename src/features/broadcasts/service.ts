import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { broadcasts, outboxMessages, type Broadcast, type BroadcastAudience, type BroadcastStatus } from "../../db/schema/index.js";
import { enqueueJob } from "../../jobs/queue.js";
import { type BulkRules, showProgress, START_JOB, startJobKey } from "./bulk.js";
import { figuresOf, type Figures } from "./figures.js";
import { move } from "./lifecycle.js";

/**
 * Telegram's limits (4,096 for a text, 1,024 for a caption) less room for the heading each
 * recipient gets in their language ("📢 Community notice · <community> · <role>").
 */
export const HEADING_ROOM = 96;
export const TEXT_LIMIT = 4096 - HEADING_ROOM;
export const CAPTION_LIMIT = 1024 - HEADING_ROOM;

/** A message entity as Telegram gives it (bold, link, …): stored and sent back unchanged. */
export interface EntityLike {
  type: string;
  offset: number;
  length: number;
  [field: string]: unknown;
}

/** What recipients get: text with its entities, or one photo with a caption and its entities. */
export type BroadcastContent =
  | { kind: "text"; text: string; entities: EntityLike[] }
  | { kind: "photo"; fileId: string; caption: string; entities: EntityLike[] };

export type ContentCheck = { ok: true } | { ok: false; reason: "empty" | "text-too-long" | "caption-too-long"; max?: number };

/** Telegram's limits, checked where the message is composed (length in UTF-16 units, as Telegram counts). */
export function checkContent(content: BroadcastContent): ContentCheck {
  if (content.kind === "text") {
    if (content.text.trim().length === 0) return { ok: false, reason: "empty" };
    if (content.text.length > TEXT_LIMIT) return { ok: false, reason: "text-too-long", max: TEXT_LIMIT };
    return { ok: true };
  }
  if (content.caption.length > CAPTION_LIMIT) return { ok: false, reason: "caption-too-long", max: CAPTION_LIMIT };
  return { ok: true };
}

export function contentOf(row: Pick<Broadcast, "kind" | "text" | "entities" | "photoFileId">): BroadcastContent {
  const entities = (row.entities ?? []) as EntityLike[];
  return row.kind === "photo" ? { kind: "photo", fileId: row.photoFileId ?? "", caption: row.text, entities } : { kind: "text", text: row.text, entities };
}

export interface NewBroadcast {
  communityId: number;
  createdBy: number;
  audience: BroadcastAudience;
  audienceRef: number | null;
  content: BroadcastContent;
  urgent: boolean;
  /** Now for "send now", or the scheduled time. */
  runAt: Date;
  /** Where the progress message goes (the staff member's chat) and in which language. */
  progressChatId: number | null;
  progressLocale: string;
  clientKey: string;
  at: Date;
}

/** Stores the broadcast and queues its first run, in one transaction; the same clientKey twice makes one. */
export async function createBroadcast(db: Database, input: NewBroadcast): Promise<{ id: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const c = input.content;
    const rows = await tx
      .insert(broadcasts)
      .values({
        communityId: input.communityId,
        createdBy: input.createdBy,
        audience: input.audience,
        audienceRef: input.audienceRef,
        kind: c.kind,
        text: c.kind === "text" ? c.text : c.caption,
        entities: c.entities,
        photoFileId: c.kind === "photo" ? c.fileId : null,
        urgent: input.urgent,
        status: "scheduled",
        runAt: input.runAt,
        progressChatId: input.progressChatId,
        progressLocale: input.progressLocale,
        clientKey: input.clientKey,
        createdAt: input.at,
      })
      .onConflictDoNothing({ target: broadcasts.clientKey })
      .returning({ id: broadcasts.id });
    if (rows[0]) {
      await enqueueJob(tx, START_JOB, { broadcastId: rows[0].id }, { runAt: input.runAt, singletonKey: startJobKey(rows[0].id) });
      return { id: rows[0].id, created: true };
    }
    const [existing] = await tx.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.clientKey, input.clientKey));
    return { id: existing!.id, created: false };
  });
}

export type CancelResult = { ok: true } | { ok: false; reason: "unknown" | "finished" };

/**
 * Stop: a broadcast of the staff member's community moves to cancelled and its pending outbox
 * rows are cancelled with it, in one transaction (the start's batches wait on the same row
 * lock, and write nothing once it is cancelled). A message already in flight still goes. The
 * progress message then shows the summary.
 */
export async function stopBroadcast(db: Database, input: { id: number; communityId: number; by: number; at: Date; rules: BulkRules }): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(broadcasts)
      .where(and(eq(broadcasts.id, input.id), eq(broadcasts.communityId, input.communityId)))
      .for("update");
    if (!row) return { ok: false, reason: "unknown" } as const;
    const moved = await move(tx, input.id, "cancel", input.at, { cancelledBy: input.by });
    if (!moved) return { ok: false, reason: "finished" } as const;
    await tx
      .update(outboxMessages)
      .set({ status: "cancelled" })
      .where(and(eq(outboxMessages.bulkId, input.id), eq(outboxMessages.status, "pending")));
    await showProgress(tx, moved, input.rules, input.at, input.at);
    return { ok: true } as const;
  });
}

export interface BroadcastSummary {
  id: number;
  status: BroadcastStatus;
  audience: BroadcastAudience;
  urgent: boolean;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
  preview: string;
  figures: Figures;
}

/** The community's latest broadcasts, scheduled ones included, with their figures. */
export async function listBroadcasts(db: Database, communityId: number, at: Date, limit = 10): Promise<BroadcastSummary[]> {
  const rows = await db
    .select()
    .from(broadcasts)
    .where(eq(broadcasts.communityId, communityId))
    .orderBy(desc(broadcasts.createdAt), desc(broadcasts.id))
    .limit(limit);
  const out: BroadcastSummary[] = [];
  for (const row of rows) {
    out.push({
      id: row.id,
      status: row.status,
      audience: row.audience,
      urgent: row.urgent,
      runAt: row.runAt,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
      preview: row.text.replace(/\s+/g, " ").slice(0, 40),
      figures: await figuresOf(db, row.id, at),
    });
  }
  return out;
}

export async function findBroadcast(db: Database, id: number): Promise<Broadcast | undefined> {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
  return row;
}
