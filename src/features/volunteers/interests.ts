import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { volunteerInterests } from "../../db/schema/index.js";
import { cleanTranslated, pickTranslation, type Translated } from "../../translated.js";
import { recordAudit } from "../staff/audit.js";

/** What a new community starts with; admins keep the list from there. */
export const DEFAULT_INTERESTS: ReadonlyArray<{ code: string; name: Translated }> = [
  { code: "drum", name: { "zh-CN": "腰鼓队", en: "Waist-drum team" } },
  { code: "lecture", name: { "zh-CN": "讲座值班", en: "Lecture duty" } },
  { code: "cleanup", name: { "zh-CN": "环境整治", en: "Clean-up days" } },
  { code: "civility", name: { "zh-CN": "文明劝导", en: "Civility guidance" } },
  { code: "elderly", name: { "zh-CN": "关爱老人", en: "Caring for the elderly" } },
];

/** An interest's name in the reader's language. */
export const pickName = (name: Translated, locale: string): string => pickTranslation(name, locale);

export interface Interest {
  id: number;
  name: Translated;
}

/** The community's interests in their order; the defaults are added the first time a community has none. */
export async function listInterests(db: Database, communityId: number): Promise<Interest[]> {
  const read = () =>
    db
      .select({ id: volunteerInterests.id, name: volunteerInterests.name })
      .from(volunteerInterests)
      .where(and(eq(volunteerInterests.communityId, communityId), eq(volunteerInterests.archived, false)))
      .orderBy(asc(volunteerInterests.position), asc(volunteerInterests.id));
  const found = await read();
  if (found.length > 0) return found;
  const existing = await db.$count(volunteerInterests, eq(volunteerInterests.communityId, communityId));
  if (existing > 0) return found; // admins archived every one: an empty list is their choice
  await db
    .insert(volunteerInterests)
    .values(DEFAULT_INTERESTS.map((d, i) => ({ communityId, code: d.code, name: d.name, position: i })))
    .onConflictDoNothing();
  return read();
}

/** Names of the given interests in a language, in the community's order. */
export async function interestNames(db: Database, ids: readonly number[], locale: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ name: volunteerInterests.name })
    .from(volunteerInterests)
    .where(inArray(volunteerInterests.id, [...ids]))
    .orderBy(asc(volunteerInterests.position), asc(volunteerInterests.id));
  return rows.map((r) => pickName(r.name, locale));
}

/** An interest's name is at most this long in each language (a button's label). */
export const INTEREST_NAME_MAX = 20;

export type AddInterestResult = { ok: true; interestId: number } | { ok: false; reason: "empty" | "too-long" | "exists" };

/**
 * Admins add an interest in both languages, audited with it. One interest per Chinese name:
 * adding one that was removed brings it back (with the names given, in its old place) instead
 * of a twin.
 */
export async function addInterest(db: Database, input: { communityId: number; name: Translated; actorId: number; at: Date }): Promise<AddInterestResult> {
  const cleaned = cleanTranslated(input.name, INTEREST_NAME_MAX);
  if (!cleaned.ok) return cleaned;
  const name = cleaned.text;
  await listInterests(db, input.communityId); // the defaults first, so they keep their places
  return db.transaction(async (tx) => {
    // One interest per Chinese name: a removed one is brought back, a listed one is refused.
    const [same] = await tx
      .select({ id: volunteerInterests.id, archived: volunteerInterests.archived })
      .from(volunteerInterests)
      .where(and(eq(volunteerInterests.communityId, input.communityId), sql`${volunteerInterests.name}->>'zh-CN' = ${name["zh-CN"]}`))
      .for("update");
    if (same && !same.archived) return { ok: false, reason: "exists" } as const;
    const [row] = same
      ? await tx.update(volunteerInterests).set({ archived: false, name }).where(eq(volunteerInterests.id, same.id)).returning({ id: volunteerInterests.id })
      : await tx
          .insert(volunteerInterests)
          .values({
            communityId: input.communityId,
            code: `name:${name["zh-CN"]}`,
            name,
            position: sql`(select coalesce(max(position), -1) + 1 from ${volunteerInterests} where community_id = ${input.communityId})`,
          })
          .onConflictDoNothing()
          .returning({ id: volunteerInterests.id });
    if (!row) return { ok: false, reason: "exists" } as const;
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "interests.add",
      after: { zh: name["zh-CN"], en: name.en },
      at: input.at,
    });
    return { ok: true, interestId: row.id } as const;
  });
}

/**
 * Admins take an interest off the list new profiles choose from; profiles that have it keep it
 * (their history). Audited.
 */
export async function archiveInterest(db: Database, input: { interestId: number; communityId: number; actorId: number; at: Date }): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(volunteerInterests)
      .set({ archived: true })
      .where(and(eq(volunteerInterests.id, input.interestId), eq(volunteerInterests.communityId, input.communityId), eq(volunteerInterests.archived, false)))
      .returning({ name: volunteerInterests.name });
    if (!row) return { ok: false };
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "interests.archive",
      before: { zh: row.name["zh-CN"], en: row.name.en },
      at: input.at,
    });
    return { ok: true };
  });
}
