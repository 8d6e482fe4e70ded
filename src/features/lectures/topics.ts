import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { lecturePreferences, lectureSubscriptions, lectureTopics } from "../../db/schema/index.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { cleanTranslated, pickTranslation, type Translated } from "../../translated.js";

/** What a new community starts with; admins keep the list from there. */
export const DEFAULT_TOPICS: readonly Translated[] = [
  { "zh-CN": "法律", en: "Law" },
  { "zh-CN": "交通安全", en: "Traffic safety" },
  { "zh-CN": "健康", en: "Health" },
  { "zh-CN": "防诈骗", en: "Fraud prevention" },
  { "zh-CN": "垃圾分类", en: "Waste sorting" },
  { "zh-CN": "文明公约", en: "Civic code" },
];

/** A topic's name is at most this long in either language (it is a button label). */
export const TOPIC_NAME_MAX = 30;

export interface Topic {
  id: number;
  /** Locale → name (see pickTranslation). */
  name: Translated;
}

/** The name in the reader's language. */
export const topicName = (topic: { name: Translated }, locale: string): string => pickTranslation(topic.name, locale);

/** The community's topics in their order; the defaults are added the first time a community has none. */
export async function listTopics(db: Database, communityId: number, at: Date): Promise<Topic[]> {
  const read = () =>
    db
      .select({ id: lectureTopics.id, name: lectureTopics.name })
      .from(lectureTopics)
      .where(and(eq(lectureTopics.communityId, communityId), isNull(lectureTopics.removedAt)))
      .orderBy(asc(lectureTopics.position), asc(lectureTopics.id));
  const found = await read();
  if (found.length > 0) return found;
  // Admins who removed every topic chose an empty list: only a community that never had one is seeded.
  if ((await db.$count(lectureTopics, eq(lectureTopics.communityId, communityId))) > 0) return found;
  await db
    .insert(lectureTopics)
    .values(DEFAULT_TOPICS.map((name, position) => ({ communityId, name, position, createdAt: at })))
    .onConflictDoNothing();
  return read();
}

export type AddTopicResult = { ok: true; topicId: number } | { ok: false; reason: "empty" | "too-long" | "exists" };

/** Adds a topic at the end of the list; a live topic of the same Chinese name is refused. */
export async function addTopic(db: Database, input: { communityId: number; name: Translated; at: Date }): Promise<AddTopicResult> {
  const cleaned = cleanTranslated(input.name, TOPIC_NAME_MAX);
  if (!cleaned.ok) return cleaned;
  await listTopics(db, input.communityId, input.at); // the defaults first, so they keep their places
  const [row] = await db
    .insert(lectureTopics)
    .values({
      communityId: input.communityId,
      name: cleaned.text,
      position: sql`(select coalesce(max(position), -1) + 1 from ${lectureTopics} where community_id = ${input.communityId})`,
      createdAt: input.at,
    })
    .onConflictDoNothing()
    .returning({ id: lectureTopics.id });
  return row ? { ok: true, topicId: row.id } : { ok: false, reason: "exists" };
}

/** Outbox key: one "topic removed" notice per topic and person. */
const removedNoticeKey = (topicId: number, userId: number) => `topic-removed/${topicId}/${userId}`;

/**
 * Removes a topic: its subscribers are told (in their language, through the outbox) and their
 * subscriptions to it go, in one transaction; lectures that had it keep it in their history.
 */
export async function removeTopic(
  db: Database,
  input: { topicId: number; communityId: number; at: Date },
): Promise<{ ok: true; told: number } | { ok: false; reason: "not-found" }> {
  return db.transaction(async (tx) => {
    const [topic] = await tx
      .update(lectureTopics)
      .set({ removedAt: input.at })
      .where(and(eq(lectureTopics.id, input.topicId), eq(lectureTopics.communityId, input.communityId), isNull(lectureTopics.removedAt)))
      .returning();
    if (!topic) return { ok: false, reason: "not-found" } as const;
    const gone = await tx.delete(lectureSubscriptions).where(eq(lectureSubscriptions.topicId, topic.id)).returning({ userId: lectureSubscriptions.userId });
    await enqueueMessages(
      tx,
      gone.map((s) =>
        notice(
          s.userId,
          { key: "lectures-topic-removed", vars: { zh: topic.name["zh-CN"] ?? "", en: topic.name.en ?? "" } },
          { dedupeKey: removedNoticeKey(topic.id, s.userId) },
        ),
      ),
      input.at,
    );
    return { ok: true, told: gone.length } as const;
  });
}

export interface Subscriptions {
  allTopics: boolean;
  topicIds: number[];
  asked: boolean;
}

export async function subscriptionsOf(db: Database, userId: number, communityId: number): Promise<Subscriptions> {
  const [pref] = await db
    .select()
    .from(lecturePreferences)
    .where(and(eq(lecturePreferences.userId, userId), eq(lecturePreferences.communityId, communityId)));
  const topics = await db
    .select({ id: lectureSubscriptions.topicId })
    .from(lectureSubscriptions)
    .innerJoin(lectureTopics, eq(lectureTopics.id, lectureSubscriptions.topicId))
    .where(and(eq(lectureSubscriptions.userId, userId), eq(lectureTopics.communityId, communityId), isNull(lectureTopics.removedAt)));
  return { allTopics: pref?.allTopics ?? false, topicIds: topics.map((t) => t.id), asked: pref?.askedAt != null };
}

/** Subscribes to a live topic of the community, or stops it; false when there is no such topic. */
export async function toggleTopic(db: Database, input: { userId: number; communityId: number; topicId: number; at: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [topic] = await tx
      .select({ id: lectureTopics.id })
      .from(lectureTopics)
      .where(and(eq(lectureTopics.id, input.topicId), eq(lectureTopics.communityId, input.communityId), isNull(lectureTopics.removedAt)));
    if (!topic) return false;
    const removed = await tx
      .delete(lectureSubscriptions)
      .where(and(eq(lectureSubscriptions.userId, input.userId), eq(lectureSubscriptions.topicId, topic.id)))
      .returning();
    if (removed.length === 0)
      await tx.insert(lectureSubscriptions).values({ userId: input.userId, topicId: topic.id, createdAt: input.at }).onConflictDoNothing();
    return true;
  });
}

/** Every lecture, or only the chosen topics'. Answering also counts as having been asked. */
export async function setAllTopics(db: Database, input: { userId: number; communityId: number; on: boolean; at: Date }): Promise<void> {
  await db
    .insert(lecturePreferences)
    .values({ userId: input.userId, communityId: input.communityId, allTopics: input.on, askedAt: input.at, updatedAt: input.at })
    .onConflictDoUpdate({
      target: [lecturePreferences.userId, lecturePreferences.communityId],
      set: { allTopics: input.on, askedAt: sql`coalesce(${lecturePreferences.askedAt}, ${input.at.toISOString()}::timestamptz)`, updatedAt: input.at },
    });
}

/** No more announcements at all: every topic and "all lectures" stop. */
export async function unsubscribeAll(db: Database, input: { userId: number; communityId: number; at: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(lectureSubscriptions)
      .where(
        and(
          eq(lectureSubscriptions.userId, input.userId),
          sql`${lectureSubscriptions.topicId} in (select id from ${lectureTopics} where community_id = ${input.communityId})`,
        ),
      )
      .returning();
    await setAllTopics(tx, { ...input, on: false });
    return gone.length;
  });
}

/**
 * True the first time only: a resident is asked once whether they want announcements. Claimed
 * in one statement, so two /start at once ask once.
 */
export async function claimOptInQuestion(db: Database, input: { userId: number; communityId: number; at: Date }): Promise<boolean> {
  const rows = await db
    .insert(lecturePreferences)
    .values({ userId: input.userId, communityId: input.communityId, askedAt: input.at, updatedAt: input.at })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}
