/**
 * Pure: a whatsapp-web.js Message -> the InboundMessage the service stores, or why it is
 * ignored. Media bytes are fetched by the adapter (media.ts); the mapper only says there is media.
 */
import type { InboundMessage } from '../../src/domain/messages';
import type { WaMessage } from './wa-types';

export type IgnoreReason = 'own' | 'status' | 'group' | 'newsletter' | 'broadcast' | 'unsupported_sender' | 'unsupported_type' | 'empty';

export type MapResult =
  | { kind: 'accept'; message: InboundMessage; hasMedia: boolean }
  | { kind: 'ignore'; reason: IgnoreReason; detail?: string };

/** Types a citizen sends to a helpdesk; everything else (reactions, stickers, locations, system notices) is skipped. */
const TEXT_TYPES = new Set(['chat', 'list_response', 'buttons_response']);
const MEDIA_TYPES = new Set(['image', 'document', 'video', 'audio', 'ptt']);

/** A one-to-one chat: a phone JID (628...@c.us) or a privacy id (...@lid). */
export function isIndividualChat(id: string | undefined): id is string {
  return typeof id === 'string' && /^[0-9]+(:[0-9]+)?@(c\.us|lid)$/.test(id);
}

export function mapMessage(msg: WaMessage): MapResult {
  const from = msg.from ?? '';
  if (msg.fromMe || msg.id?.fromMe) return { kind: 'ignore', reason: 'own' };
  if (msg.isStatus || from === 'status@broadcast') return { kind: 'ignore', reason: 'status' };
  if (from.endsWith('@g.us') || msg.author) return { kind: 'ignore', reason: 'group' };
  if (from.endsWith('@newsletter')) return { kind: 'ignore', reason: 'newsletter' };
  if (from.endsWith('@broadcast') || msg.broadcast) return { kind: 'ignore', reason: 'broadcast' };
  if (!isIndividualChat(from)) return { kind: 'ignore', reason: 'unsupported_sender', detail: from };

  const hasMedia = msg.hasMedia === true && MEDIA_TYPES.has(msg.type);
  if (!hasMedia && !TEXT_TYPES.has(msg.type)) return { kind: 'ignore', reason: 'unsupported_type', detail: msg.type };
  const text = (msg.body ?? '').trim();
  if (!hasMedia && text === '') return { kind: 'ignore', reason: 'empty' };

  const senderName = msg._data?.notifyName?.trim();
  const message: InboundMessage = {
    channel: 'whatsapp',
    threadId: from,
    senderId: from,
    externalId: msg.id._serialized,
    text,
    receivedAt: typeof msg.timestamp === 'number' && msg.timestamp > 0 ? msg.timestamp * 1000 : Date.now(),
    ...(senderName ? { senderName } : {}),
  };
  return { kind: 'accept', message, hasMedia };
}
