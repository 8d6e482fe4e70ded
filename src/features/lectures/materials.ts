import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { InputMediaDocument, InputMediaPhoto } from "grammy/types";
import { queryRows, type Database } from "../../db/client.js";
import { lectureMaterials, type LectureMaterial } from "../../db/schema/index.js";
import type { Deliverer } from "../../outbox/sender.js";
import { timezoneOf } from "../accounts/service.js";
import type { BulkRules } from "../broadcasts/bulk.js";
import { formatTime } from "../reports/views.js";
import { audienceOf } from "./announce.js";
import { sendToLectureAudience } from "./lecture-bulk.js";
import { lectureFacts } from "./service.js";

/**
 * After a lecture, what staff forward to the bot (the slides as a PDF, photos of the day) is
 * kept here and sent on through the broadcast machinery to the attendees and, when staff
 * choose, to the topic's subscribers; /lectures offers a past lecture's materials to anyone.
 */

/** The outbox kind of one person's materials (rendered in their language when sent). */
export const LECTURE_MATERIALS = "lecture.materials";

/** Telegram sends at most 10 files as one album. */
export const MATERIALS_MAX = 10;

export interface MaterialsPayload {
  lectureId: number;
  materialIds: number[];
}

export type MaterialFile = { kind: "document" | "photo"; fileId: string; fileUniqueId: string; fileName: string | null };

/** Keeps one file for the lecture; the same file again is kept once. False: the lecture already has MATERIALS_MAX. */
export async function addMaterial(
  db: Database,
  input: MaterialFile & { lectureId: number; addedBy: number; at: Date },
): Promise<{ ok: boolean; count: number }> {
  return db.transaction(async (tx) => {
    // The lecture's row is locked so two files arriving at once cannot both be the eleventh.
    await tx.execute(sql`select id from lectures where id = ${input.lectureId} for update`);
    const count = await tx.$count(lectureMaterials, eq(lectureMaterials.lectureId, input.lectureId));
    if (count >= MATERIALS_MAX) return { ok: false, count };
    const added = await tx
      .insert(lectureMaterials)
      .values({
        lectureId: input.lectureId,
        kind: input.kind,
        fileId: input.fileId,
        fileUniqueId: input.fileUniqueId,
        fileName: input.fileName,
        addedBy: input.addedBy,
        addedAt: input.at,
      })
      .onConflictDoNothing()
      .returning({ id: lectureMaterials.id });
    return { ok: true, count: count + added.length };
  });
}

export async function materialsOf(db: Database, lectureId: number): Promise<LectureMaterial[]> {
  return db.select().from(lectureMaterials).where(eq(lectureMaterials.lectureId, lectureId)).orderBy(asc(lectureMaterials.id));
}

/** Everyone checked in at the lecture (people who came are the ones the materials are for). */
export async function attendeesOf(db: Database, lectureId: number): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct s.user_id::text as id from lectures l join event_signups s on s.event_id = l.event_id
        join users u on u.id = s.user_id
        where l.id = ${lectureId} and s.status = 'attended' and u.blocked_at is null order by 1`,
  );
  return rows.map((r) => Number(r.id));
}

/** Who gets the materials: the attendees, and with `subscribers` those who hear about the lecture's topic. */
export async function materialsAudience(db: Database, input: { lectureId: number; subscribers: boolean }): Promise<number[]> {
  const people = new Set(await attendeesOf(db, input.lectureId));
  if (input.subscribers) for (const id of await audienceOf(db, { lectureId: input.lectureId, everyone: false })) people.add(id);
  return [...people].sort((a, b) => a - b);
}

export type SendMaterialsResult = { ok: true; recipients: number; bulkId: number } | { ok: false; reason: "not-found" | "nothing" | "nobody" };

/**
 * Sends the lecture's files not sent yet to its audience, through sendBulk (the bot's pace,
 * quiet hours, progress and Stop), one outbox row per person; the files are marked sent in the
 * same transaction, so a second press sends nothing twice.
 */
export async function sendMaterials(
  db: Database,
  input: { lectureId: number; communityId: number; staffId: number; subscribers: boolean; at: Date; rules: BulkRules },
): Promise<SendMaterialsResult> {
  const facts = await lectureFacts(db, input.lectureId, input.communityId);
  if (!facts) return { ok: false, reason: "not-found" };
  return db
    .transaction(async (tx) => {
      const files = await tx
        .update(lectureMaterials)
        .set({ sentAt: input.at })
        .where(and(eq(lectureMaterials.lectureId, input.lectureId), isNull(lectureMaterials.sentAt)))
        .returning({ id: lectureMaterials.id });
      if (files.length === 0) return { ok: false, reason: "nothing" } as const;
      const people = await materialsAudience(tx, input);
      if (people.length === 0) throw new NobodyToSend(); // rolls the marks back: the files wait for an audience
      const materialIds = files.map((f) => f.id).sort((a, b) => a - b);
      const payload: MaterialsPayload = { lectureId: input.lectureId, materialIds };
      const bulk = await sendToLectureAudience(tx, input, {
        title: facts.event.title,
        clientKey: `lecture:${input.lectureId}:materials:${materialIds.at(-1)}`,
        kind: LECTURE_MATERIALS,
        payload,
        people,
      });
      return { ok: true, recipients: people.length, bulkId: bulk.id } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof NobodyToSend) return { ok: false, reason: "nobody" } as const;
      throw error;
    });
}

class NobodyToSend extends Error {}

/** Sends files as Telegram shows them best: one alone as itself, several as an album (photos and documents apart). */
export async function sendFiles(
  api: Parameters<Deliverer>[1]["api"],
  chatId: number,
  files: readonly Pick<LectureMaterial, "kind" | "fileId">[],
  caption: string,
): Promise<void> {
  const groups = [files.filter((f) => f.kind === "photo"), files.filter((f) => f.kind === "document")].filter((g) => g.length > 0);
  for (const [index, group] of groups.entries()) {
    const text = index === 0 ? caption : undefined;
    if (group.length === 1) {
      const file = group[0]!;
      if (file.kind === "photo") await api.sendPhoto(chatId, file.fileId, text ? { caption: text } : {});
      else await api.sendDocument(chatId, file.fileId, text ? { caption: text } : {});
      continue;
    }
    const first = (i: number) => (i === 0 && text ? { caption: text } : {});
    if (group[0]!.kind === "photo")
      await api.sendMediaGroup(
        chatId,
        group.map((f, i): InputMediaPhoto => ({ type: "photo", media: f.fileId, ...first(i) })),
      );
    else
      await api.sendMediaGroup(
        chatId,
        group.map((f, i): InputMediaDocument => ({ type: "document", media: f.fileId, ...first(i) })),
      );
  }
}

/** One person's materials: the files with a caption naming the lecture, in their language. */
export function lectureMaterialsDeliverer(db: Database): Deliverer {
  return async (message, { api, t }) => {
    const { lectureId, materialIds } = message.payload as MaterialsPayload;
    const facts = await lectureFacts(db, lectureId);
    const files = materialIds.length > 0 ? await db.select().from(lectureMaterials).where(inArray(lectureMaterials.id, materialIds)) : [];
    if (!facts || files.length === 0) return;
    const time = formatTime(facts.event.startsAt.toISOString(), await timezoneOf(db, facts.lecture.communityId));
    await sendFiles(api, message.chatId, files, t("lectures-materials-caption", { title: facts.event.title, time }));
  };
}
