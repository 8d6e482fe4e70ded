import type { I18n } from "@grammyjs/i18n";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Community } from "./db/schema/index.js";
import { DEFAULT_COMMUNITY_SLUG, ensureCommunity } from "./features/accounts/service.js";
import { seedDefaultCategories } from "./features/reports/categories.js";
import { seedDefaultTemplates } from "./features/staff/templates.js";

/**
 * The default community as config describes it, with the report categories and standard
 * replies a new community starts with (their words from locales). Safe to run on every start.
 * Start-up work beside app.ts, not in db/: it calls three features, and db/ knows none.
 */
export async function prepareDefaultCommunity(
  db: Database,
  config: Pick<Config, "COMMUNITY_NAME" | "COMMUNITY_TIMEZONE">,
  i18n: Pick<I18n, "t">,
): Promise<Community> {
  const home = await ensureCommunity(db, { slug: DEFAULT_COMMUNITY_SLUG, name: config.COMMUNITY_NAME, timezone: config.COMMUNITY_TIMEZONE });
  const t = (locale: string, key: string) => i18n.t(locale, key);
  await seedDefaultCategories(db, home.id, t);
  await seedDefaultTemplates(db, home.id, t);
  return home;
}
