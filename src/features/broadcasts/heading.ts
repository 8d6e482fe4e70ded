import { and, eq, inArray } from "drizzle-orm";
import type { MessageEntity } from "grammy/types";
import type { Database } from "../../db/client.js";
import { communities, userRoles } from "../../db/schema/index.js";
import type { Translate } from "../../i18n.js";
import type { BroadcastContent } from "./service.js";

/** Who a staff notice is from, as its heading names them. */
export interface NoticeSource {
  community: string;
  role: "staff" | "admin";
}

const TEXT_MAX = 4096;
const CAPTION_MAX = 1024;

/** The community's name and the author's role there (admin over staff; staff when they are gone). */
export async function noticeSource(db: Database, communityId: number, authorId: number | null): Promise<NoticeSource> {
  const [community] = await db.select({ name: communities.name }).from(communities).where(eq(communities.id, communityId));
  const roles =
    authorId === null
      ? []
      : await db
          .select({ role: userRoles.role })
          .from(userRoles)
          .where(and(eq(userRoles.userId, authorId), eq(userRoles.communityId, communityId), inArray(userRoles.role, ["admin", "staff"])));
  return { community: community?.name ?? "", role: roles.some((r) => r.role === "admin") ? "admin" : "staff" };
}

/**
 * What staff wrote under a bold heading in the reader's language ("📢 社区通知 · 幸福社区（社区工作人员）"):
 * the recipient sees at once that it is the community's notice, and who sends it. The entities
 * staff made move along with the text.
 */
export function withHeading(t: Translate, content: BroadcastContent, source: NoticeSource): { text: string; entities: MessageEntity[] } {
  const body = content.kind === "text" ? content.text : content.caption;
  const entities = content.entities as MessageEntity[];
  const heading = t("broadcast-heading", { community: source.community, role: t(`role-${source.role}`) });
  const shift = heading.length + 2;
  // A community name longer than the room the limits keep for it: the notice goes as written.
  if (body.length + shift > (content.kind === "text" ? TEXT_MAX : CAPTION_MAX)) return { text: body, entities };
  return {
    text: body.length > 0 ? `${heading}\n\n${body}` : heading,
    entities: [{ type: "bold", offset: 0, length: heading.length }, ...entities.map((e) => ({ ...e, offset: e.offset + shift }))],
  };
}
