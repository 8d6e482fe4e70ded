import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventSignups } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";
import { createEvent } from "../../../src/features/events/service.js";
import { cancelSignup, signUp } from "../../../src/features/events/signups.js";
import { appJobs } from "../../../src/jobs/app-jobs.js";
import { createJobRunner } from "../../../src/jobs/runner.js";
import { silentLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createHarness, FakeClock, seedDefaultCommunity } from "../../helpers/harness.js";

let database: TestDatabase;
let home: number;
const T0 = new Date("2026-05-01T02:00:00Z");
const [A, B, C] = [32_001, 32_002, 32_003];
beforeAll(async () => {
  database = await createTestDatabase();
  home = (await seedDefaultCommunity(database.db)).id;
  for (const id of [A, B, C]) {
    await recordUser(database.db, { id, firstName: `V${id}`, languageCode: "en" }, T0);
    await grantRole(database.db, { userId: id, communityId: home, role: "volunteer", grantedBy: null, at: T0 });
  }
});
afterAll(() => database.close());

it("the periodic job passes a lapsed offer to the next in line, who is asked by message", async () => {
  const clock = new FakeClock(T0);
  const h = createHarness({ db: database.db, clock });
  const startsAt = new Date(T0.getTime() + 72 * 3600_000);
  const event = await createEvent(
    database.db,
    {
      communityId: home,
      kind: "cleanup",
      title: "Clean-up day",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      createdBy: null,
      slots: [{ name: "Helper", capacity: 1 }],
    },
    T0,
  );
  if (!event.ok) throw new Error("setup");
  const ids: number[] = [];
  for (const userId of [A, B, C]) {
    const r = await signUp(database.db, { slotId: event.slotIds[0]!, userId, at: T0 });
    if (!r.ok) throw new Error("setup");
    ids.push(r.signupId);
  }
  await cancelSignup(database.db, { signupId: ids[0]!, userId: A, at: T0 });
  const runner = () =>
    createJobRunner({
      db: database.db,
      clock,
      logger: silentLogger,
      ...appJobs({ db: database.db, clock, logger: silentLogger, api: h.bot.api, i18n: h.i18n, config: { REPORT_AUTO_CLOSE_DAYS: 3 } }),
    });
  clock.advance(11 * 3600_000);
  await runner().tick();
  await h.flush();
  expect(h.telegram.texts(C)).toEqual([]);
  clock.advance(2 * 3600_000); // B's 12 hours are up
  await Promise.all([runner().tick(), runner().tick()]);
  await h.flush();
  expect((await database.db.select().from(eventSignups).where(eq(eventSignups.id, ids[1]!)))[0]?.status).toBe("cancelled");
  expect(h.telegram.texts(C)).toEqual([expect.stringMatching(/^🎉 A seat has freed up for Clean-up day/)]);
});
