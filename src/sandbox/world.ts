import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { areas } from "../db/schema/index.js";
import { grantRole, joinCommunity, recordUser } from "../features/accounts/service.js";
import type { Clock } from "../clock.js";
import type { Emulator } from "./emulator/index.js";
import {
  defaultPersonas,
  ensurePersona,
  inStaffGroup,
  kindOf,
  listPersonas,
  nextPersonaId,
  type Persona,
  type PersonaKind,
  type PersonaLanguage,
} from "./personas.js";
import { SANDBOX_STAFF_GROUP_ID, seedSandbox, type SeedSummary } from "./seed.js";

export interface AreaView {
  name: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
}

/**
 * The sandbox's people and chats: personas from the database mirrored as emulator users, and
 * the staff group. Web chat actions that change them (a new persona, the seed) go through here.
 */
export interface SandboxWorld {
  readonly emulator: Emulator;
  readonly staffGroup: { id: number; title: string };
  personas(): Persona[];
  persona(id: number): Persona | undefined;
  /** Chats the persona can write in: its private chat, and the staff group when it is a member. */
  chatsOf(personaId: number): number[];
  areas(): Promise<AreaView[]>;
  createPersona(input: { firstName: string; kind: PersonaKind; language: PersonaLanguage }): Promise<Persona>;
  seed(): Promise<SeedSummary>;
  /** Reads the personas again from the database and mirrors them in the emulator. */
  refresh(): Promise<void>;
  /** Called after personas changed (for the web chat's live stream). */
  onChange(listener: () => void): () => void;
}

export async function createWorld(options: {
  emulator: Emulator;
  db: Database;
  communityId: number;
  clock: Clock;
  staffGroupTitle: string;
}): Promise<SandboxWorld> {
  const { emulator, db, communityId, clock } = options;
  const listeners = new Set<() => void>();
  /** Residents made in the web chat who have not written yet: the bot does not know them. */
  const newcomers = new Map<number, Persona>();
  let known: Persona[] = [];

  for (const spec of defaultPersonas) await ensurePersona(db, spec, communityId, clock.now());
  const staffGroup = { id: SANDBOX_STAFF_GROUP_ID, title: options.staffGroupTitle };
  emulator.createGroup({ id: staffGroup.id, title: staffGroup.title, type: "supergroup", botStatus: "administrator" });

  function mirror(persona: Persona, started: boolean): void {
    if (!emulator.users().some((user) => user.id === persona.id)) {
      emulator.createUser({
        id: persona.id,
        first_name: persona.firstName,
        ...(persona.lastName ? { last_name: persona.lastName } : {}),
        ...(persona.language ? { language_code: persona.language } : {}),
        started,
      });
    }
    if (inStaffGroup(persona)) emulator.addMember(staffGroup.id, persona.id);
  }

  async function refresh(): Promise<void> {
    known = await listPersonas(db);
    for (const persona of known) {
      newcomers.delete(persona.id);
      // People the database knows have used the bot before.
      mirror(persona, true);
    }
  }

  const notify = (): void => {
    for (const listener of listeners) listener();
  };

  await refresh();

  const all = (): Persona[] => [...known, ...newcomers.values()].sort((a, b) => a.id - b.id);

  return {
    emulator,
    staffGroup,
    personas: all,
    persona: (id) => known.find((p) => p.id === id) ?? newcomers.get(id),
    chatsOf(personaId) {
      const persona = known.find((p) => p.id === personaId) ?? newcomers.get(personaId);
      if (!persona) return [];
      return inStaffGroup(persona) ? [persona.id, staffGroup.id] : [persona.id];
    },
    async areas() {
      const rows = await db.select().from(areas).where(eq(areas.communityId, communityId)).orderBy(asc(areas.id));
      return rows.flatMap((row) =>
        row.centerLatitude != null && row.centerLongitude != null && row.radiusMeters != null
          ? [{ name: row.name, latitude: row.centerLatitude, longitude: row.centerLongitude, radiusMeters: row.radiusMeters }]
          : [],
      );
    },
    async createPersona(input) {
      const id = await nextPersonaId(db, [...newcomers.keys(), ...emulator.users().map((u) => u.id)]);
      const firstName = input.firstName.trim().slice(0, 64);
      if (firstName === "") throw new Error("a persona needs a name");
      const persona: Persona = { id, firstName, lastName: null, language: input.language, roles: [], kind: "resident" };
      if (input.kind === "resident") {
        // A new resident is new to the bot too: it meets them at their first message.
        newcomers.set(id, persona);
        mirror(persona, false);
      } else {
        const at = clock.now();
        await recordUser(db, { id, firstName, languageCode: input.language }, at);
        await joinCommunity(db, id, communityId);
        await grantRole(db, { userId: id, communityId, role: input.kind, grantedBy: null, at });
        persona.roles = [input.kind];
        persona.kind = kindOf(persona.roles);
        mirror(persona, false); // before refresh, which takes database users for old hands
        await refresh();
      }
      notify();
      return persona;
    },
    async seed() {
      const summary = await seedSandbox(db, communityId, clock.now());
      await refresh();
      notify();
      return summary;
    },
    async refresh() {
      await refresh();
      notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
