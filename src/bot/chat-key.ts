/**
 * The chat an update belongs to, from the raw update (before grammY wraps it): the key under
 * which one chat's updates are kept in order across instances. The private chat's id is the
 * user's; a button press belongs to the chat of its message.
 */
export function chatKeyOf(update: object): string | undefined {
  const u = update as Record<string, { chat?: { id?: number }; from?: { id?: number }; message?: { chat?: { id?: number } } } | undefined>;
  for (const kind of ["message", "edited_message", "my_chat_member", "channel_post", "edited_channel_post"]) {
    const id = u[kind]?.chat?.id;
    if (id !== undefined) return String(id);
  }
  const press = u.callback_query;
  const id = press?.message?.chat?.id ?? press?.from?.id;
  return id === undefined ? undefined : String(id);
}
