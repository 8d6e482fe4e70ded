import { fileTypeFromBuffer } from "file-type";
import type { Hono } from "hono";
import { defaultLocale } from "../../i18n.js";
import { pickTranslation } from "../../translated.js";
import { ReportActionError } from "../reports/actions.js";
import { listActiveCategories } from "../reports/categories.js";
import { reportActions } from "../reports/lifecycle.js";
import { formatReportNumber } from "../reports/numbers.js";
import type { PhotoRef } from "../reports/service.js";
import { PHOTOS_MAX } from "../reports/steps.js";
import { statusKeys } from "../reports/views.js";
import { NOTE_MAX } from "../staff/conversations.js";
import { loadStaffReport, type StaffReport } from "../staff/report-detail.js";
import { templatesFor } from "../staff/templates.js";
import type { DashboardDeps, DashboardEnv, SignedIn } from "./context.js";
import type { ReportRouteHelpers } from "./report-content-routes.js";

/** Telegram takes photos of up to 10 MB from a bot; a bigger one could never become a file id. */
export const AFTER_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const AFTER_PHOTO_MAX_COUNT = PHOTOS_MAX;
/** What a whole resolve form may weigh: its photos and a little for the words. */
export const RESOLVE_FORM_MAX_BYTES = AFTER_PHOTO_MAX_COUNT * AFTER_PHOTO_MAX_BYTES + 1024 * 1024;
/** What Telegram shows as a photo, told by the bytes themselves (a file's name or type proves nothing). */
const afterPhotoTypes = new Set(["image/jpeg", "image/png", "image/webp"]);

const resolvableNow = (report: StaffReport) => (reportActions.resolve.from as readonly string[]).includes(report.card.status);
const mayResolve = (report: StaffReport, s: SignedIn, staff: boolean) => staff || report.card.assignee?.id === s.session.userId;

/**
 * Whether the resolve form is offered: the lifecycle allows it from this state and this person is
 * staff or the one it is assigned to, as the workflow's own rule (which still decides on the post).
 */
export function mayOfferResolve(report: StaffReport, s: SignedIn, staff: boolean): boolean {
  return resolvableNow(report) && mayResolve(report, s, staff);
}

/** The resolve form's choices: standard replies in the reader's language, and whether a photo is required. */
export async function resolveChoices(deps: DashboardDeps, s: SignedIn, report: StaffReport) {
  const [templates, categories] = await Promise.all([
    templatesFor(deps.db, s.community.id, "resolve", report.categoryId),
    listActiveCategories(deps.db, s.community.id),
  ]);
  return {
    templates: templates.map((tpl) => ({ id: tpl.id, label: pickTranslation(tpl.text, s.locale) })),
    photoRequired: categories.find((cat) => cat.id === report.categoryId)?.afterPhotoRequired ?? false,
  };
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

type Refusal = { key: string; vars?: Record<string, string | number>; status: 400 | 403 | 409 | 413 | 502 };

/**
 * "Dealt with" from the dashboard, as the assignee's resolve in the bot: a standard reply (told to
 * each reader in their language) or the person's own words, and after-photos. A report keeps
 * photos as Telegram file ids, so each photo is first sent to the person's private chat with the
 * bot (captioned as this report's after-photo) and its file id kept; then the workflow resolves.
 * If the workflow then refuses (the report moved on meanwhile, a kind that needs a photo, someone
 * who may not), the report is left exactly as it was and the page says why; the photos stay in
 * the person's chat with their caption, harmless, and are not attached to anything.
 */
export function resolveRoute(app: Hono<DashboardEnv>, deps: DashboardDeps, helpers: ReportRouteHelpers): void {
  app.post("/reports/:number/resolve", async (c) => {
    const s = c.get("signedIn");
    const report = await helpers.visibleReport(c);
    if (!report) return helpers.notFound(c);
    const { t } = s;
    const number = formatReportNumber(report.card.number);
    const refuse = ({ key, vars = {}, status }: Refusal, shown: StaffReport = report) =>
      helpers.answer(c, shown, { kind: "error", text: t(key, { number, max: AFTER_PHOTO_MAX_COUNT, ...vars }) }, status);

    const form = await c.req.parseBody({ all: true });
    const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
    const templateText = text(one(form.template));
    const noteText = text(one(form.note));
    const templates = templateText ? await templatesFor(deps.db, s.community.id, "resolve", report.categoryId) : [];
    const template = templates.find((tpl) => String(tpl.id) === templateText);
    if (templateText && !template) return refuse({ key: "dashboard-template-unknown", status: 400 });
    if (!template && !noteText) return refuse({ key: "dashboard-resolve-note-required", status: 400 });
    if (noteText.length > NOTE_MAX) return refuse({ key: "dashboard-reason-too-long", vars: { max: NOTE_MAX }, status: 400 });

    // An empty file input still sends one empty part: only files with something in them count.
    const files = [form.photos ?? []].flat().filter((value): value is File => value instanceof File && value.size > 0);
    if (files.length > AFTER_PHOTO_MAX_COUNT) return refuse({ key: "dashboard-photos-too-many", status: 400 });
    const photos: Array<{ bytes: Uint8Array; filename: string }> = [];
    for (const file of files) {
      if (file.size > AFTER_PHOTO_MAX_BYTES) return refuse({ key: "dashboard-photo-too-large", vars: { name: file.name, mb: 10 }, status: 413 });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const type = await fileTypeFromBuffer(bytes);
      if (!type || !afterPhotoTypes.has(type.mime)) return refuse({ key: "dashboard-photo-not-image", vars: { name: file.name }, status: 400 });
      photos.push({ bytes, filename: `after-${photos.length + 1}.${type.ext}` });
    }

    // Nothing is sent to Telegram for a form that cannot succeed as the report is now.
    const staff = helpers.isStaff(c);
    if (photos.length > 0 && !mayOfferResolve(report, s, staff))
      return failed(new ReportActionError(resolvableNow(report) ? "forbidden" : "illegal-transition", "checked before sending the photos"));

    const refs: PhotoRef[] = [];
    try {
      for (const photo of photos)
        refs.push(await deps.uploadPhoto({ chatId: s.session.userId, ...photo, caption: t("dashboard-after-photo-caption", { number }) }));
    } catch (error) {
      deps.logger.warn({ err: error, user: s.session.userId, report: report.card.reportId }, "after-photos could not be sent to Telegram");
      return refuse({ key: "dashboard-photo-upload-failed", status: 502 });
    }
    try {
      const actor = { userId: s.session.userId };
      if (template) await deps.workflow.resolve(report.card.reportId, actor, pickTranslation(template.text, defaultLocale), refs, template.text);
      else await deps.workflow.resolve(report.card.reportId, actor, noteText, refs);
    } catch (error) {
      return failed(error);
    }
    deps.logger.info({ user: s.session.userId, report: report.card.reportId, photos: refs.length }, "dashboard resolved a report");
    return c.redirect(`/dashboard/reports/${report.card.number}?done=resolve`, 303);

    async function failed(error: unknown) {
      if (!(error instanceof ReportActionError)) throw error;
      // The page as it is now: someone else may have moved the report meanwhile.
      const fresh = (await loadStaffReport(deps.db, s.community.id, report!.card.number)) ?? report!;
      const refusals: Partial<Record<ReportActionError["code"], Refusal>> = {
        "photo-required": { key: "dashboard-resolve-photo-required", status: 400 },
        forbidden: { key: "dashboard-resolve-forbidden", status: 403 },
      };
      return refuse(refusals[error.code] ?? { key: "dashboard-action-stale", vars: { status: t(statusKeys[fresh.card.status]) }, status: 409 }, fresh);
    }
  });
}
