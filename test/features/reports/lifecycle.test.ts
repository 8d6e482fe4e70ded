import { describe, expect, it } from "vitest";
import { reportStatuses, type ReportStatus } from "../../../src/db/schema/index.js";
import {
  canMove,
  finishedStatuses,
  IllegalTransitionError,
  nextStatus,
  openStatuses,
  reportActions,
  type ReportAction,
} from "../../../src/features/reports/lifecycle.js";

/**
 * The workflow, written out by hand (受理, 派遣, 处置, 反馈, 核查, 结案): for each action, the
 * states it may start from and the state it leads to. handBack (the assignee gives the report
 * back to staff) joined the eight original actions; a new action must be added here too.
 */
const rules: Record<ReportAction, { from: ReportStatus[]; to: ReportStatus }> = {
  accept: { from: ["new", "reopened"], to: "accepted" },
  assign: { from: ["new", "accepted", "assigned", "in_progress", "reopened"], to: "assigned" },
  start: { from: ["assigned"], to: "in_progress" },
  resolve: { from: ["accepted", "assigned", "in_progress"], to: "resolved" },
  handBack: { from: ["assigned", "in_progress"], to: "accepted" },
  reject: { from: ["new", "accepted", "reopened"], to: "rejected" },
  markDuplicate: { from: ["new", "accepted", "assigned", "reopened"], to: "duplicate" },
  close: { from: ["resolved"], to: "closed" },
  reopen: { from: ["resolved", "closed", "rejected", "duplicate"], to: "reopened" },
};
const actions = Object.keys(rules) as ReportAction[];

/** Which states one move can reach from each state: the same workflow, read by state. */
const reachable: Record<ReportStatus, ReportStatus[]> = {
  new: ["accepted", "assigned", "rejected", "duplicate"],
  accepted: ["assigned", "resolved", "rejected", "duplicate"],
  assigned: ["accepted", "assigned", "in_progress", "resolved", "duplicate"],
  in_progress: ["accepted", "assigned", "resolved"],
  resolved: ["closed", "reopened"],
  closed: ["reopened"],
  rejected: ["reopened"],
  duplicate: ["reopened"],
  reopened: ["accepted", "assigned", "rejected", "duplicate"],
};

it("knows exactly the nine states and the actions of the hand-written workflow", () => {
  expect([...reportStatuses]).toEqual(["new", "accepted", "assigned", "in_progress", "resolved", "closed", "rejected", "duplicate", "reopened"]);
  expect(Object.keys(reportActions).sort()).toEqual([...actions].sort());
});

it("the two hand-written tables agree with each other", () => {
  for (const from of reportStatuses) {
    const viaRules = [...new Set(actions.filter((a) => rules[a].from.includes(from)).map((a) => rules[a].to))].sort();
    expect(viaRules, from).toEqual([...reachable[from]].sort());
  }
});

describe("canMove over every ordered pair of states", () => {
  const pairs = reportStatuses.flatMap((from) => reportStatuses.map((to) => ({ from, to, expected: reachable[from].includes(to) })));

  it("covers 81 pairs, 25 of them legal", () => {
    expect(pairs).toHaveLength(81);
    expect(pairs.filter((p) => p.expected)).toHaveLength(25);
  });

  it.each(pairs)("$from → $to: $expected", ({ from, to, expected }) => {
    expect(canMove(from, to)).toBe(expected);
  });
});

describe("nextStatus for every state and every action", () => {
  const cases = reportStatuses.flatMap((from) =>
    actions.map((action) => ({ from, action, expected: rules[action].from.includes(from) ? rules[action].to : null })),
  );

  it.each(cases)("$action from $from → $expected", ({ from, action, expected }) => {
    if (expected !== null) {
      expect(nextStatus(from, action)).toBe(expected);
      return;
    }
    let thrown: unknown;
    try {
      nextStatus(from, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({ name: "IllegalTransitionError", from, action });
    expect((thrown as Error).message).toContain(from);
  });
});

it("splits the states into open, resolved (waiting for the reporter) and finished", () => {
  expect([...finishedStatuses].sort()).toEqual(["closed", "duplicate", "rejected"]);
  expect([...openStatuses].sort()).toEqual(["accepted", "assigned", "in_progress", "new", "reopened"]);
  // Every finished state can only be reopened; an open state can always move on without reopening.
  for (const s of finishedStatuses) expect(reachable[s]).toEqual(["reopened"]);
  for (const s of openStatuses) expect(reachable[s].length).toBeGreaterThan(0);
});
