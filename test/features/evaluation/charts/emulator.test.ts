import { Bot, InputFile, InputMediaBuilder } from "grammy";
import { afterAll, beforeAll, expect, it } from "vitest";
import { stackedBars } from "../../../../src/features/evaluation/charts/draw.js";
import { chartPoster, renderPng } from "../../../../src/features/evaluation/charts/image.js";
import { toUiMessage } from "../../../../src/sandbox/web-chat/views.js";
import { startEmulator, TOKEN, type Running } from "../../../sandbox/emulator/helpers.js";

// The sandbox's Bot API emulator takes the chart pictures as Telegram does (one photo, or an
// album through attach://), and the web chat gets them with their size to show.

let server: Running;
let bot: Bot;

beforeAll(async () => {
  server = await startEmulator();
  bot = new Bot(TOKEN, { client: { apiRoot: server.url } });
});
afterAll(() => server.stop());

it("accepts a chart as a photo and two as an album, and hands the web chat their size", async () => {
  const ann = server.emulator.createUser({ first_name: "Ann", language_code: "zh-hans", started: true });
  const png = await renderPng(chartPoster({ title: "每天的上报", chart: stackedBars(["05-01"], [{ name: "垃圾", values: [3] }]) }));
  await bot.api.sendPhoto(ann.id, new InputFile(png, "daily.png"), { caption: "每天的上报" });
  await bot.api.sendMediaGroup(ann.id, [
    InputMediaBuilder.photo(new InputFile(png, "a.png"), { caption: "a" }),
    InputMediaBuilder.photo(new InputFile(png, "b.png"), { caption: "b" }),
  ]);
  const shown = server.emulator.messages(ann.id).map(toUiMessage);
  expect(shown).toHaveLength(3);
  for (const message of shown) expect(message.photo).toMatchObject({ width: 1664, height: png.readUInt32BE(20) });
  expect(shown.map((m) => m.text)).toEqual(["每天的上报", "a", "b"]);
  const file = server.emulator.file(shown[0]!.photo!.fileId);
  expect(file?.data.equals(png)).toBe(true);
});
