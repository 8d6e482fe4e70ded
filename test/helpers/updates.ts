import type { Chat, Message, Update, User } from "grammy/types";

/** Update ids are unique per test file, as Telegram's are per bot, whichever factory made them. */
let lastUpdateId = 10_000;

/** Builds Telegram updates as clients produce them, with increasing update and message ids. */
export class UpdateFactory {
  private messageId = 500;

  user(id: number, options: { firstName?: string; languageCode?: string; username?: string } = {}): User {
    return {
      id,
      is_bot: false,
      first_name: options.firstName ?? `User${id}`,
      ...(options.username ? { username: options.username } : {}),
      ...(options.languageCode ? { language_code: options.languageCode } : {}),
    };
  }

  privateChat(user: User): Chat.PrivateChat {
    return { id: user.id, type: "private", first_name: user.first_name };
  }

  group(id = -100_200_300, title = "Staff group"): Chat.SupergroupChat {
    return { id, type: "supergroup", title };
  }

  /** A text message; a leading /command gets its bot_command entity like real clients send. */
  text(from: User, text: string, chat: Chat = this.privateChat(from)): Update {
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    return this.message(from, chat, {
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    });
  }

  command(from: User, command: string, payload?: string, chat?: Chat): Update {
    return this.text(from, payload ? `/${command} ${payload}` : `/${command}`, chat);
  }

  photo(from: User, options: { caption?: string; fileUniqueId?: string; mediaGroupId?: string } = {}): Update {
    const unique = options.fileUniqueId ?? `uniq${this.messageId}`;
    return this.message(from, this.privateChat(from), {
      photo: [
        { file_id: `small-${unique}`, file_unique_id: `${unique}-s`, width: 90, height: 90, file_size: 1_000 },
        { file_id: `large-${unique}`, file_unique_id: unique, width: 1280, height: 960, file_size: 120_000 },
      ],
      ...(options.caption ? { caption: options.caption } : {}),
      ...(options.mediaGroupId ? { media_group_id: options.mediaGroupId } : {}),
    });
  }

  voice(from: User, duration = 4): Update {
    return this.message(from, this.privateChat(from), {
      voice: { file_id: `voice-${this.messageId}`, file_unique_id: `uvoice-${this.messageId}`, duration, mime_type: "audio/ogg" },
    });
  }

  location(from: User, latitude: number, longitude: number): Update {
    return this.message(from, this.privateChat(from), { location: { latitude, longitude } });
  }

  contact(from: User): Update {
    return this.message(from, this.privateChat(from), {
      contact: { phone_number: "+8613800000000", first_name: from.first_name, user_id: from.id },
    });
  }

  sticker(from: User): Update {
    return this.message(from, this.privateChat(from), {
      sticker: {
        file_id: `sticker-${this.messageId}`,
        file_unique_id: `usticker-${this.messageId}`,
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    });
  }

  /** A press of an inline button on a message the bot sent. */
  callback(from: User, data: string, messageId = 1, chat: Chat = this.privateChat(from)): Update {
    return {
      update_id: this.nextUpdateId(),
      callback_query: {
        id: `cb${lastUpdateId}`,
        from,
        chat_instance: `ci${chat.id}`,
        data,
        message: { message_id: messageId, date: now(), chat, text: "…" } as Message.TextMessage,
      },
    };
  }

  edited(from: User, text: string): Update {
    const message = { message_id: this.messageId++, date: now(), edit_date: now(), chat: this.privateChat(from), from, text };
    return { update_id: this.nextUpdateId(), edited_message: message as Update["edited_message"] & object };
  }

  channelPost(channelId: number, text: string): Update {
    return {
      update_id: this.nextUpdateId(),
      channel_post: { message_id: this.messageId++, date: now(), chat: { id: channelId, type: "channel", title: "News" }, text } as Update["channel_post"] &
        object,
    };
  }

  myChatMember(from: User, status: "kicked" | "member"): Update {
    const chat = this.privateChat(from);
    const bot = { id: 123456, is_bot: true, first_name: "Community Bot" };
    return {
      update_id: this.nextUpdateId(),
      my_chat_member: {
        chat,
        from,
        date: now(),
        old_chat_member: status === "kicked" ? { status: "member", user: bot } : { status: "kicked", user: bot, until_date: 0 },
        new_chat_member: status === "kicked" ? { status: "kicked", user: bot, until_date: 0 } : { status: "member", user: bot },
      },
    };
  }

  private message(from: User, chat: Chat, content: Record<string, unknown>): Update {
    return {
      update_id: this.nextUpdateId(),
      message: { message_id: this.messageId++, date: now(), chat, from, ...content } as Update["message"] & object,
    };
  }

  private nextUpdateId(): number {
    return ++lastUpdateId;
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
