/**
 * Sends rendered texts with WhatsApp's ban rules built in:
 * (a) never start a conversation: only chats that wrote to us (seen here, or known to the store);
 * (b) pacing per chat and a global per-minute cap (pacing.ts);
 * (c) no identical bulk text: the same text to more than N chats in a window is refused unless
 *     it answers that chat's message of the last 24 h;
 * (d) failures are typed: not connected -> TransientError, unknown number -> RecipientUnreachableError.
 */
import { createHash } from 'node:crypto';
import { RecipientUnreachableError, TransientError } from '../../src/domain/errors';
import type { PacingState } from '../shared/pacing-state';
import type { WhatsAppConfig } from './config';
import { Pacer } from './pacing';
import type { WaClient, WaLogger } from './wa-types';
import { silentLogger } from './wa-types';

export interface SenderDeps {
  config: WhatsAppConfig;
  /** Answers from the store whether this chat ever wrote to us (survives restarts). */
  hasWrittenFirst(threadId: string): Promise<boolean>;
  /** The connected client, or null while not connected. */
  connectedClient(): WaClient | null;
  /** Where pacing keeps its slots (shared through Redis by the service); default: this process's memory. */
  pacingState?: PacingState;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: WaLogger;
}

export class IdenticalBulkTextError extends Error {
  override name = 'IdenticalBulkTextError';
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export class WhatsAppSender {
  private readonly lastInbound = new Map<string, number>();
  /** Text hash -> chat -> when it went there (proactive sends only). */
  private readonly proactiveTexts = new Map<string, Map<string, number>>();
  private readonly pacer: Pacer;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: WaLogger;

  constructor(private readonly deps: SenderDeps) {
    this.pacer = new Pacer(deps.config.perChatIntervalMs, deps.config.globalPerMinute, deps.pacingState);
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? realSleep;
    this.log = deps.log ?? silentLogger;
  }

  /** Records that a chat wrote to us (a message or a call). */
  noteInbound(chatId: string, at = this.now()): void {
    const previous = this.lastInbound.get(chatId);
    this.lastInbound.set(chatId, previous === undefined ? at : Math.max(at, previous));
    if (this.lastInbound.size > 50_000) {
      // Forgetting is safe: the store's hasWrittenFirst still answers for old chats.
      const since = this.now() - this.deps.config.directReplyWindowMs;
      for (const [chat, t] of this.lastInbound) if (t < since) this.lastInbound.delete(chat);
    }
  }

  async send(chatId: string, texts: string[]): Promise<void> {
    if (texts.length === 0) return;
    if (!this.lastInbound.has(chatId) && !(await this.deps.hasWrittenFirst(chatId))) {
      throw new RecipientUnreachableError(`WhatsApp: ${chatId} belum pernah menghubungi kami; pesan tidak dikirim.`);
    }
    const key = textKey(texts.join('\n'));
    const proactive = this.isProactive(chatId);
    if (proactive) this.checkIdentical(chatId, key);
    for (const text of texts) {
      const wait = await this.pacer.reserve(chatId, this.now());
      if (wait > 0) await this.sleep(wait);
      await this.sendOne(chatId, text);
    }
    if (proactive) this.recordProactive(chatId, key);
  }

  private async sendOne(chatId: string, text: string): Promise<void> {
    const client = this.deps.connectedClient();
    if (!client) throw new TransientError('WhatsApp belum tersambung.', this.deps.config.reconnect.initialDelayMs);
    let sent: unknown;
    try {
      sent = await client.sendMessage(chatId, text);
    } catch (err) {
      throw classifySendError(err, this.deps.connectedClient() !== null);
    }
    // whatsapp-web.js resolves undefined when the chat cannot be found (the number is not on WhatsApp).
    if (sent === undefined || sent === null) {
      throw new RecipientUnreachableError(`WhatsApp: chat ${chatId} tidak ditemukan.`);
    }
  }

  private isProactive(chatId: string): boolean {
    const last = this.lastInbound.get(chatId);
    return last === undefined || this.now() - last > this.deps.config.directReplyWindowMs;
  }

  private checkIdentical(chatId: string, key: string): void {
    const chats = this.proactiveTexts.get(key);
    if (!chats) return;
    const since = this.now() - this.deps.config.identicalTextWindowMs;
    for (const [chat, at] of chats) if (at < since) chats.delete(chat);
    const others = [...chats.keys()].filter((c) => c !== chatId).length;
    if (others >= this.deps.config.identicalTextMaxChats) {
      this.log.error('refused identical text to many chats (WhatsApp ban risk)', { chatId, chats: others });
      throw new IdenticalBulkTextError(
        `WhatsApp: teks yang sama sudah dikirim ke ${others} chat dalam ${Math.round(this.deps.config.identicalTextWindowMs / 60_000)} menit; ` +
          'pengiriman massal ditolak agar nomor tidak diblokir.',
      );
    }
  }

  private recordProactive(chatId: string, key: string): void {
    const chats = this.proactiveTexts.get(key) ?? new Map<string, number>();
    chats.set(chatId, this.now());
    this.proactiveTexts.set(key, chats);
    if (this.proactiveTexts.size > 1000) this.pruneTexts();
  }

  private pruneTexts(): void {
    const since = this.now() - this.deps.config.identicalTextWindowMs;
    for (const [key, chats] of this.proactiveTexts) {
      for (const [chat, at] of chats) if (at < since) chats.delete(chat);
      if (chats.size === 0) this.proactiveTexts.delete(key);
    }
  }
}

function textKey(text: string): string {
  return createHash('sha256').update(text.trim().replace(/\s+/g, ' ').toLowerCase()).digest('hex');
}

const UNREACHABLE = /No LID for user|invalid wid|wid error|not a whatsapp user|not registered/i;
const BROWSER_GONE =
  /Session closed|Target closed|Protocol error|Execution context was destroyed|detached Frame|browser has disconnected|Connection closed|net::ERR_|timed? ?out/i;

/** Maps a sendMessage failure to the error type that decides retries (src/queue/retry-policy.ts). */
export function classifySendError(err: unknown, stillConnected: boolean): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (UNREACHABLE.test(message)) return new RecipientUnreachableError(`WhatsApp: penerima tidak dapat dijangkau (${message}).`);
  if (!stillConnected || BROWSER_GONE.test(message)) return new TransientError(`WhatsApp: pengiriman gagal sementara (${message}).`);
  return err instanceof Error ? err : new Error(message);
}
