import type { VersionedStateStorage } from "@grammyjs/conversations";

/**
 * The version of the stored shape as a whole, kept by the conversations plugin. It stays 3 (its
 * value when one number versioned every conversation), so what is stored today stays readable;
 * a conversation whose steps change bumps its own number instead (Feature.conversationVersions).
 */
export const CONVERSATION_STORAGE_VERSION = 3;

/** A conversation that names no version is at this one (as every stored one was before versions per conversation). */
export const FIRST_CONVERSATION_VERSION = 1;

type Stored<S> = Parameters<VersionedStateStorage<string, S>["write"]>[1];
/** What we store: the plugin's value plus the version of each conversation in it when written. */
type WithVersions<S> = Stored<S> & { conversations?: Record<string, number> };

/**
 * Versions per conversation on top of the plugin's one version per chat: each write records the
 * version of every conversation it holds, and a read drops the replay logs of any conversation
 * whose version has changed since, so the conversation starts again without its old log being
 * replayed into steps that are no longer there, and every other conversation goes on where it was.
 */
export function versionPerConversation<S>(
  storage: VersionedStateStorage<string, S>,
  versions: Readonly<Record<string, number>>,
): VersionedStateStorage<string, S> {
  const versionOf = (id: string): number => versions[id] ?? FIRST_CONVERSATION_VERSION;
  return {
    async read(key) {
      const stored = (await storage.read(key)) as WithVersions<S> | undefined;
      if (stored === undefined || stored === null || !isRecord(stored.state)) return stored;
      const recorded = stored.conversations ?? {};
      const state: Record<string, unknown> = {};
      let dropped = false;
      for (const [id, entries] of Object.entries(stored.state)) {
        if ((recorded[id] ?? FIRST_CONVERSATION_VERSION) === versionOf(id)) state[id] = entries;
        else dropped = true;
      }
      if (!dropped) return stored;
      return { version: stored.version, state: state as S, conversations: recorded } as WithVersions<S>;
    },
    write(key, value) {
      const ids = isRecord(value.state) ? Object.keys(value.state) : [];
      const withVersions: WithVersions<S> = { ...value, conversations: Object.fromEntries(ids.map((id) => [id, versionOf(id)])) };
      return storage.write(key, withVersions);
    },
    delete: (key) => storage.delete(key),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
