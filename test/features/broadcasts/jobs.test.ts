import { eq, sql } from "drizzle-orm";
import { Api } from "grammy";
import type { AppJobDeps } from "../../../src/jobs/app-jobs.js";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Clock } from "../../../src/clock.js";
import { broadcastRecipients, broadcasts, users } from "../../../src/db/schema/index.js";
import { readBroadcastConfig } from "../../../src/features/broadcasts/config.js";
import { broadcastJobs } from "../../../src/features/broadcasts/jobs.js";
import { realPace, type SenderDeps } from "../../../src/features/broadcasts/sender.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FakeClock, seedDefaultCommunity } from "../../helpers/harness.js";
import { fakePace, FakeTransport, i18n, newBroadcast, resetBroadcasts, seedResidents, STAFF, testConfig } from "./helpers.js";

let database: TestDatabase;
let home: number;
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  await database.db.insert(users).values({ id: STAFF, firstName: "Staff", firstSeenAt: new Date(), lastSeenAt: new Date() });
});
afterAll(() => database.close());
beforeEach(async () => {
  await resetBroadcasts(database.db);
  await database.db.delete(users).where(sql`id <> ${STAFF}`);
});

function instance(clock: Clock, transport: FakeTransport, sender: Partial<SenderDeps> = {}) {
  const jobs = broadcastJobs({
    db: database.db,
    clock,
    logger: silentLogger,
    api: { token: "1:x", options: {} },
    i18n,
    broadcast: testConfig(),
    sender: { transport, ...(clock instanceof FakeClock ? { pace: fakePace(clock) } : {}), ...sender },
  });
  return {
    ...jobs,
    runner: createJobRunner({ db: database.db, clock, logger: silentLogger, handlers: jobs.handlers, schedules: jobs.schedules, leaseMs: 60_000 }),
  };
}

const statusOf = async (id: number) => (await database.db.select().from(broadcasts).where(eq(broadcasts.id, id)))[0]!;

it("a scheduled broadcast starts at its time, through the job runner", async () => {
  const clock = new FakeClock();
  const ids = await seedResidents(database.db, home, 100_000, 30);
  const transport = new FakeTransport(() => clock.now().getTime());
  const { runner } = instance(clock, transport);
  const id = await newBroadcast(database.db, home, new Date(clock.now().getTime() + 3600_000));
  await runner.tick();
  expect(transport.deliveries).toEqual([]);
  expect((await statusOf(id)).status).toBe("scheduled");
  clock.advance(3600_000);
  await runner.tick();
  expect(transport.deliveredTo().sort()).toEqual(ids);
  expect(await statusOf(id)).toMatchObject({ status: "done", total: 30 });
});

it("quiet hours: nothing goes out 21:00–08:00 unless urgent; sending resumes by itself at 08:00", async () => {
  const clock = new FakeClock(new Date("2026-05-01T13:30:00Z")); // 21:30 in Shanghai
  const ids = await seedResidents(database.db, home, 100_000, 10);
  const transport = new FakeTransport(() => clock.now().getTime());
  const { runner } = instance(clock, transport);
  const id = await newBroadcast(database.db, home, clock.now());
  await runner.tick();
  expect(transport.deliveries).toEqual([]);
  expect((await statusOf(id)).resumeAt).toEqual(new Date("2026-05-02T00:00:00Z"));
  expect(transport.edits.at(-1)!.text).toContain("🌙 Quiet hours: paused, resumes at 2026-05-02 08:00.");
  clock.advance(new Date("2026-05-01T23:59:00Z").getTime() - clock.now().getTime());
  await runner.tick();
  expect(transport.deliveries).toEqual([]);

  // An urgent one goes out at night.
  const urgent = await newBroadcast(database.db, home, clock.now(), { urgent: true });
  await runner.tick();
  expect(transport.deliveredTo().sort()).toEqual(ids);
  expect((await statusOf(urgent)).status).toBe("done");

  clock.advance(60_000);
  await runner.tick();
  expect(transport.deliveredTo()).toHaveLength(20);
  expect((await statusOf(id)).status).toBe("done");
});

it("quiet hours beginning mid-broadcast pause it at 21:00", async () => {
  const clock = new FakeClock(new Date("2026-05-01T12:59:58Z")); // 20:59:58
  await seedResidents(database.db, home, 100_000, 100);
  const transport = new FakeTransport(() => clock.now().getTime());
  const { runner } = instance(clock, transport);
  const id = await newBroadcast(database.db, home, clock.now());
  await runner.tick();
  const at9 = new Date("2026-05-01T13:00:00Z").getTime();
  expect(transport.deliveries.length).toBeGreaterThan(40);
  expect(transport.deliveries.length).toBeLessThan(100);
  expect(transport.deliveries.every((d) => d.at < at9 + 1000)).toBe(true);
  expect((await statusOf(id)).resumeAt).toEqual(new Date("2026-05-02T00:00:00Z"));
});

it("a broadcast whose sender died is taken over when its lease expires, 'sending' rows sent again", async () => {
  const clock = new FakeClock();
  const ids = await seedResidents(database.db, home, 100_000, 10);
  const transport = new FakeTransport(() => clock.now().getTime());
  const { runner } = instance(clock, transport, { leaseMs: 10_000 });
  const id = await newBroadcast(database.db, home, new Date(clock.now().getTime() + 3600_000));
  // As a dead sender left it: started, three sent, one in flight, lease still running.
  await database.db.execute(sql`insert into broadcast_recipients (broadcast_id, user_id, state, message_id)
    select ${id}, g, case when g < 100003 then 'sent' when g = 100003 then 'sending' else 'pending' end, case when g < 100003 then 1 end
    from generate_series(100000, 100009) g`);
  await database.db
    .update(broadcasts)
    .set({ status: "sending", runAt: clock.now(), total: 10, lockedBy: "dead", lockedUntil: new Date(clock.now().getTime() + 10_000), epoch: 1 })
    .where(eq(broadcasts.id, id));
  await runner.tick();
  expect(transport.deliveries).toEqual([]);
  clock.advance(10_001);
  await runner.tick();
  expect(transport.deliveredTo()).toEqual(ids.slice(3));
  expect((await statusOf(id)).status).toBe("done");
  const rows = await database.db.select().from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, id));
  expect(rows.every((r) => r.state === "sent")).toBe(true);
});

it("two instances on one database send one broadcast without duplicates", async () => {
  const clock: Clock = { now: () => new Date() };
  const ids = await seedResidents(database.db, home, 100_000, 300);
  const transport = new FakeTransport(() => Date.now());
  const config = { paid: false, ratePerSecond: 1000, quietHours: null };
  const tuning = { pace: realPace, sliceMs: 40, leaseMs: 2000, config };
  const one = instance(clock, transport, tuning);
  const two = instance(clock, transport, tuning);
  const id = await newBroadcast(database.db, home, clock.now(), { urgent: true });
  // Each instance keeps trying: its runner (job queue) and its sender directly, all at once.
  const deadline = Date.now() + 20_000;
  const work = async (x: typeof one) => {
    while ((await statusOf(id)).status !== "done" && Date.now() < deadline) {
      await Promise.all([x.runner.tick(), x.sender.runSlice(id)]);
      await new Promise((r) => setTimeout(r, Math.random() * 5));
    }
  };
  await Promise.all([work(one), work(two)]);
  expect((await statusOf(id)).status).toBe("done");
  const delivered = transport.deliveredTo();
  expect(delivered.filter((c, i) => delivered.indexOf(c) !== i)).toEqual([]);
  expect([...delivered].sort()).toEqual(ids);
  // Both took turns (slices of 40 ms hand the broadcast back and forth).
  expect(one.sender.stats.accepted).toBeGreaterThan(0);
  expect(two.sender.stats.accepted).toBeGreaterThan(0);
  expect(one.sender.stats.accepted + two.sender.stats.accepted).toBe(300);
});

it("takes the app's job dependencies as they are (the bot's Api and i18n)", () => {
  const wire = (deps: AppJobDeps) => broadcastJobs({ ...deps, broadcast: readBroadcastConfig({}) });
  const { handlers, schedules } = wire({
    db: database.db,
    clock: new FakeClock(),
    logger: silentLogger,
    api: new Api("1:x"),
    i18n: i18n as unknown as AppJobDeps["i18n"],
    config: { REPORT_AUTO_CLOSE_DAYS: 3 },
  });
  expect(Object.keys(handlers)).toEqual(["broadcast.send"]);
  expect(schedules.map((s) => s.name)).toEqual(["broadcast.dispatch"]);
});

it("reads its settings from the environment", () => {
  expect(readBroadcastConfig({})).toEqual({ paid: false, ratePerSecond: 25, quietHours: { start: "21:00", end: "08:00" } });
  expect(readBroadcastConfig({ BROADCAST_PAID: "true" })).toMatchObject({ paid: true, ratePerSecond: 1000 });
  expect(readBroadcastConfig({ BROADCAST_PAID: "true", BROADCAST_RATE_PER_SECOND: "200", BROADCAST_QUIET_HOURS: "off" })).toEqual({
    paid: true,
    ratePerSecond: 200,
    quietHours: null,
  });
  expect(readBroadcastConfig({ BROADCAST_RATE_PER_SECOND: "10", BROADCAST_QUIET_HOURS: "22:30-07:00" })).toMatchObject({
    ratePerSecond: 10,
    quietHours: { start: "22:30", end: "07:00" },
  });
  expect(() => readBroadcastConfig({ BROADCAST_RATE_PER_SECOND: "100" })).toThrow(/at most 30 unless BROADCAST_PAID=true/);
  expect(() => readBroadcastConfig({ BROADCAST_PAID: "maybe" })).toThrow(/true or false/);
  expect(() => readBroadcastConfig({ BROADCAST_PAID: "true", BROADCAST_RATE_PER_SECOND: "5000" })).toThrow();
  expect(() => readBroadcastConfig({ BROADCAST_QUIET_HOURS: "9pm" })).toThrow(/HH:mm-HH:mm/);
});
