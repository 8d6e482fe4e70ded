import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { responseTemplates } from "../../db/schema/index.js";
import { type Translated, translatedFromLocales } from "../../translated.js";
import { recordAudit } from "./audit.js";

export type TemplateKind = "reject" | "resolve";
export const templateKinds: readonly TemplateKind[] = ["reject", "resolve"];

export interface Template {
  id: number;
  kind: TemplateKind;
  /** Locale → the reply (see pickTranslation). */
  text: Translated;
}

/** A template's text in each language stays short: it becomes a button label and part of a caption. */
export const TEMPLATE_TEXT_MAX = 200;

/**
 * An admin's new template as typed after /templates: "reject 中文 | English" (or resolve), or
 * undefined when it does not have that shape.
 */
export function parseTemplateArgs(args: string): { kind: TemplateKind; text: Translated } | undefined {
  const match = /^(reject|resolve)\s+(.+?)\s*\|\s*(.+)$/s.exec(args.trim());
  if (!match || match[2]!.length > TEMPLATE_TEXT_MAX || match[3]!.length > TEMPLATE_TEXT_MAX) return undefined;
  return { kind: match[1] as TemplateKind, text: { "zh-CN": match[2]!, en: match[3]! } };
}

/** Standard replies a new community starts with; their words come from locales. */
const defaults: Array<{ kind: TemplateKind; key: string }> = [
  { kind: "reject", key: "template-reject-outside" },
  { kind: "reject", key: "template-reject-unclear" },
  { kind: "reject", key: "template-reject-private" },
  { kind: "resolve", key: "template-resolve-cleaned" },
  { kind: "resolve", key: "template-resolve-removed" },
  { kind: "resolve", key: "template-resolve-repaired" },
];

export async function seedDefaultTemplates(db: Database, communityId: number, t: (locale: string, key: string) => string): Promise<void> {
  const [any] = await db.select({ id: responseTemplates.id }).from(responseTemplates).where(eq(responseTemplates.communityId, communityId)).limit(1);
  if (any) return;
  await db.insert(responseTemplates).values(defaults.map((d, i) => ({ communityId, kind: d.kind, text: translatedFromLocales(t, d.key), sortOrder: i })));
}

/** Active templates of a kind for a category (templates without a category apply to all). */
export async function templatesFor(db: Database, communityId: number, kind: TemplateKind, categoryId: number | null): Promise<Template[]> {
  const rows = await db
    .select()
    .from(responseTemplates)
    .where(
      and(
        eq(responseTemplates.communityId, communityId),
        eq(responseTemplates.kind, kind),
        eq(responseTemplates.active, true),
        categoryId === null ? isNull(responseTemplates.categoryId) : or(isNull(responseTemplates.categoryId), eq(responseTemplates.categoryId, categoryId)),
      ),
    )
    .orderBy(asc(responseTemplates.sortOrder), asc(responseTemplates.id));
  return rows.map((r) => ({ id: r.id, kind: r.kind as TemplateKind, text: r.text }));
}

export async function addTemplate(
  db: Database,
  input: { communityId: number; kind: TemplateKind; text: Translated; actorId: number; at: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(responseTemplates)
      .values({ communityId: input.communityId, kind: input.kind, text: input.text, sortOrder: 100 })
      .returning({ id: responseTemplates.id });
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "template.add",
      after: { kind: input.kind, text: input.text },
      at: input.at,
    });
    return row!.id;
  });
}

/** Templates are retired, not deleted, so past notes keep their meaning. */
export async function retireTemplate(db: Database, input: { communityId: number; templateId: number; actorId: number; at: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(responseTemplates)
      .set({ active: false })
      .where(and(eq(responseTemplates.id, input.templateId), eq(responseTemplates.communityId, input.communityId), eq(responseTemplates.active, true)))
      .returning({ text: responseTemplates.text });
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "template.retire",
      subject: `template:${input.templateId}`,
      before: { text: rows[0]!.text },
      at: input.at,
    });
    return true;
  });
}

export async function findTemplate(db: Database, communityId: number, id: number): Promise<Template | undefined> {
  const [row] = await db
    .select()
    .from(responseTemplates)
    .where(and(eq(responseTemplates.id, id), eq(responseTemplates.communityId, communityId), eq(responseTemplates.active, true)));
  return row ? { id: row.id, kind: row.kind as TemplateKind, text: row.text } : undefined;
}
