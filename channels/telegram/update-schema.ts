/**
 * The shape of the Telegram updates we read (channels/telegram/mapper.ts), checked before
 * mapping: a field of the wrong type (a chat id as an object, a text as a number) makes the
 * update invalid instead of reaching the mapper. Fields we do not read pass unchecked, so new
 * Bot API fields never break us. Telegram ids are integers; texts are strings.
 */
import { z } from 'zod';

const int = z.number().int().safe();
const text = z.string().max(100_000);
const user = z.looseObject({ id: int, is_bot: z.boolean().optional(), first_name: text, last_name: text.optional(), username: text.optional() });
const chat = z.looseObject({ id: int, type: z.string().max(40), title: text.optional() });
const file = z.looseObject({
  file_id: z.string().min(1).max(500),
  file_size: int.nonnegative().optional(),
  mime_type: z.string().max(200).optional(),
  file_name: text.optional(),
  width: int.optional(),
  height: int.optional(),
});
const message = z.looseObject({
  message_id: int,
  date: int.optional(),
  chat,
  from: user.optional(),
  text: text.optional(),
  caption: text.optional(),
  photo: z.array(file).max(50).optional(),
  document: file.optional(),
  video: file.optional(),
});

export const telegramUpdateSchema = z.looseObject({
  update_id: int.nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
  callback_query: z
    .looseObject({ id: z.string().min(1).max(200), from: user, data: z.string().max(1000).optional(), message: z.looseObject({ chat }).optional() })
    .optional(),
  my_chat_member: z.looseObject({ chat, new_chat_member: z.looseObject({ status: z.string().max(40) }).optional() }).optional(),
});

/** True when `update` has the shape the mapper reads. */
export function isTelegramUpdate(update: unknown): update is Record<string, unknown> & { update_id: number } {
  return telegramUpdateSchema.safeParse(update).success;
}
