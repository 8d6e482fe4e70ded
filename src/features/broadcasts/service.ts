import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { broadcastRecipients, broadcasts, type Broadcast, type BroadcastAudience, type BroadcastStatus } from "../../db/schema/index.js";
import { enqueueJob } from "../../jobs/queue.js";
import { canMove } from "./lifecycle.js";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const SEND_JOB = "broadcast.send";

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

/** The singleton key of the job that (re)starts a broadcast in a given lease state. */
export function sendJobKey(id: number, epoch: number, lockedUntil: Date | null): string {
  return `${SEND_JOB}:${id}:${epoch}:${lockedUntil?.getTime() ?? 0}`;
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
  progressChatId: number;
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
      await enqueueJob(tx, SEND_JOB, { broadcastId: rows[0].id }, { runAt: input.runAt, singletonKey: sendJobKey(rows[0].id, 0, null) });
      return { id: rows[0].id, created: true };
    }
    const [existing] = await tx.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.clientKey, input.clientKey));
    return { id: existing!.id, created: false };
  });
}

export type CancelResult = { ok: true; live: boolean } | { ok: false; reason: "unknown" | "finished" };

/**
 * Stops a broadcast of the staff member's community. Recipients not yet sent to are marked
 * skipped ("cancelled"); a message in flight at this moment (row "sending" under a live lease)
 * is left to its sender, which sees the status within a second and stops.
 */
export async function cancelBroadcast(db: Database, input: { id: number; communityId: number; by: number; at: Date }): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(broadcasts)
      .where(and(eq(broadcasts.id, input.id), eq(broadcasts.communityId, input.communityId)))
      .for("update");
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (!canMove("cancel", row.status)) return { ok: false, reason: "finished" } as const;
    await tx.update(broadcasts).set({ status: "cancelled", cancelledBy: input.by, finishedAt: input.at }).where(eq(broadcasts.id, input.id));
    const live = row.lockedBy !== null && row.lockedUntil !== null && row.lockedUntil > input.at;
    await tx
      .update(broadcastRecipients)
      .set({ state: "skipped", reason: "cancelled", updatedAt: input.at })
      .where(and(eq(broadcastRecipients.broadcastId, input.id), inArray(broadcastRecipients.state, live ? ["pending"] : ["pending", "sending"])));
    return { ok: true, live } as const;
  });
}

export interface Figures {
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Not yet sent (pending, or in flight). */
  left: number;
  /** Failures and skips by reason: blocked, deactivated, unreachable, cancelled, … */
  reasons: Record<string, number>;
}

/** Counts by state, from the recipients' index (no rows read into memory). */
export async function figuresOf(db: Database, broadcastId: number): Promise<Figures> {
  const rows = await queryRows<{ state: string; reason: string | null; n: number }>(
    db,
    sql`select state, reason, count(*)::int as n from ${broadcastRecipients} where broadcast_id = ${broadcastId} group by state, reason`,
  );
  const f: Figures = { total: 0, sent: 0, failed: 0, skipped: 0, left: 0, reasons: {} };
  for (const r of rows) {
    f.total += r.n;
    if (r.state === "sent") f.sent += r.n;
    else if (r.state === "failed") f.failed += r.n;
    else if (r.state === "skipped") f.skipped += r.n;
    else f.left += r.n;
    if ((r.state === "failed" || r.state === "skipped") && r.reason) f.reasons[r.reason] = (f.reasons[r.reason] ?? 0) + r.n;
  }
  return f;
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
export async function listBroadcasts(db: Database, communityId: number, limit = 10): Promise<BroadcastSummary[]> {
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
      figures: await figuresOf(db, row.id),
    });
  }
  return out;
}

export async function findBroadcast(db: Database, id: number): Promise<Broadcast | undefined> {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
  return row;
}
