/**
 * Sends rendered payloads to one chat, paced (pacer.ts) and in order per chat, and turns
 * Telegram's answers into our typed errors: 429 -> TransientError(retry_after), 5xx and network
 * faults -> TransientError, blocked / deactivated / chat not found -> RecipientUnreachableError,
 * other 400s -> a final Error. A multi-chunk reply that failed half-way remembers (for an hour)
 * which chunks went out, so the queue's retry sends only the rest.
 */
import { createHash } from 'node:crypto';
import { TelegramError } from 'telegraf';
import { RecipientUnreachableError, TransientError } from '../../src/domain/errors';
import type { Pacer } from './pacer';
import { htmlToPlain, type SendMessagePayload } from './renderer';

export type CallApi = (method: string, payload: Record<string, unknown>) => Promise<unknown>;

const UNREACHABLE_400 = /chat not found|user not found|peer_id_invalid|chat was deactivated|bot was kicked|not a member/i;
const PROGRESS_TTL_MS = 60 * 60 * 1000;

export function toDeliveryError(err: unknown): Error {
  if (err instanceof TelegramError) {
    const what = `Telegram ${err.code}: ${err.description}`;
    if (err.code === 429) return new TransientError(what, (err.parameters?.retry_after ?? 1) * 1000);
    if (err.code >= 500) return new TransientError(what);
    if (err.code === 403) return new RecipientUnreachableError(what);
    if (err.code === 400 && UNREACHABLE_400.test(err.description)) return new RecipientUnreachableError(what);
    // A wrong token or apiRoot: not the message's fault; retry after the operator fixed the config.
    if (err.code === 401 || err.code === 404) return new TransientError(what, 60_000);
    return new Error(what);
  }
  if (err instanceof TransientError || err instanceof RecipientUnreachableError) return err;
  // node-fetch FetchError, ECONNRESET, timeouts: the platform did not answer.
  return new TransientError(`Telegram unreachable: ${err instanceof Error ? err.message : String(err)}`);
}

export class TelegramSender {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly progress = new Map<string, { sent: number; expires: number }>();

  constructor(
    private readonly callApi: CallApi,
    private readonly pacer: Pacer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends the payloads to `chatId` in order after any earlier sends to that chat; resolves with the id of the last message sent. */
  send(chatId: string, payloads: SendMessagePayload[]): Promise<number | null> {
    const previous = this.tails.get(chatId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.sendNow(chatId, payloads));
    this.tails.set(chatId, run);
    void run.catch(() => undefined).then(() => {
      if (this.tails.get(chatId) === run) this.tails.delete(chatId);
    });
    return run;
  }

  private async sendNow(chatId: string, payloads: SendMessagePayload[]): Promise<number | null> {
    const key = createHash('sha256').update(chatId).update(JSON.stringify(payloads)).digest('base64url');
    let sent = this.progress.get(key)?.sent ?? 0;
    let lastId: number | null = null;
    for (; sent < payloads.length; sent++) {
      await this.pacer.acquire(chatId);
      try {
        lastId = await this.sendOne(chatId, payloads[sent]!);
      } catch (err) {
        if (sent > 0) this.remember(key, sent);
        const failure = toDeliveryError(err);
        if (failure instanceof TransientError && failure.retryAfterMs) {
          await this.pacer.defer(chatId, failure.retryAfterMs).catch(() => undefined);
        }
        throw failure;
      }
    }
    this.progress.delete(key);
    return lastId;
  }

  private async sendOne(chatId: string, payload: SendMessagePayload): Promise<number | null> {
    let result: unknown;
    try {
      result = await this.callApi('sendMessage', { chat_id: chatId, ...payload });
    } catch (err) {
      if (!(err instanceof TelegramError && err.code === 400 && /can't parse entities/i.test(err.description))) throw err;
      // Our HTML should always parse; if it does not, the user still gets the words.
      const { parse_mode: _html, ...rest } = payload;
      result = await this.callApi('sendMessage', { chat_id: chatId, ...rest, text: htmlToPlain(payload.text) });
    }
    const id = (result as { message_id?: unknown } | null)?.message_id;
    return typeof id === 'number' ? id : null;
  }

  private remember(key: string, sent: number): void {
    const now = this.now();
    for (const [k, v] of this.progress) if (v.expires <= now) this.progress.delete(k);
    this.progress.set(key, { sent, expires: now + PROGRESS_TTL_MS });
  }
}
