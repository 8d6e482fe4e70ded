import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import {
  auditLog,
  broadcasts,
  conversationStates,
  processedUpdates,
  dailyRecords,
  outboxMessages,
  patrolPoints,
  patrols,
  reportCards,
  reportEvents,
  reports,
  userRoles,
  users,
} from "../../db/schema/index.js";

export interface ForgetResult {
  reportsAnonymised: number;
  /**
   * Reports whose staff-group card showed the person (as reporter, assignee or last actor):
   * the caller re-renders them, since the service sends nothing to Telegram.
   */
  cardsToRefresh: number[];
}

/** Keys of audit before/after values that hold a user id (area.responsible, invite.redeem). */
const AUDIT_PERSON_KEYS = ["userId", "invitedBy"] as const;

/**
 * /forget: what is the person's goes; what is the community's stays, without them. One
 * transaction, every table of db/schema (a new table that holds user ids belongs here):
 *  - users: deleted; the FK cascade takes user_roles (their roles) and report_supporters
 *    (their +1s: the count on those reports drops).
 *  - conversation_states: deleted in every chat (key `${chatId}:${userId}`): what they typed.
 *  - outbox_messages to them or about them: deleted (below), among them the broadcasts that
 *    reached them: which notices they got is theirs; the broadcasts and their figures (counted
 *    from the remaining rows) stay.
 *  - patrol_points: deleted: the route is where one person walked and when. The patrols stay
 *    (the day's figures and the findings point at them), ended now if still open, since
 *    nobody can end it any more.
 *  - reports they filed: kept, anonymised (reporter unset, anonymous): the community still
 *    follows the problem up. Description, photos, voice messages and "not fixed" notes stay as
 *    the problem's record, as /forget tells them beforehand (a voice message is still their voice).
 *  - Other references, unset so the record stays without the person: the FK columns do it on
 *    delete (reports.assignee_id, report_events.actor_id, report_ratings.user_id, invites,
 *    deadline_extensions, patrols.inspector_id, areas.responsible_user_id, broadcasts.created_by);
 *    the columns without an FK are unset here alike (reports.resolved_by, broadcasts.cancelled_by,
 *    user_roles.granted_by). A broadcast they started stops reporting progress to their chat.
 *  - daily_records: the stored figures keep every number; their id and name leave the patrol lines.
 *  - audit_log: no entry is deleted or changes what, when or where; the person's id is blanked
 *    where an entry names them (actor, subject `user:<id>`, the keys above), as report_events'
 *    FK does for report transitions, and one "user.forget" entry per community records how many
 *    entries were blanked, so the trail shows its own rewrite. Left as is, the id would tie those
 *    entries to whoever writes from that Telegram account next.
 *  - Nothing of the person in: communities, report_categories, report_counters, report_photos,
 *    report_cards (refreshed by the caller), response_templates, jobs (payloads hold no user
 *    ids). The update intake's tables have no user column; an update's payload is theirs to clear.
 */
export async function forgetUser(
  db: Database,
  userId: number,
  at: Date,
  /** Inside the transaction: re-render the staff cards that showed them (outbox messages). */
  refreshCards?: (tx: Database, reportIds: number[], at: Date) => Promise<void>,
): Promise<ForgetResult> {
  const id = sql`${userId}::bigint`;
  return db.transaction(async (tx) => {
    // Read before the links are cut: afterwards nothing says which cards showed them.
    const cards = await queryRows<{ report_id: number }>(
      tx,
      sql`select c.report_id from ${reportCards} c join ${reports} r on r.id = c.report_id
          where (r.reporter_id = ${id} and not r.anonymous) or r.assignee_id = ${id}
          union
          select c.report_id from ${reportCards} c
          join (select distinct on (e.report_id) e.report_id, e.actor_id, e.to_status from ${reportEvents} e
                where e.report_id in (select report_id from ${reportEvents} where actor_id = ${id})
                order by e.report_id, e.created_at desc, e.id desc) last on last.report_id = c.report_id
          -- The card names the last event's actor, unless that event is the filing itself.
          where last.actor_id = ${id} and last.to_status <> 'new'
          order by 1`,
    );

    const anonymised = await tx.update(reports).set({ reporterId: null, anonymous: true }).where(eq(reports.reporterId, userId)).returning({ id: reports.id });
    await tx.update(reports).set({ resolvedBy: null }).where(eq(reports.resolvedBy, userId));

    // Equality on the key's user part, not a LIKE pattern: exact for any chat id (negative group
    // ids, "none") and unaffected by ids that share digits.
    await tx.delete(conversationStates).where(sql`split_part(${conversationStates.key}, ':', 2) = ${String(userId)}`);

    // Updates of theirs still waiting for a retry, or parked, hold what they wrote: they are
    // closed without running (a retry would make them a user again). The update running now
    // (this /forget) drops its copy when it is done.
    await tx.execute(
      sql`update ${processedUpdates} set status = 'done', payload = null, chat_key = null
          where status in ('received', 'failed', 'parked') and payload is not null
            and ${String(userId)} in (payload #>> '{message,from,id}', payload #>> '{edited_message,from,id}',
                                      payload #>> '{callback_query,from,id}', payload #>> '{my_chat_member,from,id}')`,
    );
    await tx.update(broadcasts).set({ cancelledBy: null }).where(eq(broadcasts.cancelledBy, userId));
    // A private chat's id is the user's id.
    await tx.update(broadcasts).set({ progressChatId: null, progressMessageId: null, progressLocale: null }).where(eq(broadcasts.progressChatId, userId));
    await tx.update(userRoles).set({ grantedBy: null }).where(eq(userRoles.grantedBy, userId));

    const theirPatrols = tx.select({ id: patrols.id }).from(patrols).where(eq(patrols.inspectorId, userId));
    await tx.delete(patrolPoints).where(inArray(patrolPoints.patrolId, theirPatrols));
    await tx
      .update(patrols)
      .set({ endedAt: at })
      .where(and(eq(patrols.inspectorId, userId), isNull(patrols.endedAt)));
    await tx.execute(sql`
      update ${dailyRecords} d set figures = jsonb_set(d.figures, '{patrols}', (
        select jsonb_agg(case when p -> 'inspectorId' = to_jsonb(${id})
                              then p || '{"inspectorId": null, "inspectorName": null}'::jsonb else p end order by n)
        from jsonb_array_elements(d.figures -> 'patrols') with ordinality as e(p, n)))
      where d.figures -> 'patrols' @> jsonb_build_array(jsonb_build_object('inspectorId', ${id}))`);

    const subject = `user:${userId}`;
    const mentions = (column: SQL) =>
      sql.join(
        AUDIT_PERSON_KEYS.map((key) => sql`${column} -> ${key}::text = to_jsonb(${id})`),
        sql` or `,
      );
    const blank = (column: SQL) =>
      AUDIT_PERSON_KEYS.reduce<SQL>(
        (value, key) =>
          sql`case when ${value} -> ${key}::text = to_jsonb(${id}) then jsonb_set(${value}, array[${key}::text], 'null'::jsonb) else ${value} end`,
        column,
      );
    await tx.execute(sql`
      with blanked as (
        update ${auditLog} set actor_id = nullif(actor_id, ${id}),
                               subject = nullif(subject, ${subject}),
                               "before" = ${blank(sql`"before"`)},
                               "after" = ${blank(sql`"after"`)}
        where actor_id = ${id} or subject = ${subject} or ${mentions(sql`"before"`)} or ${mentions(sql`"after"`)}
        returning community_id
      )
      insert into ${auditLog} (community_id, action, "after", at)
      select community_id, 'user.forget', jsonb_build_object('entries', count(*)), ${at.toISOString()}::timestamptz
      from blanked group by community_id`);

    // Messages to them not sent yet, and those sent (their payloads may quote the person). A
    // broadcast's total counts them no more either: its figures come from its rows, and a row
    // gone under a total kept would read as a recipient skipped as unreachable.
    const theirs = or(eq(outboxMessages.userId, userId), eq(outboxMessages.chatId, userId));
    await tx.execute(sql`update ${broadcasts} b set total = b.total - gone.n
        from (select bulk_id, count(*)::int as n from ${outboxMessages} where ${theirs} and bulk_id is not null group by bulk_id) gone
        where b.id = gone.bulk_id and b.total is not null`);
    await tx.delete(outboxMessages).where(theirs);
    await tx.delete(users).where(eq(users.id, userId));
    const cardsToRefresh = cards.map((c) => c.report_id);
    await refreshCards?.(tx, cardsToRefresh, at);
    return { reportsAnonymised: anonymised.length, cardsToRefresh };
  });
}
