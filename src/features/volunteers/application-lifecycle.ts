import type { ApplicationStatus } from "../../db/schema/index.js";
import { lifecycle } from "./transitions.js";

/**
 * How an application to become a volunteer moves; the volunteers service asks here for every change.
 *
 *   (apply) pending ─┬─> approved   (staff approve: the volunteer role is granted)
 *                    ├─> declined   (staff decline)
 *                    └─> withdrawn  (the person steps back before a decision)
 *
 * A decided application stays decided: a second press, by the same or another staff member, is refused.
 */
export const applicationLifecycle = lifecycle<ApplicationStatus, "approve" | "decline" | "withdraw">("volunteer application", {
  approve: { from: ["pending"], to: "approved" },
  decline: { from: ["pending"], to: "declined" },
  withdraw: { from: ["pending"], to: "withdrawn" },
});

/** The state a new application starts in. */
export const NEW_APPLICATION: ApplicationStatus = "pending";
