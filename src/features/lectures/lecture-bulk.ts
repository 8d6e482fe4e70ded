import type { Database } from "../../db/client.js";
import { sendBulk, type BulkRules } from "../broadcasts/bulk.js";

/**
 * A lecture's message to these people (its announcement, its materials) through sendBulk, as the
 * staff member who pressed started it: the lecture's title as the label staff see in
 * /broadcasts, progress in their chat, sent now at the bot's pace. `clientKey` makes a second
 * press of the same thing send nothing twice.
 */
export function sendToLectureAudience(
  tx: Database,
  started: { communityId: number; staffId: number; at: Date; rules: BulkRules },
  message: { title: string; clientKey: string; kind: string; payload: unknown; people: readonly number[] },
): ReturnType<typeof sendBulk> {
  return sendBulk(tx, {
    communityId: started.communityId,
    createdBy: started.staffId,
    label: message.title,
    urgent: false,
    runAt: started.at,
    progressChatId: started.staffId,
    clientKey: message.clientKey,
    recipients: message.people.map((userId) => ({ userId, kind: message.kind, payload: message.payload })),
    rules: started.rules,
    at: started.at,
  });
}
