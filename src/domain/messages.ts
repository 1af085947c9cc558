import type { Channel } from './ids';

/** Media the user sent; the bytes live in the attachment store, never in the message. */
export interface MediaRef {
  kind: 'image' | 'document' | 'audio' | 'video' | 'other';
  mimeType: string;
  sizeBytes: number;
  fileName?: string;
  /** Key in the attachment store, once the channel adapter saved the bytes. */
  storageKey?: string;
}

/**
 * One message from a person, as every channel adapter translates it.
 * `externalId` is the platform's own message id (or the web client's clientMessageId);
 * (channel, externalId) de-duplicates redelivery.
 */
export interface InboundMessage {
  channel: Channel;
  /** Stable key of the conversation on that channel (chat id, phone JID, web session id). */
  threadId: string;
  /** The sender's id on the platform (user id, JID, web session id). */
  senderId: string;
  externalId: string;
  text: string;
  media?: MediaRef[];
  senderName?: string;
  /** Epoch milliseconds when the platform says it was sent (or when we received it). */
  receivedAt: number;
  /** A pressed button: the `context` of the reply that carried it (lets the engine spot stale buttons). */
  buttonContext?: string;
}

export interface ReplyOption {
  label: string;
  /** What the engine receives back when the user picks it (a number, a button press, a quick reply). */
  value: string;
}

export interface ReplyLink {
  label: string;
  url: string;
}

/**
 * One reply, channel-neutral. Renderers turn it into Telegram HTML + inline keyboard,
 * WhatsApp *bold* + numbered menu, or the web widget's quick replies.
 * Text may use **bold** (double asterisks) as its only emphasis markup.
 */
export interface Reply {
  text: string;
  options?: ReplyOption[];
  links?: ReplyLink[];
  attachments?: MediaRef[];
  /**
   * Opaque key of the question the options answer (set by the dialogue). Channels whose buttons
   * can be pressed later (Telegram) send it back as InboundMessage.buttonContext, so a button of
   * a question that has moved on is recognised as stale instead of being read as free text.
   */
  context?: string;
}

export type Sender = 'user' | 'bot' | 'agent' | 'system';
