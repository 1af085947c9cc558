/**
 * Pure: one Telegram Update -> what the adapter should do with it. Only private chats carry
 * conversations; in groups only the registration commands count. Bot commands become the
 * canonical texts the engine understands, so nothing past this file knows about Telegram.
 *
 * Ignored on purpose: edited messages (the original already ran a dialogue turn; replaying an edit
 * would answer twice), channel posts, messages from bots, and anything in groups except
 * /daftar_grup and /hapus_grup. Private messages with nothing we can read (stickers, voice,
 * locations...) get a short note instead of silence, so the user knows to type.
 */
import type { Update } from 'telegraf/types';
import type { InboundMessage, MediaRef } from '../../src/domain/messages';
import { unpackChoice } from './choice-data';

/** A file the user sent, still on Telegram's servers; the adapter downloads it. */
export interface PlatformMedia {
  fileId: string;
  kind: MediaRef['kind'];
  mimeType: string;
  sizeBytes: number;
  fileName?: string;
}

export interface GroupRef {
  id: string;
  title: string;
}
export interface PersonRef {
  id: string;
  name: string;
}

/** The message a pressed button sits under (its keyboard is marked as used). */
export interface KeyboardRef {
  chatId: string;
  messageId: number;
  /** The label of the pressed button, when the keyboard came with the update. */
  label?: string;
}

export type MappedUpdate =
  | { kind: 'message'; message: InboundMessage; media: PlatformMedia[] }
  | { kind: 'callback'; message: InboundMessage; callbackQueryId: string; keyboard: KeyboardRef | null }
  | { kind: 'expired_callback'; callbackQueryId: string; keyboard: KeyboardRef | null }
  | { kind: 'used_callback'; callbackQueryId: string }
  | { kind: 'unsupported'; chatId: string; messageId: number }
  | { kind: 'group_register'; chat: GroupRef; by: PersonRef; code: string | null; messageId: number }
  | { kind: 'group_unregister'; chat: GroupRef; by: PersonRef; messageId: number }
  | { kind: 'bot_removed'; chatId: string }
  | { kind: 'ignore'; reason: string };

/** The parts of Telegram's objects we read (telegraf's union types need a narrowing per field). */
interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
}
interface TgChat {
  id: number;
  type: string;
  title?: string;
}
interface TgFile {
  file_id: string;
  file_size?: number;
  mime_type?: string;
  file_name?: string;
  width?: number;
  height?: number;
}
interface TgMessage {
  message_id: number;
  date?: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  photo?: TgFile[];
  document?: TgFile;
  video?: TgFile;
}
interface TgCallback {
  id: string;
  from: TgUser;
  data?: string;
  message?: { chat: TgChat; message_id?: number; reply_markup?: { inline_keyboard?: { text?: string; callback_data?: string }[][] } };
}
interface TgUpdate {
  message?: TgMessage;
  callback_query?: TgCallback;
  my_chat_member?: { chat: TgChat; new_chat_member?: { status: string } };
}

export interface MapContext {
  /** The bot's username (from getMe), to tell `/cmd@ourbot` from commands meant for other bots. */
  botUsername?: string;
  /** Turns callback_data back into the option's value; undefined when a short key expired. */
  resolveCallbackData(data: string): string | undefined;
  now(): number;
}

/** Private commands -> canonical texts. `args` is what followed the command. */
const COMMANDS: Record<string, (args: string) => string> = {
  start: () => 'halo',
  menu: () => 'menu',
  tiket: (args) => (args ? `lacak tiket ${args}` : 'lacak tiket'),
  lacak: (args) => (args ? `lacak tiket ${args}` : 'lacak tiket'),
  bantuan: () => 'bantuan',
  help: () => 'bantuan',
  batal: () => 'batal',
  petugas: () => 'petugas',
};
/** A command we do not know gets the list of those we do. */
const UNKNOWN_COMMAND = 'bantuan';

interface Command {
  name: string;
  args: string;
  /** False when addressed to another bot (`/menu@otherbot`). */
  forUs: boolean;
}

export function parseCommand(text: string, botUsername?: string): Command | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return null;
  const target = m[2];
  const forUs = !target || (botUsername !== undefined && target.toLowerCase() === botUsername.toLowerCase());
  return { name: m[1]!.toLowerCase(), args: (m[3] ?? '').trim(), forUs };
}

const fullName = (u: { first_name: string; last_name?: string }): string =>
  [u.first_name, u.last_name].filter(Boolean).join(' ');

function kindOfMime(mime: string): MediaRef['kind'] {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

function mediaOf(msg: TgMessage): PlatformMedia[] {
  if (Array.isArray(msg.photo) && msg.photo.length > 0) {
    const area = (f: TgFile) => (f.width ?? 0) * (f.height ?? 0);
    const largest = msg.photo.reduce((a, b) => (area(b) > area(a) ? b : a));
    return [{ fileId: largest.file_id, kind: 'image', mimeType: 'image/jpeg', sizeBytes: largest.file_size ?? 0 }];
  }
  const doc = msg.document ?? msg.video;
  if (doc) {
    const mimeType: string = doc.mime_type ?? (msg.video ? 'video/mp4' : 'application/octet-stream');
    return [
      {
        fileId: doc.file_id,
        kind: msg.document ? (mimeType.startsWith('image/') ? 'image' : 'document') : kindOfMime(mimeType),
        mimeType,
        sizeBytes: doc.file_size ?? 0,
        ...(doc.file_name ? { fileName: doc.file_name } : {}),
      },
    ];
  }
  return [];
}

export function mapUpdate(update: Update, ctx: MapContext): MappedUpdate {
  const u = update as unknown as TgUpdate;
  if (u.callback_query) return mapCallback(u.callback_query, ctx);
  if (u.my_chat_member) {
    const status = u.my_chat_member.new_chat_member?.status;
    return status === 'left' || status === 'kicked'
      ? { kind: 'bot_removed', chatId: String(u.my_chat_member.chat.id) }
      : { kind: 'ignore', reason: 'my_chat_member' };
  }
  if (!u.message) return { kind: 'ignore', reason: Object.keys(u).find((k) => k !== 'update_id') ?? 'empty' };
  const msg = u.message;
  const from = msg.from;
  if (!from || from.is_bot) return { kind: 'ignore', reason: 'not from a person' };
  const chat = msg.chat;
  const text = msg.text ?? msg.caption ?? '';
  const command = msg.text ? parseCommand(msg.text, ctx.botUsername) : null;

  if (chat.type === 'group' || chat.type === 'supergroup') {
    if (!command?.forUs) return { kind: 'ignore', reason: 'group chatter' };
    const group = { id: String(chat.id), title: chat.title ?? '' };
    const by = { id: String(from.id), name: fullName(from) };
    if (command.name === 'daftar_grup') return { kind: 'group_register', chat: group, by, code: command.args.split(/\s+/)[0] || null, messageId: msg.message_id };
    if (command.name === 'hapus_grup') return { kind: 'group_unregister', chat: group, by, messageId: msg.message_id };
    return { kind: 'ignore', reason: 'group command' };
  }
  if (chat.type !== 'private') return { kind: 'ignore', reason: chat.type };

  const media = mediaOf(msg);
  if (!text.trim() && media.length === 0) return { kind: 'unsupported', chatId: String(chat.id), messageId: msg.message_id };
  let canonical = text;
  if (command) {
    if (!command.forUs) return { kind: 'ignore', reason: 'command for another bot' };
    const toText = COMMANDS[command.name];
    canonical = toText ? toText(command.args) : UNKNOWN_COMMAND;
  }
  const message: InboundMessage = {
    channel: 'telegram',
    threadId: String(chat.id),
    senderId: String(from.id),
    // Message-based, so redelivery (polling or webhook) yields the same id.
    externalId: `m:${chat.id}:${msg.message_id}`,
    text: canonical,
    senderName: fullName(from),
    receivedAt: typeof msg.date === 'number' ? msg.date * 1000 : ctx.now(),
  };
  return { kind: 'message', message, media };
}

function mapCallback(cb: TgCallback, ctx: MapContext): MappedUpdate {
  const chat = cb.message?.chat;
  if (!chat || chat.type !== 'private' || typeof cb.data !== 'string') return { kind: 'ignore', reason: 'callback outside a private chat' };
  const messageId = cb.message?.message_id;
  const label = (cb.message?.reply_markup?.inline_keyboard ?? []).flat().find((b) => b.callback_data === cb.data)?.text;
  const keyboard: KeyboardRef | null = typeof messageId === 'number' ? { chatId: String(chat.id), messageId, ...(label ? { label } : {}) } : null;
  const data = ctx.resolveCallbackData(cb.data);
  if (data === undefined) return { kind: 'expired_callback', callbackQueryId: cb.id, keyboard };
  const choice = unpackChoice(data);
  if (choice.kind === 'used') return { kind: 'used_callback', callbackQueryId: cb.id };
  const message: InboundMessage = {
    channel: 'telegram',
    threadId: String(chat.id),
    senderId: String(cb.from.id),
    externalId: `cb:${cb.id}`,
    text: choice.value,
    senderName: fullName(cb.from),
    receivedAt: ctx.now(),
    ...(choice.context ? { buttonContext: choice.context } : {}),
  };
  return { kind: 'callback', message, callbackQueryId: cb.id, keyboard };
}
