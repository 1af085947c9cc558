/**
 * A protocol-level fake of whatsapp-web.js: a Client that is an EventEmitter (as the real one),
 * records sendMessage calls, and never launches a browser; plus Message- and Call-shaped objects
 * with the fields the real library sets (id._serialized, from, author, fromMe, isStatus, hasMedia,
 * type, body = caption for media, timestamp in seconds, downloadMedia() -> MessageMedia shape).
 */
import { EventEmitter } from 'node:events';
import type { WaCall, WaClient, WaMedia, WaMessage } from '../../channels/whatsapp/wa-types';

export interface SentRecord {
  chatId: string;
  content: string;
}

export class FakeWhatsAppClient extends EventEmitter implements WaClient {
  readonly sent: SentRecord[] = [];
  initializeCalls = 0;
  destroyCalls = 0;
  info = { wid: { _serialized: '6281100000000@c.us', user: '6281100000000' }, pushname: 'Helpdesk SPBE' };
  /** Make the next sendMessage calls fail or return nothing (a chat that does not exist). */
  sendBehaviour: 'ok' | 'not_found' | { error: Error } = 'ok';
  initializeError: Error | null = null;
  lidToPhone = new Map<string, string>();

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.initializeError) throw this.initializeError;
  }

  async destroy(): Promise<void> {
    this.destroyCalls += 1;
  }

  async sendMessage(chatId: string, content: string): Promise<unknown> {
    const b = this.sendBehaviour;
    if (typeof b === 'object') throw b.error;
    if (b === 'not_found') return undefined;
    this.sent.push({ chatId, content });
    return fakeMessage({ from: this.info.wid._serialized, fromMe: true, body: content, id: `true_${chatId}_OUT${this.sent.length}` });
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    return userIds.map((id) => ({ lid: id, pn: this.lidToPhone.get(id) ?? '' }));
  }

  /** Everything the adapter sent to one chat, in order. */
  textsTo(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.content);
  }
}

let seq = 0;

export interface FakeMessageInput {
  from?: string;
  body?: string;
  id?: string;
  fromMe?: boolean;
  author?: string;
  isStatus?: boolean;
  broadcast?: boolean;
  type?: string;
  timestamp?: number;
  notifyName?: string;
  media?: WaMedia | null;
  /** What WhatsApp Web announces before the download (msg._data.size / mimetype). */
  announced?: { size?: number; mimetype?: string };
}

export type FakeMessage = WaMessage & { downloadCalls: number };

export function fakeMessage(input: FakeMessageInput = {}): FakeMessage {
  const from = input.from ?? '6281234567890@c.us';
  const fromMe = input.fromMe ?? false;
  const raw = input.id ?? `${fromMe}_${from}_3EB0${(++seq).toString(16).toUpperCase().padStart(16, '0')}`;
  const hasMedia = input.media !== undefined;
  const msg: FakeMessage = {
    id: { _serialized: raw, fromMe, remote: from },
    from,
    ...(input.author ? { author: input.author } : {}),
    fromMe,
    isStatus: input.isStatus ?? from === 'status@broadcast',
    broadcast: input.broadcast ?? false,
    hasMedia,
    type: input.type ?? (hasMedia ? 'image' : 'chat'),
    body: input.body ?? (hasMedia ? '' : 'halo'),
    timestamp: input.timestamp ?? 1_750_000_000,
    _data: { notifyName: input.notifyName ?? 'Warga Cirebon', ...(input.announced ?? {}) },
    downloadCalls: 0,
    async downloadMedia() {
      msg.downloadCalls += 1;
      return input.media ?? undefined;
    },
  };
  return msg;
}

export const textMessage = (from: string, body: string, extra: FakeMessageInput = {}): FakeMessage =>
  fakeMessage({ ...extra, from, body });

export function mediaMessage(from: string, media: { mimetype: string; bytes: Buffer; filename?: string }, extra: FakeMessageInput = {}): FakeMessage {
  return fakeMessage({
    type: media.mimetype.startsWith('image/') ? 'image' : 'document',
    ...extra,
    from,
    media: { mimetype: media.mimetype, data: media.bytes.toString('base64'), filename: media.filename ?? null, filesize: media.bytes.length },
  });
}

export const groupMessage = (body = 'halo grup'): FakeMessage =>
  fakeMessage({ from: '120363000000000000@g.us', author: '6281234567890@c.us', body });

export const statusMessage = (): FakeMessage => fakeMessage({ from: 'status@broadcast', author: '6281234567890@c.us', body: 'status saya' });

export const ownMessage = (to = '6281234567890@c.us'): FakeMessage => fakeMessage({ from: '6281100000000@c.us', fromMe: true, id: `true_${to}_OWN${++seq}`, body: 'dari kami' });

export const lidMessage = (lid = '123456789012345@lid', body = 'halo dari lid'): FakeMessage => fakeMessage({ from: lid, body });

export type FakeCall = WaCall & { rejected: number };

export function fakeCall(from = '6281234567890@c.us', extra: Partial<WaCall> = {}): FakeCall {
  const call: FakeCall = {
    id: `CALL${++seq}`,
    from,
    fromMe: false,
    isGroup: false,
    isVideo: false,
    rejected: 0,
    ...extra,
    async reject() {
      call.rejected += 1;
    },
  };
  return call;
}

/** A factory that hands out a fresh fake client per call and remembers them all. */
export function fakeClientFactory(): { factory: () => FakeWhatsAppClient; clients: FakeWhatsAppClient[]; latest(): FakeWhatsAppClient } {
  const clients: FakeWhatsAppClient[] = [];
  return {
    clients,
    factory: () => {
      const c = new FakeWhatsAppClient();
      clients.push(c);
      return c;
    },
    latest: () => {
      const c = clients[clients.length - 1];
      if (!c) throw new Error('no client created yet');
      return c;
    },
  };
}
