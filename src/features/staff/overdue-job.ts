import { eq } from "drizzle-orm";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { communities } from "../../db/schema/index.js";
import type { Logger } from "../../logger.js";
import { enqueueMessages, type OutboxDraft } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime } from "../reports/views.js";
import { findCard } from "./cards.js";
import { taskOpen } from "./keyboards.js";
import { markOverdue, type OverdueReport } from "./overdue.js";
import { DEFAULT_TIMEZONE } from "../../time.js";

/**
 * 督办: when a report passes its deadline, the assignee is reminded in private and the staff
 * group is told once, as a reply to the report's card. The mark and the two messages are one
 * transaction: each overdue report is announced exactly once, whatever dies when.
 */
export function overdueSweep(deps: { db: Database; clock: Clock; logger: Logger }) {
  return async function sweep(): Promise<number> {
    let told = 0;
    for (;;) {
      const now = deps.clock.now();
      const marked = await deps.db.transaction(async (tx) => {
        const batch = await markOverdue(tx, now);
        const drafts: OutboxDraft[] = [];
        for (const report of batch) drafts.push(...(await overdueNotices(tx, report)));
        await enqueueMessages(tx, drafts, now);
        return batch.length;
      });
      if (marked === 0) return told;
      told += marked;
    }
  };
}

async function overdueNotices(tx: Database, report: OverdueReport): Promise<OutboxDraft[]> {
  const [community] = await tx
    .select({ timezone: communities.timezone, groupId: communities.staffGroupChatId })
    .from(communities)
    .where(eq(communities.id, report.communityId));
  const number = formatReportNumber(report.number);
  const vars = { number, due: formatTime(report.deadlineAt, community?.timezone ?? DEFAULT_TIMEZONE) };
  const drafts: OutboxDraft[] = [];
  if (report.assigneeId !== null) {
    const buttons = [[{ key: "task-open", vars: { number }, data: taskOpen.pack({ id: report.reportId }) }]];
    drafts.push(notice(report.assigneeId, { key: "overdue-assignee", vars, buttons }));
  }
  if (community?.groupId) {
    const card = await findCard(tx, report.reportId);
    drafts.push(notice(community.groupId, { key: "overdue-group", vars, ...(card ? { replyTo: card.messageId } : {}) }));
  }
  return drafts;
}
