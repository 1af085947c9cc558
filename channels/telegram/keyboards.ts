/**
 * Inline keyboards that cannot lie: a keyboard is marked once one of its buttons was pressed
 * (replaced by one "✓ <label>" button that only says it was used), and removed once the chat
 * moved on (the next message the bot sends to that chat). Best effort and per process: the
 * engine still recognises any stale button by its context key (choice-data.ts).
 */
import type { KeyboardRef } from './mapper';
import { isGroupChat } from './pacer';
import { USED_CHOICE } from './choice-data';
import type { InlineButton } from './renderer';

export type EditMarkup = (payload: { chat_id: string; message_id: number; reply_markup: { inline_keyboard: InlineButton[][] } }) => Promise<unknown>;

const MAX_TRACKED_CHATS = 10_000;

export class KeyboardTracker {
  /** Chat -> the message whose keyboard is still live. */
  private readonly live = new Map<string, number>();

  constructor(
    private readonly edit: EditMarkup,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** A message with buttons was sent to the chat. */
  shown(chatId: string, messageId: number): void {
    if (isGroupChat(chatId)) return;
    this.live.delete(chatId);
    this.live.set(chatId, messageId);
    if (this.live.size > MAX_TRACKED_CHATS) this.live.delete(this.live.keys().next().value!);
  }

  /** The bot is about to say something new in the chat: the last keyboard goes. */
  async retire(chatId: string): Promise<void> {
    const messageId = this.live.get(chatId);
    if (messageId === undefined) return;
    this.live.delete(chatId);
    await this.edit({ chat_id: chatId, message_id: messageId, reply_markup: { inline_keyboard: [] } }).catch(this.onError);
  }

  /** A button was pressed: its keyboard becomes one marker with the chosen label (or goes). */
  async used(keyboard: KeyboardRef): Promise<void> {
    if (this.live.get(keyboard.chatId) === keyboard.messageId) this.live.delete(keyboard.chatId);
    const rows: InlineButton[][] = keyboard.label ? [[{ text: `✓ ${keyboard.label}`, callback_data: USED_CHOICE }]] : [];
    await this.edit({ chat_id: keyboard.chatId, message_id: keyboard.messageId, reply_markup: { inline_keyboard: rows } }).catch(this.onError);
  }
}
