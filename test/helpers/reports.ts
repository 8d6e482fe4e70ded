import { desc, eq } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { reports } from "../../src/db/schema/index.js";
import type { Harness } from "./harness.js";
import type { UpdateFactory } from "./updates.js";

/**
 * A resident (English-speaking) files a report through the real /report conversation: the first
 * kind, "Garbage by the gate", a photo if asked, a point at `latitude`, 121.5, Confirm. Its id.
 */
export async function fileReport(
  h: Harness,
  db: Database,
  u: UpdateFactory,
  userId: number,
  latitude: number,
  options: { photo?: boolean } = {},
): Promise<number> {
  const user = u.user(userId, { languageCode: "en" });
  await h.send(u.command(user, "report"));
  await h.send(u.callback(user, h.telegram.lastButtons(userId)[0]!.data!));
  await h.send(u.text(user, "Garbage by the gate"));
  if (options.photo) await h.send(u.photo(user, { fileUniqueId: `g-${userId}-${latitude}` }));
  await h.send(u.callback(user, "rdone"));
  await h.send(u.location(user, latitude, 121.5));
  await h.send(u.callback(user, "rsum:confirm"));
  const [row] = await db.select().from(reports).where(eq(reports.reporterId, userId)).orderBy(desc(reports.id)).limit(1);
  return row!.id;
}
