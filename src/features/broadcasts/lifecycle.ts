import type { BroadcastStatus } from "../../db/schema/index.js";

/**
 * The broadcast lifecycle, in one place:
 *
 *   scheduled ──start──▶ sending ──finish──▶ done
 *       │                   │
 *       └──────cancel───────┴──────▶ cancelled
 *
 * "Send now" is a broadcast scheduled for now. Quiet hours and sender takeovers are not states:
 * a sending broadcast has a resume time and a lease (see sender.ts).
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

/** Statuses a sender may work on. */
export const openStatuses: readonly BroadcastStatus[] = ["scheduled", "sending"];
