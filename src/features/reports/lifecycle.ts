import { reportStatuses, type ReportStatus } from "../../db/schema/reports.js";

/**
 * The report lifecycle, after the digital urban-management workflow (受理, 派遣, 处置, 反馈,
 * 核查, 结案): the one place that decides which moves are legal. Everything else asks here.
 */
export const reportActions = {
  /** Staff take the report on (受理). */
  accept: { from: ["new", "reopened"], to: "accepted" },
  /** Staff give it to an inspector (派遣); also a re-assignment. */
  assign: { from: ["new", "accepted", "assigned", "in_progress", "reopened"], to: "assigned" },
  /** The inspector starts work (处置). */
  start: { from: ["assigned"], to: "in_progress" },
  /** Fixed, with a note and usually an after-photo (反馈). */
  resolve: { from: ["accepted", "assigned", "in_progress"], to: "resolved" },
  /** The assignee gives it back to staff unfinished (wrong area, needs another team). */
  handBack: { from: ["assigned", "in_progress"], to: "accepted" },
  reject: { from: ["new", "accepted", "reopened"], to: "rejected" },
  markDuplicate: { from: ["new", "accepted", "assigned", "reopened"], to: "duplicate" },
  /** The reporter (or a second staff member) confirms the fix (核查结案). */
  close: { from: ["resolved"], to: "closed" },
  /** Not fixed after all, or staff reopen a closed, rejected or duplicate report. */
  reopen: { from: ["resolved", "closed", "rejected", "duplicate"], to: "reopened" },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus }>;

export type ReportAction = keyof typeof reportActions;

/** States after which nothing more is expected of anyone. */
export const finishedStatuses: readonly ReportStatus[] = ["closed", "rejected", "duplicate"];
/** Reports that still need work (used for duplicates, queues, overdue). */
export const openStatuses: readonly ReportStatus[] = reportStatuses.filter((s) => !finishedStatuses.includes(s) && s !== "resolved");

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ReportStatus,
    readonly action: ReportAction,
  ) {
    super(`A report in state "${from}" cannot ${action}`);
    this.name = "IllegalTransitionError";
  }
}

/** The state `action` leads to from `from`, or an IllegalTransitionError. */
export function nextStatus(from: ReportStatus, action: ReportAction): ReportStatus {
  const rule = reportActions[action];
  if (!(rule.from as readonly ReportStatus[]).includes(from)) throw new IllegalTransitionError(from, action);
  return rule.to;
}

/** Whether any action moves a report from one state to the other. */
export function canMove(from: ReportStatus, to: ReportStatus): boolean {
  return Object.values(reportActions).some((rule) => rule.to === to && (rule.from as readonly ReportStatus[]).includes(from));
}
