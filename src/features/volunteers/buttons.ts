import { CallbackData } from "../../bot/callback-data.js";

/** Staff decide an application from its card: decision a(pprove) or d(ecline). */
export const decideApplication = new CallbackData("vapp", ["id", "decision"]);
/** Steps of the profile conversation: toggle an interest or a free time, then done. */
export const toggleInterest = new CallbackData("vint", ["id"]);
export const toggleTime = new CallbackData("vtime", ["time"]);
export const stepDone = new CallbackData("vdone", []);
/** /profile's actions: edit, step down (asks first), and the answer to that question. */
export const profileAction = new CallbackData("vprof", ["action"]);
/** Teams: ask to join; pick a leader (staff); the leader's or staff's decision on a request. */
export const joinTeam = new CallbackData("tjoin", ["team"]);
export const pickLeader = new CallbackData("tlead", ["team", "user"]);
export const chooseLeader = new CallbackData("tleads", ["team"]);
export const decideMembership = new CallbackData("tdec", ["id", "decision"]);
/** /interests (admins): take an interest off the list, asked first: step ask or yes. */
export const interestArchive = new CallbackData("vinx", ["id", "step"]);
/** /myteam: remove a member (the leader or staff), asked first: step ask, yes or no. */
export const removeMember = new CallbackData("trm", ["id", "step"]);

/** "a" or "d" from a decision button, or undefined for anything forged. */
export function decisionOf(value: string | undefined): "approve" | "decline" | undefined {
  return value === "a" ? "approve" : value === "d" ? "decline" : undefined;
}
