/**
 * Inline keyboards that cannot lie: a keyboard is marked once one of its buttons was pressed
 * (replaced by one "✓ <label>" button that only says it was used), and removed once the chat
 * moved on (the next message the bot sends to that chat). Which message's keyboard is live lives in
 * a LiveKeyboards: this process's memory by default, the store when the service shares it, so the
 * channel's next owner process (and a webhook process receiving the press) knows it too. Best
 * effort: the engine still recognises any stale button by its context key (choice-data.ts).
 */
import type { KeyboardRef } from './mapper';
import { isGroupChat } from './pacer';
import { USED_CHOICE } from './choice-data';
import type { InlineButton } from './renderer';

export type EditMarkup = (payload: { chat_id: string; message_id: number; reply_markup: { inline_keyboard: InlineButton[][] } }) => Promise<unknown>;

/** Chat -> the message whose keyboard is still live. */
export interface LiveKeyboards {
  get(chatId: string): Promise<number | null>;
  set(chatId: string, messageId: number): Promise<void>;
  delete(chatId: string): Promise<void>;
}

const MAX_TRACKED_CHATS = 10_000;

/** Live keyboards in this process's memory (the most recent MAX_TRACKED_CHATS chats). */
export class MemoryLiveKeyboards implements LiveKeyboards {
  private readonly live = new Map<string, number>();

  async get(chatId: string): Promise<number | null> {
    return this.live.get(chatId) ?? null;
  }

  async set(chatId: string, messageId: number): Promise<void> {
    this.live.delete(chatId);
    this.live.set(chatId, messageId);
    if (this.live.size > MAX_TRACKED_CHATS) this.live.delete(this.live.keys().next().value!);
  }

  async delete(chatId: string): Promise<void> {
    this.live.delete(chatId);
  }
}

export class KeyboardTracker {
  constructor(
    private readonly edit: EditMarkup,
    private readonly onError: (err: unknown) => void,
    private readonly live: LiveKeyboards = new MemoryLiveKeyboards(),
  ) {}

  /** A message with buttons was sent to the chat. */
  async shown(chatId: string, messageId: number): Promise<void> {
    if (isGroupChat(chatId)) return;
    await this.live.set(chatId, messageId).catch(this.onError);
  }

  /** The bot is about to say something new in the chat: the last keyboard goes. */
  async retire(chatId: string): Promise<void> {
    const messageId = await this.live.get(chatId).catch((err: unknown) => (this.onError(err), null));
    if (messageId === null) return;
    await this.live.delete(chatId).catch(this.onError);
    await this.edit({ chat_id: chatId, message_id: messageId, reply_markup: { inline_keyboard: [] } }).catch(this.onError);
  }

  /** A button was pressed: its keyboard becomes one marker with the chosen label (or goes). */
  async used(keyboard: KeyboardRef): Promise<void> {
    const live = await this.live.get(keyboard.chatId).catch((err: unknown) => (this.onError(err), null));
    if (live === keyboard.messageId) await this.live.delete(keyboard.chatId).catch(this.onError);
    const rows: InlineButton[][] = keyboard.label ? [[{ text: `✓ ${keyboard.label}`, callback_data: USED_CHOICE }]] : [];
    await this.edit({ chat_id: keyboard.chatId, message_id: keyboard.messageId, reply_markup: { inline_keyboard: rows } }).catch(this.onError);
  }
}
