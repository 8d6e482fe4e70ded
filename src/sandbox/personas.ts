import { and, asc, between, eq, max } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { userRoles, users, type GrantedRole } from "../db/schema/index.js";
import { findMember, grantRole, joinCommunity, recordUser } from "../features/accounts/service.js";

/**
 * The people of the sandbox. A persona is an emulator user with a private chat; its roles live
 * in the database like anyone's (granted with grantRole), so they survive a restart while the
 * emulator's chats (kept in memory) start empty again. Sandbox users have ids in a range of
 * their own, which is how the sandbox finds them in the database after a restart.
 */
export const personaKinds = ["resident", "volunteer", "inspector", "staff", "admin"] as const;
export type PersonaKind = (typeof personaKinds)[number];

export const SANDBOX_USER_IDS = { min: 1000, max: 999_999 } as const;
/** Ids of personas made in the web chat start here (the built-in ones sit below). */
const FIRST_CREATED_ID = 2001;

/** The Telegram app languages a persona may have: Chinese (the default) or English. */
export const personaLanguages = ["zh-hans", "en"] as const;
export type PersonaLanguage = (typeof personaLanguages)[number];

export interface PersonaSpec {
  id: number;
  firstName: string;
  kind: PersonaKind;
  language: PersonaLanguage;
}

/** One of each kind, there from the first start: the page is usable at once. */
export const defaultPersonas: readonly PersonaSpec[] = [
  { id: 1001, firstName: "王阿姨", kind: "resident", language: "zh-hans" },
  { id: 1002, firstName: "李叔叔", kind: "volunteer", language: "zh-hans" },
  { id: 1003, firstName: "张师傅", kind: "inspector", language: "zh-hans" },
  { id: 1004, firstName: "陈主任", kind: "staff", language: "zh-hans" },
  { id: 1005, firstName: "刘书记", kind: "admin", language: "zh-hans" },
];

export interface Persona {
  id: number;
  firstName: string;
  lastName: string | null;
  language: string | null;
  roles: GrantedRole[];
  /** The highest role held, for the persona picker. */
  kind: PersonaKind;
}

/** Staff, admins and inspectors sit in the staff group. */
export function inStaffGroup(persona: Pick<Persona, "roles">): boolean {
  return persona.roles.some((role) => role === "staff" || role === "admin" || role === "inspector");
}

export function kindOf(roles: readonly GrantedRole[]): PersonaKind {
  for (const kind of ["admin", "staff", "inspector", "volunteer"] as const) if (roles.includes(kind)) return kind;
  return "resident";
}

/**
 * Creates the persona's user row in the community with its role, unless the user exists
 * already (then nothing changes: a role taken away in the bot stays taken away).
 */
export async function ensurePersona(db: Database, spec: PersonaSpec, communityId: number, at: Date): Promise<boolean> {
  if (await findMember(db, spec.id)) return false;
  await recordUser(db, { id: spec.id, firstName: spec.firstName, languageCode: spec.language }, at);
  await joinCommunity(db, spec.id, communityId);
  if (spec.kind !== "resident") await grantRole(db, { userId: spec.id, communityId, role: spec.kind, grantedBy: null, at });
  return true;
}

/** Every sandbox user the database knows, with the roles they hold in their community. */
export async function listPersonas(db: Database): Promise<Persona[]> {
  const rows = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      language: users.telegramLanguage,
      role: userRoles.role,
    })
    .from(users)
    .leftJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.communityId, users.communityId)))
    .where(between(users.id, SANDBOX_USER_IDS.min, SANDBOX_USER_IDS.max))
    .orderBy(asc(users.id));
  const byId = new Map<number, Persona>();
  for (const row of rows) {
    const persona = byId.get(row.id) ?? {
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      language: row.language,
      roles: [],
      kind: "resident" as PersonaKind,
    };
    if (row.role) persona.roles.push(row.role);
    persona.kind = kindOf(persona.roles);
    byId.set(row.id, persona);
  }
  return [...byId.values()];
}

/** The next free id for a persona made in the web chat, above every id taken so far. */
export async function nextPersonaId(db: Database, takenElsewhere: readonly number[]): Promise<number> {
  const [row] = await db
    .select({ highest: max(users.id) })
    .from(users)
    .where(between(users.id, FIRST_CREATED_ID, SANDBOX_USER_IDS.max));
  const highest = Math.max(FIRST_CREATED_ID - 1, row?.highest ?? 0, ...takenElsewhere.filter((id) => id >= FIRST_CREATED_ID && id <= SANDBOX_USER_IDS.max));
  if (highest >= SANDBOX_USER_IDS.max) throw new Error("no persona ids left");
  return highest + 1;
}
