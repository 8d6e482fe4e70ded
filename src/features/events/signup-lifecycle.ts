import type { SignupStatus } from "../../db/schema/events.js";

/**
 * How a sign-up moves: the one place that decides which moves are legal; the events service
 * asks here for every change and refuses what this refuses.
 *
 *   join ─┬─> confirmed ──> attended (check-in, or the organiser marks present)
 *         │        │   └──> no_show (the organiser marks absent; present again if they came)
 *         │        └──> cancelled (the person, or the event's cancellation)
 *         └─> waitlisted ──> offered (a seat freed) ──> confirmed (they take it)
 *                  │              └──> cancelled (they decline, or the offer runs out)
 *                  └──> cancelled
 */
export const signupActions = {
  /** A seat was free: the person holds it. */
  seat: { from: [null], to: "confirmed" },
  /** Full: they wait in arrival order. */
  wait: { from: [null], to: "waitlisted" },
  /** A seat freed up: the first waiting is asked to take it within a time. */
  offer: { from: ["waitlisted"], to: "offered" },
  accept: { from: ["offered"], to: "confirmed" },
  /** The person steps back, declines an offer, or lets it run out; the event is cancelled. */
  cancel: { from: ["confirmed", "waitlisted", "offered"], to: "cancelled" },
  checkIn: { from: ["confirmed", "no_show"], to: "attended" },
  markAbsent: { from: ["confirmed", "attended"], to: "no_show" },
} as const satisfies Record<string, { from: readonly (SignupStatus | null)[]; to: SignupStatus }>;

export type SignupAction = keyof typeof signupActions;

/** States that hold one of the slot's seats. */
export const seatHolding: readonly SignupStatus[] = ["confirmed", "offered", "attended", "no_show"];

export class IllegalSignupMove extends Error {
  constructor(
    readonly from: SignupStatus | null,
    readonly action: SignupAction,
  ) {
    super(`A sign-up in state "${from ?? "none"}" cannot ${action}`);
    this.name = "IllegalSignupMove";
  }
}

/** The state `action` leads to from `from` (null: no sign-up yet), or IllegalSignupMove. */
export function nextSignupStatus(from: SignupStatus | null, action: SignupAction): SignupStatus {
  const rule = signupActions[action];
  if (!(rule.from as readonly (SignupStatus | null)[]).includes(from)) throw new IllegalSignupMove(from, action);
  return rule.to;
}
