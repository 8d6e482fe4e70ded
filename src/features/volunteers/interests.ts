import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { volunteerInterests, type TranslatedName } from "../../db/schema/index.js";
import { defaultLocale, type Locale } from "../../i18n.js";

/** What a new community starts with; admins keep the list from there. */
export const DEFAULT_INTERESTS: ReadonlyArray<{ code: string; name: TranslatedName }> = [
  { code: "drum", name: { "zh-CN": "腰鼓队", en: "Waist-drum team" } },
  { code: "lecture", name: { "zh-CN": "讲座值班", en: "Lecture duty" } },
  { code: "cleanup", name: { "zh-CN": "环境整治", en: "Clean-up days" } },
  { code: "civility", name: { "zh-CN": "文明劝导", en: "Civility guidance" } },
  { code: "elderly", name: { "zh-CN": "关爱老人", en: "Caring for the elderly" } },
];

/** The one place a translated name is read: the reader's language, else Chinese. */
export function pickName(name: TranslatedName, locale: string): string {
  return name[locale as Locale] || name[defaultLocale];
}

export interface Interest {
  id: number;
  name: TranslatedName;
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
