import { Composer } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { defaultFeatures } from "../../src/bot/create-bot.js";
import { deepLinkRoutes, deepLinkUrl, routeOf } from "../../src/bot/deep-links.js";
import type { AppDeps } from "../../src/bot/deps.js";
import { FeatureRegistry, type Feature } from "../../src/bot/feature.js";
import { grantRole, recordUser } from "../../src/features/accounts/service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createHarness, seedDefaultCommunity, updates, type Harness } from "../helpers/harness.js";

let database: TestDatabase;
const ADMIN = 7001;
const u = updates();
beforeAll(async () => {
  database = await createTestDatabase();
  const home = (await seedDefaultCommunity(database.db)).id;
  await recordUser(database.db, { id: ADMIN, firstName: "Admin", languageCode: "en" }, new Date());
  await grantRole(database.db, { userId: ADMIN, communityId: home, role: "admin", grantedBy: null, at: new Date() });
});
afterAll(() => database.close());

/** A feature of the kind that is coming (lecture links), registering its prefix in one line. */
const checkIn: Feature = {
  name: "lecture-links",
  deepLinks: () => ({ lec_: (ctx, rest) => ctx.reply(`checked in to ${rest}`) }),
  create: () => new Composer<BotContext>(),
};

async function inviteLink(h: Harness): Promise<string> {
  await h.send(u.command(u.user(ADMIN, { languageCode: "en" }), "invite", "inspector"));
  const link = /\?start=(inv_[A-Za-z0-9_-]+)/.exec(h.telegram.lastText(ADMIN) ?? "");
  expect(link).not.toBeNull();
  return link![1]!;
}

const orders: Array<[string, readonly Feature[]]> = [
  ["as the bot lists them", [...defaultFeatures, checkIn]],
  ["reversed (the home feature's /start first)", [checkIn, ...defaultFeatures].reverse()],
];

describe.each(orders)("with the features %s", (_order, features) => {
  it("an invite link still reaches the invites feature, and another prefix its own feature", async () => {
    const h = createHarness({ db: database.db, features });
    const id = 7100 + orders.findIndex(([, f]) => f === features);
    await h.send(u.command(u.user(id, { languageCode: "en" }), "start", await inviteLink(h)));
    expect(h.telegram.lastText(id)).toBe('Welcome! You now have the role "inspector" in "幸福社区". Send /start to see what you can do.');

    await h.send(u.command(u.user(id, { languageCode: "en" }), "start", "lec_lecture42"));
    expect(h.telegram.lastText(id)).toBe("checked in to lecture42");
  });

  it("a payload no feature claims is an ordinary /start", async () => {
    const h = createHarness({ db: database.db, features });
    const base = 7200 + 10 * orders.findIndex(([, f]) => f === features);
    await h.send(u.command(u.user(base, { firstName: "Li", languageCode: "en" }), "start"));
    await h.send(u.command(u.user(base + 1, { firstName: "Li", languageCode: "en" }), "start", "zzz_unknown"));
    expect(h.telegram.lastText(base)).toMatch(/^Hello, Li/);
    expect(h.telegram.lastText(base + 1)).toBe(h.telegram.lastText(base));
    expect(h.telegram.lastButtons(base + 1).map((b) => b.data)).toEqual(h.telegram.lastButtons(base).map((b) => b.data));
  });
});

describe("routes", () => {
  const deps = {} as AppDeps;
  const routesOf = (...features: Feature[]) => deepLinkRoutes(features, deps, new FeatureRegistry(features));
  const handle = async () => undefined;

  it("go by prefix, whatever the order of the features", () => {
    const a: Feature = { name: "a", deepLinks: () => ({ inv_: handle }) };
    const b: Feature = { name: "b", deepLinks: () => ({ chk_: handle, sub_: handle }) };
    for (const routes of [routesOf(a, b), routesOf(b, a)]) {
      expect(routeOf(routes, "inv_abc")?.feature).toBe("a");
      expect(routeOf(routes, "sub_7")?.feature).toBe("b");
      expect(routeOf(routes, "")).toBeUndefined();
      expect(routeOf(routes, "in")).toBeUndefined();
    }
  });

  it("refuse a prefix that begins another (then the order would decide) or that Telegram would not carry", () => {
    const inv: Feature = { name: "invites", deepLinks: () => ({ inv_: handle }) };
    expect(() => routesOf(inv, { name: "short", deepLinks: () => ({ in: handle }) })).toThrow(/clashes with "inv_" of invites/);
    expect(() => routesOf(inv, { name: "long", deepLinks: () => ({ inv_x: handle }) })).toThrow(/clashes/);
    expect(() => routesOf({ name: "odd", deepLinks: () => ({ "a b": handle }) })).toThrow(/Bad deep-link prefix/);
  });

  it("build links Telegram accepts", () => {
    expect(deepLinkUrl("community_test_bot", "inv_", "Ab-9_")).toBe("https://t.me/community_test_bot?start=inv_Ab-9_");
    expect(() => deepLinkUrl("community_test_bot", "inv_", "a".repeat(61))).toThrow(/Bad deep-link payload/);
    expect(() => deepLinkUrl("community_test_bot", "inv_", "a/b")).toThrow(/Bad deep-link payload/);
  });
});
