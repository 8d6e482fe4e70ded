import { InputFile } from "grammy";
import QRCode from "qrcode";
import type { InnerContext } from "../../bot/context.js";
import { deepLinkUrl } from "../../bot/deep-links.js";
import { CAPTION_MAX, fitText } from "../../bot/text-fit.js";
import { CHECK_IN_PREFIX } from "./feature.js";

/** The organiser's check-in link: scanning it opens the bot, which checks the person in (chk_<code>). */
export const checkInLink = (botUsername: string, code: string): string => deepLinkUrl(botUsername, CHECK_IN_PREFIX, code);

/** The link as a QR code, a PNG large enough to scan from a phone held up at the door. */
export function checkInQrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 480 });
}

/** Sends an event's check-in QR code with its code and link under it. */
export async function sendCheckInQr(
  ctx: Pick<InnerContext, "me" | "replyWithPhoto" | "t">,
  event: { title: string; time: string; code: string },
): Promise<void> {
  const link = checkInLink(ctx.me.username, event.code);
  const caption = fitText(ctx.t("newevent-qr-caption", { ...event, link }), CAPTION_MAX);
  await ctx.replyWithPhoto(new InputFile(await checkInQrPng(link), `checkin-${event.code}.png`), { caption });
}
