import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventSignups, lectureRegistrations } from "../../../src/db/schema/index.js";
import { createLecture } from "../../../src/features/lectures/service.js";
import type { Emulator, MessageView, TgUser } from "../../../src/sandbox/emulator/index.js";
import type { TestDatabase } from "../../helpers/database.js";
import { createRehearsal } from "../../helpers/events.js";
import { createRuntimeWorld, eventually, forever, type RuntimeWorld } from "../../helpers/instances.js";

/*
 * A volunteer presses "sign up" (or a resident "register") and the polling instance dies after
 * the seat was written but before the answer; another instance takes over and runs the press
 * again. The person must still hear that they hold the seat (with their code) and get the
 * calendar file: before, the rerun met their own seat and answered "already signed up" in an
 * alert, so they were never told. A kill after the answer must not answer twice.
 */

let world: RuntimeWorld;
let database: TestDatabase;
let emulator: Emulator;
let volunteer: TgUser;
let communityId: number;

beforeEach(async () => {
  world = await createRuntimeWorld();
  database = world.database;
  emulator = world.server.emulator;
  volunteer = emulator.createUser({ first_name: "李叔叔", language_code: "zh-hans", started: true });
  communityId = (await database.db.query.communities.findFirst())!.id;
});

afterEach(() => world.tearDown());

const buttons = (m: MessageView) =>
  ((m.replyMarkup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();
const buttonWith = (m: MessageView, prefix: string) => buttons(m).find((b) => b.callback_data?.startsWith(prefix))?.callback_data;
const fromBot = () => emulator.messages(volunteer.id).filter((m) => m.fromBot);
const answers = (pattern: RegExp) => fromBot().filter((m) => pattern.test(m.text ?? ""));
const calendarFiles = () => fromBot().filter((m) => m.kind === "document");

/** The command's message carrying a button with this prefix. */
async function messageWithButton(command: string, prefix: string): Promise<{ message: MessageView; data: string }> {
  emulator.sendText(volunteer.id, command);
  const message = await eventually(() => fromBot().find((m) => buttonWith(m, prefix) !== undefined));
  return { message, data: buttonWith(message, prefix)! };
}

/** Presses with the first instance dying at `kill`, then a second instance takes over. */
async function pressThroughKill(command: string, prefix: string, kill: (reached: () => void) => Parameters<RuntimeWorld["start"]>[0]) {
  let reached!: () => void;
  const atKillPoint = new Promise<void>((resolve) => (reached = resolve));
  const first = await world.start(kill(() => reached()));
  const { message, data } = await messageWithButton(command, prefix);
  emulator.pressButton(volunteer.id, volunteer.id, message.messageId, data);
  await atKillPoint;
  first.kill();
  await world.start();
}

const hangOnPressAnswer = (reached: () => void) => ({
  // The seat is written; the press's own answer is the first call after it: the process dies there.
  hangCall: (method: string) => {
    if (method !== "answerCallbackQuery") return false;
    reached();
    return true;
  },
});

const seats = async (eventId: number) =>
  database.db
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), inArray(eventSignups.status, ["confirmed", "waitlisted"])));

describe("a sign-up press killed half-way is answered once, with the seat it wrote", () => {
  it("killed after the seat was written, before the answer: the rerun tells the volunteer and sends the calendar file", async () => {
    const now = new Date();
    const { eventId } = await createRehearsal(database.db, { communityId, startsAt: new Date(now.getTime() + 3 * 86_400_000), at: now }, 10, {
      audience: "everyone",
    });
    await pressThroughKill("/events", "evj:", hangOnPressAnswer);
    await eventually(() => answers(/报名成功|signed up/).length > 0 && calendarFiles().length > 0, 30_000);
    expect(answers(/报名成功|signed up/)).toHaveLength(1);
    expect(calendarFiles()).toHaveLength(1);
    expect(await seats(eventId)).toHaveLength(1);
  });

  it("a lecture registration killed before the answer: the rerun gives the resident the code of the seat held", async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() + 3 * 86_400_000);
    const created = await createLecture(
      database.db,
      {
        communityId,
        title: "法律讲座",
        topicId: null,
        speaker: "王律师",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        place: "二中",
        seats: 30,
        registrationRequired: true,
        duty: [],
        createdBy: null,
      },
      now,
    );
    if (!created.ok) throw new Error(created.reason);
    await pressThroughKill("/lectures", "lrg:", hangOnPressAnswer);
    const registered = await eventually(() => answers(/[A-HJ-NP-Z2-9]{4}/).at(0), 30_000);
    const [seat] = await seats(created.eventId);
    expect(seat).toBeDefined();
    const code = /([A-HJ-NP-Z2-9]{4})/.exec(registered.text ?? "")?.[1];
    const [stored] = await database.db.select().from(lectureRegistrations).where(eq(lectureRegistrations.signupId, seat!.id));
    expect(code).toBe(stored?.code);
    await eventually(() => calendarFiles().length > 0, 30_000);
    expect(answers(/[A-HJ-NP-Z2-9]{4}/)).toHaveLength(1);
  });

  it("killed after the answer, before the update was done: no second answer and no second calendar file", async () => {
    const now = new Date();
    const { eventId } = await createRehearsal(database.db, { communityId, startsAt: new Date(now.getTime() + 3 * 86_400_000), at: now }, 10, {
      audience: "everyone",
    });
    let armed = false;
    await pressThroughKill("/events", "evj:", (reached) => ({
      beforeComplete: async () => {
        if (armed || calendarFiles().length === 0) return;
        armed = true;
        reached();
        await forever();
      },
    }));
    // The second instance reruns the press; give it the time to (wrongly) answer again.
    const before = fromBot().length;
    emulator.sendText(volunteer.id, "/myevents");
    await eventually(() => fromBot().length > before && fromBot().at(-1)?.seq !== undefined && /腰鼓队排练/.test(fromBot().at(-1)?.text ?? ""), 30_000);
    expect(answers(/报名成功|signed up/)).toHaveLength(1);
    expect(calendarFiles()).toHaveLength(1);
    expect(await seats(eventId)).toHaveLength(1);
  });
});
