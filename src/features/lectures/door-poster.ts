import { InputFile } from "grammy";
import type { InnerContext } from "../../bot/context.js";
import { checkInLink, sendCheckInQr } from "../events/check-in-qr.js";
import { formatTime } from "../reports/views.js";
import { lecturePosterPdf, type PosterText } from "./poster.js";

/** The poster's words in Chinese and English, from the locales. */
function posterText(translate: (locale: string, key: string) => string): PosterText {
  const both = (key: string): [string, string] => [translate("zh-CN", key), translate("en", key)];
  return {
    heading: both("lectures-poster-heading"),
    time: both("lectures-poster-time"),
    place: both("lectures-poster-place"),
    scan: both("lectures-poster-scan"),
    code: both("lectures-poster-code"),
  };
}

/**
 * What the organiser prints for the door: the check-in QR code as an image (the core's, with
 * its code and link) and an A4 poster as a PDF with the title, time, place, the QR code and how
 * to use it in both languages. Scanning checks a registered person in through the core's link;
 * the feedback question follows after the lecture as for a check-in at the door.
 */
export async function sendDoorPoster(
  ctx: Pick<InnerContext, "me" | "replyWithPhoto" | "replyWithDocument" | "reply" | "t">,
  translate: (locale: string, key: string) => string,
  lecture: { id: number; title: string; startsAt: Date; endsAt: Date; place: string | null; checkInCode: string; timezone: string },
): Promise<void> {
  const time = formatTime(lecture.startsAt.toISOString(), lecture.timezone);
  await sendCheckInQr(ctx, { title: lecture.title, time, code: lecture.checkInCode });
  const pdf = await lecturePosterPdf({
    title: lecture.title,
    when: `${time}–${formatTime(lecture.endsAt.toISOString(), lecture.timezone).slice(11)}`,
    place: lecture.place ?? "—",
    link: checkInLink(ctx.me.username, lecture.checkInCode),
    text: posterText(translate),
  });
  if (!pdf) {
    await ctx.reply(ctx.t("lectures-poster-no-font"));
    return;
  }
  await ctx.replyWithDocument(new InputFile(pdf, `lecture-${lecture.id}-poster.pdf`), { caption: ctx.t("lectures-poster-caption", { title: lecture.title }) });
}
