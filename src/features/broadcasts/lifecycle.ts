import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { broadcasts, type Broadcast, type BroadcastStatus } from "../../db/schema/index.js";

/**
 * The broadcast lifecycle, in one place:
 *
 *   scheduled ──start──▶ sending ──finish──▶ done
 *       │                   │
 *       └──────cancel───────┴──────▶ cancelled
 *
 * "Send now" is a broadcast scheduled for now. Quiet hours are not a state: the recipients'
 * outbox rows wait for the end of them (their run_at). Every status change goes through move().
 */
export const transitions = {
  start: { from: ["scheduled"], to: "sending" },
  finish: { from: ["sending"], to: "done" },
  cancel: { from: ["scheduled", "sending"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly BroadcastStatus[]; to: BroadcastStatus }>;

export type BroadcastAction = keyof typeof transitions;

export function canMove(action: BroadcastAction, from: BroadcastStatus): boolean {
  return (transitions[action].from as readonly BroadcastStatus[]).includes(from);
}

/** What a move may record beside the status. */
type MoveFields = Partial<Pick<Broadcast, "total" | "cancelledBy">>;

/**
 * Makes the move in one conditional UPDATE: undefined when the broadcast is not in a state the
 * action starts from (another instance moved it first, or it was stopped). Runs in the caller's
 * transaction, so the rows written with the move exist exactly when it does.
 */
export async function move(db: Database, id: number, action: BroadcastAction, at: Date, fields: MoveFields = {}): Promise<Broadcast | undefined> {
  const t = transitions[action];
  const stamp = action === "start" ? { startedAt: at } : { finishedAt: at };
  const [row] = await db
    .update(broadcasts)
    .set({ status: t.to, ...stamp, ...fields })
    .where(and(eq(broadcasts.id, id), inArray(broadcasts.status, [...t.from])))
    .returning();
  return row;
}
