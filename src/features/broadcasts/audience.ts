import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { BroadcastAudience } from "../../db/schema/index.js";

export interface AudienceSpec {
  communityId: number;
  audience: BroadcastAudience;
  /** The area (audience "area"); later the topic or the event. */
  audienceRef?: number | null | undefined;
}

/** Roles that make up "inspectors and staff" (admins run the community, so they hear too). */
const TEAM_ROLES = sql`('inspector', 'staff', 'admin')`;

/**
 * The audience as SQL: `select user_id, blocked_at` over the community's members. Adding an
 * audience (topic subscribers, event participants) is adding a branch here; everything else
 * (counts, the recipients' outbox rows written at start) works on this query.
 */
export function audienceQuery(spec: AudienceSpec): SQL {
  const c = spec.communityId;
  switch (spec.audience) {
    case "all":
      return sql`select u.id as user_id, u.blocked_at from users u where u.community_id = ${c}`;
    case "volunteers":
      return sql`select u.id as user_id, u.blocked_at from users u
        where u.community_id = ${c}
          and exists (select 1 from user_roles r where r.user_id = u.id and r.community_id = ${c} and r.role = 'volunteer')`;
    case "team":
      return sql`select u.id as user_id, u.blocked_at from users u
        where u.community_id = ${c}
          and exists (select 1 from user_roles r where r.user_id = u.id and r.community_id = ${c} and r.role in ${TEAM_ROLES})`;
    case "area":
      // For now an area's residents are those whose latest report was in it.
      return sql`select u.id as user_id, u.blocked_at from users u
        join (select distinct on (reporter_id) reporter_id, area_id from reports
              where community_id = ${c} and reporter_id is not null
              order by reporter_id, created_at desc, id desc) latest on latest.reporter_id = u.id
        where u.community_id = ${c} and latest.area_id = ${spec.audienceRef ?? -1}`;
    case "topic":
    case "event":
    case "list":
      // Reserved: topic subscribers and event participants arrive with those features.
      return sql`select u.id as user_id, u.blocked_at from users u where false`;
  }
}

/** How many would receive it now (blocked users are skipped), and how many are in the audience. */
export async function countAudience(db: Database, spec: AudienceSpec): Promise<{ reachable: number; total: number }> {
  const [row] = await queryRows<{ reachable: number; total: number }>(
    db,
    sql`select (count(*) filter (where a.blocked_at is null))::int as reachable, count(*)::int as total from (${audienceQuery(spec)}) a`,
  );
  return { reachable: row?.reachable ?? 0, total: row?.total ?? 0 };
}
