import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportEvents, reportPhotos, reports, reportStatuses, type Report, type ReportStatus } from "../../../src/db/schema/index.js";
import { ensureCommunity, grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { applyReportAction, ReportActionError, type ActionInput, type Actor, type ReportChange } from "../../../src/features/reports/actions.js";
import { seedDefaultCategories } from "../../../src/features/reports/categories.js";
import { reportActions, type ReportAction } from "../../../src/features/reports/lifecycle.js";
import type { ReportNotifier } from "../../../src/features/reports/notifier.js";
import { createReport, type PhotoRef } from "../../../src/features/reports/service.js";
import { createReportWorkflow } from "../../../src/features/reports/workflow.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeClock, seedDefaultCommunity } from "../../helpers/harness.js";

const T0 = new Date("2026-05-01T02:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

const ADMIN = 101;
const STAFF = 102;
const INSPECTOR = 103;
const INSPECTOR2 = 104;
const REPORTER = 105;
const STRANGER = 106;
const VOLUNTEER = 107;
const FOREIGN_STAFF = 108;
const FOREIGN_INSPECTOR = 109;

let database: TestDatabase;
let communityA: number;
let communityB: number;
let categoryA: number;
let categoryB: number;
/** An open report of community A that others may be marked a duplicate of. */
let original: { id: number; number: number };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  communityA = (await seedDefaultCommunity(db)).id;
  communityB = (await ensureCommunity(db, { slug: "east", name: "East", timezone: "Asia/Shanghai" })).id;
  await seedDefaultCategories(db, communityB, (_locale, key) => key);
  const at = days(-30);
  const people: Array<[number, "admin" | "staff" | "inspector" | "volunteer" | null, number]> = [
    [ADMIN, "admin", communityA],
    [STAFF, "staff", communityA],
    [INSPECTOR, "inspector", communityA],
    [INSPECTOR2, "inspector", communityA],
    [REPORTER, null, communityA],
    [STRANGER, null, communityA],
    [VOLUNTEER, "volunteer", communityA],
    [FOREIGN_STAFF, "staff", communityB],
    [FOREIGN_INSPECTOR, "inspector", communityB],
  ];
  for (const [id, role, community] of people) {
    await recordUser(db, { id, firstName: `user${id}` }, at);
    if (role) await grantRole(db, { userId: id, communityId: community, role, grantedBy: null, at });
  }
  categoryA = (await db.query.reportCategories.findFirst({ where: (c, { eq }) => eq(c.communityId, communityA) }))!.id;
  categoryB = (await db.query.reportCategories.findFirst({ where: (c, { eq }) => eq(c.communityId, communityB) }))!.id;
  const id = await newReport();
  original = { id, number: (await reportRow(id)).number };
});
afterAll(() => database.close());

let keys = 0;
/** Files a real report (number, first history row) through createReport. */
async function newReport(options: { reporter?: number; community?: "A" | "B" } = {}): Promise<number> {
  const inB = options.community === "B";
  const result = await createReport(
    database.db,
    {
      clientKey: `actions-${keys++}`,
      communityId: inB ? communityB : communityA,
      reporterId: options.reporter ?? REPORTER,
      categoryId: inB ? categoryB : categoryA,
      description: "Garbage by the gate",
      voiceFileId: null,
      photos: [],
      location: { latitude: 31.2, longitude: 121.4 },
      address: null,
      areaId: null,
      anonymous: false,
    },
    { dailyLimit: 100_000, duplicateRadiusMeters: 50, duplicateWindowDays: 14 },
    days(-1),
  );
  if (!result.ok) throw new Error(`createReport failed: ${result.reason}`);
  return result.reportId;
}

/** Puts a report into a state by writing the columns directly, as that state would leave them. */
async function putIn(id: number, status: ReportStatus, assignee = INSPECTOR): Promise<void> {
  const columns: Partial<typeof reports.$inferInsert> = { status };
  if (status === "assigned" || status === "in_progress") columns.assigneeId = assignee;
  if (status === "resolved" || status === "closed") Object.assign(columns, { resolvedAt: days(-1), resolvedBy: assignee });
  if (status === "closed") columns.closedAt = days(-1);
  if (status === "rejected") columns.rejectionReason = "not ours";
  if (status === "duplicate") columns.duplicateOfId = original.id;
  await database.db.update(reports).set(columns).where(eq(reports.id, id));
}

async function reportIn(status: ReportStatus, options: { reporter?: number; assignee?: number } = {}): Promise<number> {
  const id = await newReport(options);
  await putIn(id, status, options.assignee);
  return id;
}

async function reportRow(id: number): Promise<Report> {
  const [row] = await database.db.select().from(reports).where(eq(reports.id, id));
  return row!;
}
const eventsOf = (id: number) => database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id)).orderBy(asc(reportEvents.id));
const photosOf = (id: number) => database.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, id)).orderBy(asc(reportPhotos.id));
const snapshot = async (id: number) => ({ report: await reportRow(id), events: await eventsOf(id), photos: await photosOf(id) });

/** Runs `run` and returns the ReportActionError code it throws (fails the test if it does not throw one). */
async function errorCode(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(ReportActionError);
    return (error as ReportActionError).code;
  }
  throw new Error("expected a ReportActionError, but the action succeeded");
}

/** Expects the action to fail with `code` and to leave report, history and photos as they were. */
async function expectRefused(input: ActionInput, code: string, at = minutes(1)): Promise<void> {
  const before = await snapshot(input.reportId);
  expect(await errorCode(applyReportAction(database.db, input, at))).toBe(code);
  expect(await snapshot(input.reportId)).toEqual(before);
}

const photo = (name: string): PhotoRef => ({ fileId: `file-${name}`, fileUniqueId: `unique-${name}` });

/** An input with everything any action could need, so only legality decides. */
function fullInput(action: ReportAction, reportId: number, actor: Actor = { userId: ADMIN }): ActionInput {
  return {
    reportId,
    action,
    actor,
    note: `note for ${action}`,
    voiceFileId: action === "reopen" ? "voice-reopen" : undefined,
    assigneeId: action === "assign" ? INSPECTOR2 : undefined,
    duplicateOfId: action === "markDuplicate" ? original.id : undefined,
    photos: action === "resolve" || action === "reopen" ? [photo(`${action}-${reportId}`)] : undefined,
  };
}

const legal = (from: ReportStatus, action: ReportAction) => (reportActions[action].from as readonly ReportStatus[]).includes(from);

describe("every state × every action, by an admin", () => {
  const actions = Object.keys(reportActions) as ReportAction[];
  const cases = reportStatuses.flatMap((from) => actions.map((action) => ({ from, action, legal: legal(from, action) })));

  it.each(cases)("$action from $from (legal: $legal)", async ({ from, action, legal: isLegal }) => {
    const id = await reportIn(from);
    const input = fullInput(action, id);
    const at = minutes(cases.findIndex((c) => c.from === from && c.action === action) + 1);
    if (!isLegal) {
      await expectRefused(input, "illegal-transition", at);
      return;
    }
    const before = await snapshot(id);
    const to = reportActions[action].to;
    const change = await applyReportAction(database.db, input, at);
    expect(change).toMatchObject({
      reportId: id,
      number: before.report.number,
      communityId: communityA,
      action,
      from,
      to,
      actorId: ADMIN,
      note: `note for ${action}`,
      at: at.toISOString(),
    });

    // The row changes exactly as the action says, and nothing else does.
    const expected: Report = { ...before.report, status: to, updatedAt: at };
    if (action === "assign") expected.assigneeId = INSPECTOR2;
    if (action === "handBack") expected.assigneeId = null;
    if (action === "resolve") Object.assign(expected, { resolutionNote: "note for resolve", resolvedAt: at, resolvedBy: ADMIN });
    if (action === "reject") expected.rejectionReason = "note for reject";
    if (action === "markDuplicate") expected.duplicateOfId = original.id;
    if (action === "close") expected.closedAt = at;
    if (action === "reopen") Object.assign(expected, { resolvedAt: null, resolvedBy: null, closedAt: null, duplicateOfId: null });
    expect(await reportRow(id)).toEqual(expected);
    expect(change.assigneeId).toBe(expected.assigneeId);
    expect(change.duplicateOfNumber).toBe(action === "markDuplicate" ? original.number : null);

    // Exactly one history row, with from, to, actor and note.
    const events = await eventsOf(id);
    expect(events.slice(0, -1)).toEqual(before.events);
    expect(events.at(-1)).toMatchObject({
      reportId: id,
      actorId: ADMIN,
      fromStatus: from,
      toStatus: to,
      note: `note for ${action}`,
      voiceFileId: action === "reopen" ? "voice-reopen" : null,
      createdAt: at,
    });

    const photos = await photosOf(id);
    if (action === "resolve" || action === "reopen") {
      expect(photos.map((p) => [p.kind, p.fileId, p.fileUniqueId])).toEqual([
        [action === "resolve" ? "resolution" : "reopen", `file-${action}-${id}`, `unique-${action}-${id}`],
      ]);
    } else {
      expect(photos).toEqual(before.photos);
    }
  });
});

it("drives one report through every state by legal actions only, one history row each", async () => {
  const db = database.db;
  const id = await newReport();
  const steps: Array<[ActionInput, ReportStatus]> = [
    [{ reportId: id, action: "accept", actor: { userId: STAFF } }, "accepted"],
    [{ reportId: id, action: "assign", actor: { userId: STAFF }, assigneeId: INSPECTOR }, "assigned"],
    [{ reportId: id, action: "start", actor: { userId: INSPECTOR } }, "in_progress"],
    [{ reportId: id, action: "resolve", actor: { userId: INSPECTOR }, note: "cleared" }, "resolved"],
    [{ reportId: id, action: "close", actor: { userId: REPORTER } }, "closed"],
    [{ reportId: id, action: "reopen", actor: { userId: STAFF } }, "reopened"],
    [{ reportId: id, action: "reject", actor: { userId: STAFF }, note: "private land" }, "rejected"],
    [{ reportId: id, action: "reopen", actor: { userId: ADMIN } }, "reopened"],
    [{ reportId: id, action: "markDuplicate", actor: { userId: STAFF }, duplicateOfId: original.id }, "duplicate"],
  ];
  for (const [i, [input, to]] of steps.entries()) {
    await applyReportAction(db, input, minutes(i + 1));
    expect((await reportRow(id)).status).toBe(to);
  }
  const history = await eventsOf(id);
  expect(history.map((e) => [e.fromStatus, e.toStatus, e.actorId])).toEqual([
    [null, "new", REPORTER],
    ["new", "accepted", STAFF],
    ["accepted", "assigned", STAFF],
    ["assigned", "in_progress", INSPECTOR],
    ["in_progress", "resolved", INSPECTOR],
    ["resolved", "closed", REPORTER],
    ["closed", "reopened", STAFF],
    ["reopened", "rejected", STAFF],
    ["rejected", "reopened", ADMIN],
    ["reopened", "duplicate", STAFF],
  ]);
});

it("writes status and history in one transaction: a failure after the update leaves neither", async () => {
  const id = await reportIn("accepted");
  // A photo without a file id violates NOT NULL after the report row and the event were written.
  const broken = { fileId: null, fileUniqueId: "broken" } as unknown as PhotoRef;
  const before = await snapshot(id);
  await expect(
    applyReportAction(database.db, { reportId: id, action: "resolve", actor: { userId: STAFF }, note: "done", photos: [broken] }, minutes(1)),
  ).rejects.toThrow();
  expect(await snapshot(id)).toEqual(before);
});

it("reports an unknown report as not-found", async () => {
  expect(await errorCode(applyReportAction(database.db, { reportId: 987_654, action: "accept", actor: { userId: ADMIN } }, T0))).toBe("not-found");
});

describe("who may act", () => {
  it("a resident without a role (even the reporter) may not accept, assign, reject, mark duplicate, resolve, start or hand back", async () => {
    const cases: Array<[ReportAction, ReportStatus]> = [
      ["accept", "new"],
      ["assign", "new"],
      ["reject", "new"],
      ["markDuplicate", "new"],
      ["resolve", "accepted"],
      ["start", "assigned"],
      ["handBack", "assigned"],
    ];
    for (const actor of [REPORTER, STRANGER, VOLUNTEER]) {
      for (const [action, state] of cases) {
        const id = await reportIn(state);
        await expectRefused(fullInput(action, id, { userId: actor }), "forbidden");
      }
    }
  });

  it("an inspector may start and resolve (and hand back) a report assigned to them", async () => {
    const id = await reportIn("assigned", { assignee: INSPECTOR });
    await applyReportAction(database.db, { reportId: id, action: "start", actor: { userId: INSPECTOR } }, minutes(1));
    const change = await applyReportAction(
      database.db,
      { reportId: id, action: "resolve", actor: { userId: INSPECTOR }, note: "swept", photos: [photo(`insp-${id}`)] },
      minutes(2),
    );
    expect(change).toMatchObject({ from: "in_progress", to: "resolved", actorId: INSPECTOR });
    expect(await reportRow(id)).toMatchObject({ status: "resolved", resolutionNote: "swept", resolvedAt: minutes(2) });

    const direct = await reportIn("assigned", { assignee: INSPECTOR });
    await applyReportAction(database.db, { reportId: direct, action: "resolve", actor: { userId: INSPECTOR }, note: "quick fix" }, minutes(1));
    expect((await reportRow(direct)).status).toBe("resolved");

    const back = await reportIn("in_progress", { assignee: INSPECTOR });
    await applyReportAction(database.db, { reportId: back, action: "handBack", actor: { userId: INSPECTOR } }, minutes(1));
    expect(await reportRow(back)).toMatchObject({ status: "accepted", assigneeId: null });
  });

  it("an inspector may not start or resolve a report assigned to someone else, nor do staff work", async () => {
    for (const state of ["assigned", "in_progress"] as const) {
      const id = await reportIn(state, { assignee: INSPECTOR2 });
      if (state === "assigned") await expectRefused(fullInput("start", id, { userId: INSPECTOR }), "forbidden");
      await expectRefused(fullInput("resolve", id, { userId: INSPECTOR }), "forbidden");
      await expectRefused(fullInput("handBack", id, { userId: INSPECTOR }), "forbidden");
    }
    // Not assigned to anyone yet.
    await expectRefused(fullInput("resolve", await reportIn("accepted"), { userId: INSPECTOR }), "forbidden");
    // Staff work, even on a report assigned to the inspector.
    const mine = await reportIn("assigned", { assignee: INSPECTOR });
    await expectRefused(fullInput("assign", mine, { userId: INSPECTOR }), "forbidden");
    await expectRefused(fullInput("markDuplicate", mine, { userId: INSPECTOR }), "forbidden");
    for (const [action, state] of [
      ["accept", "new"],
      ["reject", "new"],
      ["close", "resolved"],
      ["reopen", "resolved"],
      ["reopen", "closed"],
    ] as const) {
      await expectRefused(fullInput(action, await reportIn(state, { assignee: INSPECTOR }), { userId: INSPECTOR }), "forbidden");
    }
    // An inspector of another community is nobody here.
    const foreign = await reportIn("assigned", { assignee: INSPECTOR });
    await expectRefused(fullInput("start", foreign, { userId: FOREIGN_INSPECTOR }), "forbidden");
  });

  it("staff and admins may take every action; staff of another community none", async () => {
    const start: Record<ReportAction, ReportStatus> = {
      accept: "new",
      assign: "accepted",
      start: "assigned",
      resolve: "in_progress",
      handBack: "in_progress",
      reject: "reopened",
      markDuplicate: "assigned",
      close: "resolved",
      reopen: "duplicate",
    };
    for (const actor of [STAFF, ADMIN]) {
      for (const [action, state] of Object.entries(start) as Array<[ReportAction, ReportStatus]>) {
        // Assigned to the other inspector, so the staff role (not being the assignee) is what allows it.
        const id = await reportIn(state, { assignee: INSPECTOR2 });
        const change = await applyReportAction(database.db, { ...fullInput(action, id, { userId: actor }), assigneeId: INSPECTOR }, minutes(1));
        expect(change).toMatchObject({ from: state, to: reportActions[action].to, actorId: actor });
        expect((await reportRow(id)).status).toBe(reportActions[action].to);
      }
    }
    for (const [action, state] of Object.entries(start) as Array<[ReportAction, ReportStatus]>) {
      await expectRefused(fullInput(action, await reportIn(state), { userId: FOREIGN_STAFF }), "forbidden");
    }
  });

  it("the reporter may close or reopen their own report, only while it is resolved", async () => {
    const closing = await reportIn("resolved");
    const closed = await applyReportAction(database.db, { reportId: closing, action: "close", actor: { userId: REPORTER } }, minutes(1));
    expect(closed).toMatchObject({ from: "resolved", to: "closed", actorId: REPORTER });
    expect(await reportRow(closing)).toMatchObject({ status: "closed", closedAt: minutes(1) });

    const reopening = await reportIn("resolved");
    await applyReportAction(
      database.db,
      {
        reportId: reopening,
        action: "reopen",
        actor: { userId: REPORTER },
        note: "  still smells  ",
        voiceFileId: "voice-1",
        photos: [photo("still-1"), photo("still-2")],
      },
      minutes(2),
    );
    expect(await reportRow(reopening)).toMatchObject({ status: "reopened", resolvedAt: null, resolvedBy: null, closedAt: null });
    expect((await eventsOf(reopening)).at(-1)).toMatchObject({
      actorId: REPORTER,
      fromStatus: "resolved",
      toStatus: "reopened",
      note: "still smells",
      voiceFileId: "voice-1",
    });
    expect((await photosOf(reopening)).map((p) => [p.kind, p.fileId])).toEqual([
      ["reopen", "file-still-1"],
      ["reopen", "file-still-2"],
    ]);

    // Someone else's resolved report.
    const others = await reportIn("resolved", { reporter: STRANGER });
    await expectRefused({ reportId: others, action: "close", actor: { userId: REPORTER } }, "forbidden");
    await expectRefused({ reportId: others, action: "reopen", actor: { userId: REPORTER }, note: "no" }, "forbidden");
    // Their own report, but not resolved (reopen would be legal for staff from these states).
    for (const state of ["closed", "rejected", "duplicate"] as const) {
      await expectRefused({ reportId: await reportIn(state), action: "reopen", actor: { userId: REPORTER }, note: "again" }, "forbidden");
    }
    for (const state of ["new", "accepted", "assigned", "in_progress"] as const) {
      await expectRefused({ reportId: await reportIn(state), action: "close", actor: { userId: REPORTER } }, "forbidden");
    }
  });

  it("the system may close a resolved report and may not accept, start, resolve, hand back, reject, mark duplicate or reopen", async () => {
    const id = await reportIn("resolved");
    const change = await applyReportAction(database.db, { reportId: id, action: "close", actor: "system" }, minutes(1));
    expect(change).toMatchObject({ from: "resolved", to: "closed", actorId: null });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ actorId: null, fromStatus: "resolved", toStatus: "closed" });

    const cases: Array<[ReportAction, ReportStatus]> = [
      ["accept", "new"],
      ["start", "assigned"],
      ["resolve", "in_progress"],
      ["handBack", "assigned"],
      ["reject", "new"],
      ["markDuplicate", "new"],
      ["reopen", "resolved"],
      ["reopen", "closed"],
    ];
    for (const [action, state] of cases) {
      await expectRefused(fullInput(action, await reportIn(state), "system"), "forbidden");
    }
  });
});

describe("validation", () => {
  it("resolve and reject need a note (blank does not count)", async () => {
    for (const action of ["resolve", "reject"] as const) {
      for (const note of [undefined, "", "   \n "]) {
        const id = await reportIn("accepted");
        await expectRefused({ reportId: id, action, actor: { userId: STAFF }, note }, "note-required");
      }
    }
    // Other actions go without one; the event's note is then null.
    const id = await reportIn("new");
    await applyReportAction(database.db, { reportId: id, action: "accept", actor: { userId: STAFF }, note: "  " }, minutes(1));
    expect((await eventsOf(id)).at(-1)).toMatchObject({ toStatus: "accepted", note: null });
  });

  it("assign needs an assignee holding inspector, staff or admin in the report's community", async () => {
    for (const assigneeId of [undefined, REPORTER, VOLUNTEER, FOREIGN_INSPECTOR, FOREIGN_STAFF, 999_999]) {
      const id = await reportIn("accepted");
      await expectRefused({ reportId: id, action: "assign", actor: { userId: STAFF }, assigneeId }, "assignee-invalid");
    }
    for (const assigneeId of [INSPECTOR, STAFF, ADMIN]) {
      const id = await reportIn("accepted");
      const change = await applyReportAction(database.db, { reportId: id, action: "assign", actor: { userId: STAFF }, assigneeId }, minutes(1));
      expect(change.assigneeId).toBe(assigneeId);
      expect(await reportRow(id)).toMatchObject({ status: "assigned", assigneeId });
    }
  });

  it("markDuplicate needs another, non-duplicate report of the same community", async () => {
    const duplicate = await reportIn("duplicate");
    const foreign = await newReport({ community: "B", reporter: STRANGER });
    const id = await reportIn("new");
    for (const duplicateOfId of [undefined, id, duplicate, foreign, 999_999]) {
      await expectRefused({ reportId: id, action: "markDuplicate", actor: { userId: STAFF }, duplicateOfId }, "duplicate-target-invalid");
    }
    const target = await reportIn("in_progress");
    const change = await applyReportAction(database.db, { reportId: id, action: "markDuplicate", actor: { userId: STAFF }, duplicateOfId: target }, minutes(1));
    expect(change.duplicateOfNumber).toBe((await reportRow(target)).number);
    expect(await reportRow(id)).toMatchObject({ status: "duplicate", duplicateOfId: target });
  });

  it("checks legality before the note: an illegal resolve without a note is illegal-transition", async () => {
    await expectRefused({ reportId: await reportIn("new"), action: "resolve", actor: { userId: STAFF } }, "illegal-transition");
  });
});

describe("resolve and reopen", () => {
  it("resolve stores the note, the time and the after-photos", async () => {
    const id = await reportIn("in_progress");
    const change = await applyReportAction(
      database.db,
      {
        reportId: id,
        action: "resolve",
        actor: { userId: STAFF },
        note: " Cleared and disinfected ",
        photos: [photo(`after-a-${id}`), photo(`after-b-${id}`)],
      },
      minutes(5),
    );
    expect(change).toMatchObject({ note: "Cleared and disinfected", photoFileIds: [`file-after-a-${id}`, `file-after-b-${id}`] });
    expect(await reportRow(id)).toMatchObject({ status: "resolved", resolutionNote: "Cleared and disinfected", resolvedAt: minutes(5), updatedAt: minutes(5) });
    const photos = await photosOf(id);
    expect(photos.map((p) => ({ kind: p.kind, fileId: p.fileId, createdAt: p.createdAt }))).toEqual([
      { kind: "resolution", fileId: `file-after-a-${id}`, createdAt: minutes(5) },
      { kind: "resolution", fileId: `file-after-b-${id}`, createdAt: minutes(5) },
    ]);
  });

  it("staff reopening a closed report clears resolved_at and closed_at", async () => {
    const id = await reportIn("closed");
    await applyReportAction(database.db, { reportId: id, action: "reopen", actor: { userId: STAFF } }, minutes(1));
    expect(await reportRow(id)).toMatchObject({ status: "reopened", resolvedAt: null, closedAt: null });
  });
});

/** A notifier that records each change together with the report's status as its transaction shows it. */
function recordingNotifier(fail = false) {
  const seen: Array<{ change: ReportChange; statusInDatabase: ReportStatus | undefined }> = [];
  const notifier: ReportNotifier = {
    reportFiled: async () => {},
    reportChanged: async (tx, change) => {
      const [row] = await tx.select({ status: reports.status }).from(reports).where(eq(reports.id, change.reportId));
      seen.push({ change, statusInDatabase: row?.status });
      if (fail) throw new Error("the outbox could not be written");
    },
  };
  return { notifier, seen };
}

describe("workflow", () => {
  it("tells the notifier inside the change's transaction, with the ReportChange", async () => {
    const clock = new FakeClock(minutes(30));
    const { notifier, seen } = recordingNotifier();
    const workflow = createReportWorkflow({ db: database.db, clock, notifier, logger: silentLogger });
    const id = await reportIn("new");
    const accepted = await workflow.accept(id, { userId: STAFF });
    clock.advance(60_000);
    await workflow.assign(id, { userId: STAFF }, INSPECTOR);
    await workflow.resolve(id, { userId: INSPECTOR }, "done", [photo(`wf-${id}`)]);
    expect(seen.map((s) => s.statusInDatabase)).toEqual(["accepted", "assigned", "resolved"]);
    expect(seen[0]!.change).toEqual(accepted);
    expect(seen.map((s) => s.change)).toMatchObject([
      { reportId: id, action: "accept", from: "new", to: "accepted", actorId: STAFF, assigneeId: null, at: minutes(30).toISOString() },
      { reportId: id, action: "assign", from: "accepted", to: "assigned", actorId: STAFF, assigneeId: INSPECTOR, at: minutes(31).toISOString() },
      { reportId: id, action: "resolve", from: "assigned", to: "resolved", actorId: INSPECTOR, note: "done", photoFileIds: [`file-wf-${id}`] },
    ]);
    // A refused action tells nobody.
    await expect(workflow.accept(id, { userId: STAFF })).rejects.toBeInstanceOf(ReportActionError);
    expect(seen).toHaveLength(3);
  });

  it("a notifier that cannot write its messages undoes the change: no change without its notices", async () => {
    const { notifier, seen } = recordingNotifier(true);
    const workflow = createReportWorkflow({ db: database.db, clock: new FakeClock(minutes(40)), notifier, logger: silentLogger });
    const id = await reportIn("new");
    const eventsBefore = await eventsOf(id);
    await expect(workflow.reject(id, { userId: STAFF }, "outside the community")).rejects.toThrow("the outbox could not be written");
    expect(seen).toHaveLength(1);
    expect(await reportRow(id)).toMatchObject({ status: "new", rejectionReason: null });
    expect(await eventsOf(id)).toEqual(eventsBefore);
  });

  it("autoCloseUnanswered closes only reports resolved more than `days` ago, as the system, and announces each", async () => {
    const ages: Array<[string, ReportStatus, Date | null]> = [
      ["long ago", "resolved", days(-10)],
      ["just over", "resolved", new Date(days(-3).getTime() - 60_000)],
      ["just under", "resolved", new Date(days(-3).getTime() + 60_000)],
      ["today", "resolved", minutes(-5)],
      ["not resolved", "in_progress", days(-10)],
      ["already closed", "closed", days(-10)],
    ];
    const ids: Record<string, number> = {};
    for (const [name, status, resolvedAt] of ages) {
      ids[name] = await reportIn(status);
      await database.db.update(reports).set({ resolvedAt }).where(eq(reports.id, ids[name]!));
    }
    const before = await snapshot(ids["already closed"]!);
    const { notifier, seen } = recordingNotifier();
    const clock = new FakeClock(T0);
    const workflow = createReportWorkflow({ db: database.db, clock, notifier, logger: silentLogger });

    const closed = await workflow.autoCloseUnanswered(3);
    expect(closed.map((c) => c.reportId).sort((a, b) => a - b)).toEqual([ids["long ago"]!, ids["just over"]!].sort((a, b) => a - b));
    for (const change of closed) expect(change).toMatchObject({ action: "close", from: "resolved", to: "closed", actorId: null, at: T0.toISOString() });
    expect(seen.map((s) => s.change)).toEqual(closed);
    for (const name of ["long ago", "just over"]) {
      expect(await reportRow(ids[name]!)).toMatchObject({ status: "closed", closedAt: T0 });
      expect((await eventsOf(ids[name]!)).at(-1)).toMatchObject({ actorId: null, fromStatus: "resolved", toStatus: "closed", createdAt: T0 });
    }
    for (const name of ["just under", "today"]) expect((await reportRow(ids[name]!)).status).toBe("resolved");
    expect((await reportRow(ids["not resolved"]!)).status).toBe("in_progress");
    expect(await snapshot(ids["already closed"]!)).toEqual(before);

    // Nothing more to do the second time.
    expect(await workflow.autoCloseUnanswered(3)).toEqual([]);
    expect(seen).toHaveLength(2);
  });

  it("two instances auto-closing at once close and announce each report once", async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) {
      const id = await reportIn("resolved");
      await database.db
        .update(reports)
        .set({ resolvedAt: days(-5) })
        .where(eq(reports.id, id));
      ids.push(id);
    }
    const one = recordingNotifier();
    const two = recordingNotifier();
    const clock = new FakeClock(T0);
    const [a, b] = await Promise.all([
      createReportWorkflow({ db: database.db, clock, notifier: one.notifier, logger: silentLogger }).autoCloseUnanswered(3),
      createReportWorkflow({ db: database.db, clock, notifier: two.notifier, logger: silentLogger }).autoCloseUnanswered(3),
    ]);
    expect([...a, ...b].map((c) => c.reportId).sort((x, y) => x - y)).toEqual(ids);
    expect(one.seen.length + two.seen.length).toBe(6);
    for (const id of ids) {
      expect((await eventsOf(id)).filter((e) => e.toStatus === "closed")).toHaveLength(1);
    }
  });
});

describe("concurrency", () => {
  it("two simultaneous identical actions on one report: one succeeds, one is illegal, one history row", async () => {
    const cases: Array<[ReportStatus, (id: number) => ActionInput]> = [
      ["new", (id) => ({ reportId: id, action: "accept", actor: { userId: STAFF } })],
      ["in_progress", (id) => ({ reportId: id, action: "resolve", actor: { userId: STAFF }, note: "done" })],
      ["resolved", (id) => ({ reportId: id, action: "close", actor: "system" })],
      ["new", (id) => ({ reportId: id, action: "reject", actor: { userId: ADMIN }, note: "no" })],
    ];
    for (const [state, input] of cases) {
      for (let round = 0; round < 3; round++) {
        const id = await reportIn(state);
        const before = (await eventsOf(id)).length;
        const results = await Promise.allSettled([
          applyReportAction(database.db, input(id), minutes(1)),
          applyReportAction(database.db, input(id), minutes(1)),
        ]);
        const fulfilled = results.filter((r) => r.status === "fulfilled");
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]!.reason).toBeInstanceOf(ReportActionError);
        expect(rejected[0]!.reason).toMatchObject({ code: "illegal-transition" });
        const events = await eventsOf(id);
        expect(events).toHaveLength(before + 1);
        expect(events.at(-1)).toMatchObject({ fromStatus: state, toStatus: reportActions[input(id).action].to });
      }
    }
  });

  it("two staff marking one report a duplicate at once: one wins, one history row", async () => {
    const id = await reportIn("accepted");
    const results = await Promise.allSettled([
      applyReportAction(database.db, { reportId: id, action: "markDuplicate", actor: { userId: STAFF }, duplicateOfId: original.id }, minutes(1)),
      applyReportAction(database.db, { reportId: id, action: "markDuplicate", actor: { userId: ADMIN }, duplicateOfId: original.id }, minutes(1)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const events = await database.db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, id), eq(reportEvents.toStatus, "duplicate")));
    expect(events).toHaveLength(1);
  });
});
