import type { MembershipStatus } from "../../db/schema/index.js";
import { lifecycle } from "./transitions.js";

/**
 * How a request to join a team moves; the teams service asks here for every change.
 *
 *   (ask) pending ─┬─> approved ──> left  (the member leaves, stops being a volunteer, or the leader or staff remove them)
 *                  ├─> declined           (the leader or staff decline)
 *                  └─> withdrawn          (the person stops being a volunteer before a decision)
 */
export const membershipLifecycle = lifecycle<MembershipStatus, "approve" | "decline" | "withdraw" | "leave" | "remove">("team membership", {
  approve: { from: ["pending"], to: "approved" },
  decline: { from: ["pending"], to: "declined" },
  withdraw: { from: ["pending"], to: "withdrawn" },
  leave: { from: ["approved"], to: "left" },
  remove: { from: ["approved"], to: "left" },
});

export const NEW_MEMBERSHIP: MembershipStatus = "pending";
