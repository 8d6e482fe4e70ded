import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reportCategories, type ReportCategory } from "../../db/schema/index.js";
import { pickTranslation, translatedFromLocales } from "../../translated.js";

/**
 * The categories a new community starts with, from the committee's own work: dirty corners
 * and garbage (卫生死角), the five public toilets (公厕), illegal sheds and stalls (乱搭店棚),
 * road occupied by business or waste (占道经营), pollution or noise. Names come from locales.
 */
export const defaultCategories = [
  { code: "dirty-spot", icon: "🗑️", deadlineHours: 24 },
  { code: "public-toilet", icon: "🚻", deadlineHours: 12 },
  { code: "illegal-structure", icon: "🏚️", deadlineHours: 72 },
  { code: "road-occupation", icon: "🚧", deadlineHours: 48 },
  { code: "pollution", icon: "🏭", deadlineHours: 48 },
  { code: "other", icon: "📝", deadlineHours: 72 },
] as const;

export type Translate = (locale: string, key: string) => string;

/** Gives a community the default categories unless it has some already. */
export async function seedDefaultCategories(db: Database, communityId: number, t: Translate): Promise<void> {
  await db
    .insert(reportCategories)
    .values(
      defaultCategories.map((c, i) => ({
        communityId,
        code: c.code,
        icon: c.icon,
        deadlineHours: c.deadlineHours,
        name: translatedFromLocales(t, `category-${c.code}`),
        sortOrder: i,
      })),
    )
    .onConflictDoNothing();
}

export function listActiveCategories(db: Database, communityId: number): Promise<ReportCategory[]> {
  return db
    .select()
    .from(reportCategories)
    .where(and(eq(reportCategories.communityId, communityId), eq(reportCategories.active, true)))
    .orderBy(asc(reportCategories.sortOrder), asc(reportCategories.id));
}

/** The category's name in the reader's language. */
export function categoryName(category: Pick<ReportCategory, "name">, locale: string): string {
  return pickTranslation(category.name, locale);
}
