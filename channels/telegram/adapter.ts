/**
 * Telegram (telegraf) as a ChannelAdapter. Thin: updates -> mapper -> ingress; Reply -> renderer ->
 * paced sender. Long polling by default; webhook mode exposes `webhookPath` + `webhookHandler()`
 * for the composition root to mount. Groups only register/unregister as agency notification
 * groups and receive `sendGroupNotification`.
 */
import { Telegraf, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import { TransientError, UserInputError } from '../../src/domain/errors';
import type { InboundMessage, Reply } from '../../src/domain/messages';
import type { Logger } from '../../src/runtime/logger';
import type { AttachmentSink, ChannelAdapter, ChannelState, ChannelStatus, Ingress } from '../types';
import { CallbackDataMap, type CallbackValueStore } from './callback-data';
import { parseTelegramOptions, type TelegramOptions, type TelegramOptionsInput } from './config';
import { registerGroup, unregisterGroup, type GroupCommandDeps } from './group-commands';
import type { GroupRegistry } from './group-registry';
import { IngressRelay } from './ingress-relay';
import { KeyboardTracker, type LiveKeyboards } from './keyboards';
import { mapUpdate, type MappedUpdate } from './mapper';
import { receiveMedia } from './media';
import { Pacer, systemClock, type Clock } from './pacer';
import { renderReply } from './renderer';
import type { PacingState } from '../shared/pacing-state';
import { TelegramSender } from './sender';
import { isTelegramUpdate } from './update-schema';
import { createWebhookHandler } from './webhook';

export interface TelegramAdapterDeps {
  attachments?: AttachmentSink;
  groups?: GroupRegistry;
  logger?: Logger;
  /**
   * true the first time `key` is seen (shared by every process): answers the adapter makes itself
   * (unsupported content, group commands, refused messages) are not repeated when Telegram
   * redelivers an update. Absent: always true.
   */
  replyOnce?: (key: string) => Promise<boolean>;
  /** Tests inject a fake clock; pacing and retry waits go through it. */
  clock?: Clock;
  /**
   * Long polling: a time (Date.now() scale) before which this process may hold Telegram's long
   * poll, from the channel owner's lease (src/app/channel-owners.ts). Each getUpdates asks
   * Telegram to answer before it (minus a margin), so even a frozen process's poll ends before
   * another process can own the channel; with no time left, polling pauses until there is.
   * Absent: unlimited (one process).
   */
  pollUntil?: () => number;
  /** Callback data too long for Telegram's 64 bytes, kept where every process finds it (the store). */
  callbackStore?: CallbackValueStore;
  /** Where outbound pacing keeps its numbers (shared through Redis by the service); default: memory. */
  pacingState?: PacingState;
  /** Which message's keyboard is live per chat (shared through the store by the service); default: memory. */
  liveKeyboards?: LiveKeyboards;
}

/** Margin between the end of a long poll Telegram is asked for and the end of the lease. */
const POLL_MARGIN_MS = 2000;
/** Wait before polling again after it paused for want of lease time. */
const POLL_PAUSE_MS = 1000;

const UNSUPPORTED_NOTE = 'Maaf, jenis pesan ini belum dapat kami proses. Silakan kirim pesan teks, foto, atau dokumen.';
const EXPIRED_CHOICE = 'Pilihan ini sudah kedaluwarsa. Silakan ketik pilihan Anda atau kirim /menu.';
const USED_NOTE = 'Pilihan ini sudah Anda pilih sebelumnya.';
const BUSY_NOTE = 'Maaf, layanan sedang sibuk sehingga pesan Anda belum dapat kami proses. Silakan kirim ulang beberapa saat lagi.';
const REFUSED_NOTE = 'Maaf, pesan Anda tidak dapat kami proses. Silakan kirim ulang, atau kirim /bantuan untuk melihat perintah yang tersedia.';
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;
const silent: Logger = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };

export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly options: TelegramOptions;
  private readonly bot: Telegraf;
  private readonly sender: TelegramSender;
  private readonly relay: IngressRelay;
  private readonly callbacks: CallbackDataMap;
  private readonly keyboards: KeyboardTracker;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private ingress: Ingress | null = null;
  private current: ChannelStatus;
  private polling: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(options: TelegramOptionsInput, private readonly deps: TelegramAdapterDeps = {}) {
    this.options = parseTelegramOptions(options);
    this.logger = deps.logger ?? silent;
    this.clock = deps.clock ?? systemClock;
    this.callbacks = new CallbackDataMap(10_000, deps.callbackStore);
    this.current = { channel: 'telegram', state: 'disconnected', detail: 'belum dimulai', since: this.clock.now() };
    // Long handler timeout: in polling mode a handler may wait for the ingress (see ingress-relay.ts).
    this.bot = new Telegraf(this.options.token, { telegram: { apiRoot: this.options.apiRoot }, handlerTimeout: 30 * 60_000 });
    this.bot.use((ctx) => this.handle(ctx.update, 'polling'));
    this.bot.catch((err) => this.logger.error('telegram: update handler failed', { err }));
    if (deps.pollUntil) this.guardPolling(deps.pollUntil);
    const callApi = (method: string, payload: Record<string, unknown>) => this.bot.telegram.callApi(method as 'sendMessage', payload as never);
    this.sender = new TelegramSender(callApi, new Pacer(this.options, this.clock, deps.pacingState), this.clock.now);
    this.keyboards = new KeyboardTracker(
      (payload) => callApi('editMessageReplyMarkup', payload),
      (err) => this.logFailure('editMessageReplyMarkup', err),
      deps.liveKeyboards,
    );
    this.relay = new IngressRelay({
      attempts: this.options.acceptAttempts,
      backoffMs: this.options.acceptBackoffMs,
      sleep: (ms) => this.clock.sleep(ms),
      logger: this.logger,
    });
  }

  /** Path of webhookUrl: mount `app.post(webhookPath, express.json(), webhookHandler())`. */
  get webhookPath(): string {
    return this.options.webhookUrl ? new URL(this.options.webhookUrl).pathname : '/telegram/webhook';
  }

  webhookHandler() {
    return createWebhookHandler({
      secret: this.options.webhookSecret ?? '',
      logger: this.logger,
      process: (update) => this.handle(update as unknown as Update, 'webhook'),
    });
  }

  /** Resolves after the first connection attempt; failures show in status() and are retried. */
  async start(ingress: Ingress): Promise<void> {
    this.ingress = ingress;
    this.stopped = false;
    this.setState('starting');
    await this.connect(1);
  }

  async send(threadId: string, reply: Reply): Promise<void> {
    const long: string[] = [];
    const payloads = renderReply(reply, {
      callbackData: (v) => {
        if (CallbackDataMap.needsKey(v)) long.push(v);
        return this.callbacks.encode(v);
      },
    });
    if (payloads.length === 0) return;
    // A press may reach another process (or this one after a restart): keep long values shared.
    if (long.length > 0) await this.callbacks.share(long).catch((err: unknown) => {
      throw new TransientError(`callback data not stored: ${describe(err)}`);
    });
    // Whatever the bot says next, the previous question's buttons are gone.
    await this.keyboards.retire(threadId);
    const lastId = await this.sender.send(threadId, payloads);
    const buttons = payloads[payloads.length - 1]!.reply_markup?.inline_keyboard.some((row) => row.some((b) => 'callback_data' in b));
    if (buttons && lastId !== null) await this.keyboards.shown(threadId, lastId);
  }

  /** New tickets, waiting chats, escalations to a registered group (paced 20/min per group). */
  sendGroupNotification(chatId: string, reply: Reply): Promise<void> {
    return this.send(chatId, { text: reply.text, ...(reply.links ? { links: reply.links } : {}) });
  }

  status(): ChannelStatus {
    return { ...this.current };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.polling) {
      this.bot.stop('adapter stop');
      await this.polling.catch(() => undefined);
      this.polling = null;
    }
    this.setState('disconnected', 'dihentikan');
  }

  private async connect(attempt: number): Promise<void> {
    if (this.options.mode === 'polling' && this.pollTimeLeft() <= 0) return this.pollLater();
    try {
      this.bot.botInfo = await this.bot.telegram.getMe();
      if (this.options.mode === 'webhook') {
        await this.bot.telegram.setWebhook(this.options.webhookUrl!, {
          secret_token: this.options.webhookSecret!,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
        });
      } else {
        const polling = this.bot.launch({ dropPendingUpdates: false, allowedUpdates: [...ALLOWED_UPDATES] });
        this.polling = polling;
        polling.then(
          () => {
            if (this.polling === polling) this.polling = null;
            if (this.stopped) return;
            this.setState('disconnected', 'long polling berhenti');
            this.pollLater();
          },
          (err) => this.onConnectFailure(err, attempt),
        );
      }
      this.setState('connected', `@${this.bot.botInfo.username} (${this.options.mode})`);
    } catch (err) {
      this.onConnectFailure(err, attempt);
    }
  }

  /** Milliseconds this process may still keep a long poll open (Infinity without a guard). */
  private pollTimeLeft(): number {
    return this.deps.pollUntil ? this.deps.pollUntil() - Date.now() - POLL_MARGIN_MS - 1000 : Infinity;
  }

  /** Polling paused (no lease time left, or Telegraf's loop ended): try again shortly, unless stopped. */
  private pollLater(): void {
    if (this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(1), POLL_PAUSE_MS);
    this.retryTimer.unref();
  }

  /**
   * Shortens every long poll to end before pollUntil (minus a margin), and refuses one with no
   * time left: Telegraf's loop ends on an AbortError, and pollLater() resumes when time is back.
   */
  private guardPolling(pollUntil: () => number): void {
    const telegram = this.bot.telegram;
    const callApi = telegram.callApi.bind(telegram) as (method: string, payload: Record<string, unknown>, options?: unknown) => Promise<unknown>;
    const guarded = (method: string, payload: Record<string, unknown>, options?: unknown): Promise<unknown> => {
      if (method !== 'getUpdates') return callApi(method, payload, options);
      const left = pollUntil() - Date.now() - POLL_MARGIN_MS;
      if (left < 1000) {
        const err = new Error('channel lease has no time left for a long poll');
        err.name = 'AbortError';
        return Promise.reject(err);
      }
      const timeout = typeof payload.timeout === 'number' ? Math.min(payload.timeout, Math.floor(left / 1000)) : payload.timeout;
      return callApi(method, timeout === undefined ? payload : { ...payload, timeout }, options);
    };
    telegram.callApi = guarded as typeof telegram.callApi;
  }

  /** 401 (bad token) and 409 (another poller or a webhook) need the operator; anything else is retried. */
  private onConnectFailure(err: unknown, attempt: number): void {
    this.polling = null;
    if (err instanceof TelegramError && (err.code === 401 || err.code === 409)) {
      this.setState('failed', err.code === 401 ? 'token bot ditolak Telegram (401)' : `konflik: ${describe(err)}`);
      return;
    }
    this.setState('disconnected', `tidak dapat terhubung ke Telegram: ${describe(err)}`);
    if (this.stopped) return;
    const wait = Math.min(60_000, 1000 * 2 ** attempt);
    this.retryTimer = setTimeout(() => void this.connect(attempt + 1), wait);
    this.retryTimer.unref();
  }

  private async handle(update: Update, mode: 'polling' | 'webhook'): Promise<void> {
    if (!isTelegramUpdate(update)) {
      this.logger.warn('telegram: malformed update ignored', { mode });
      return;
    }
    const data = (update as { callback_query?: { data?: unknown } }).callback_query?.data;
    if (typeof data === 'string') await this.callbacks.load(data).catch((err: unknown) => this.logFailure('callback data lookup', err));
    const mapped = mapUpdate(update, {
      ...(this.bot.botInfo ? { botUsername: this.bot.botInfo.username } : {}),
      resolveCallbackData: (d) => this.callbacks.decode(d),
      now: this.clock.now,
    });
    return this.act(mapped, mode);
  }

  private async act(m: MappedUpdate, mode: 'polling' | 'webhook'): Promise<void> {
    const ingress = this.ingress;
    if (!ingress) throw new TransientError('telegram adapter not started yet', 5000); // webhook -> 503, redelivered
    // Refused at the door: the user hears why instead of silence (once per message).
    const deliver = async (message: InboundMessage) => {
      let failure: Error | null;
      if (mode === 'webhook') {
        try {
          await this.relay.deliverOnce(ingress, message);
          failure = null;
        } catch (err) {
          if (err instanceof TransientError) throw err; // 503: Telegram redelivers
          failure = err instanceof Error ? err : new Error(String(err));
        }
      } else {
        failure = await this.relay.deliverWithRetry(ingress, message, () => this.stopped);
      }
      if (failure && !this.stopped) {
        const text = failure instanceof UserInputError ? failure.message : failure instanceof TransientError ? BUSY_NOTE : REFUSED_NOTE;
        await this.notifyOnce(`refused:${message.externalId}`, message.threadId, text);
      }
    };
    switch (m.kind) {
      case 'message':
        return this.relay.inOrder(m.message.threadId, async () => {
          const media = await receiveMedia(m.media, {
            getFileLink: (id) => this.bot.telegram.getFileLink(id),
            ...(this.deps.attachments ? { sink: this.deps.attachments } : {}),
            maxBytes: this.options.maxDownloadBytes,
            logger: this.logger,
          });
          await deliver(media.length > 0 ? { ...m.message, media } : m.message);
        });
      case 'callback': {
        // Ack at once so the button stops spinning; a failed ack only costs the spinner.
        const ack = this.bot.telegram.answerCbQuery(m.callbackQueryId).catch((err) => this.logFailure('answerCallbackQuery', err));
        if (m.keyboard) await this.keyboards.used(m.keyboard);
        await this.relay.inOrder(m.message.threadId, () => deliver(m.message));
        await ack;
        return;
      }
      case 'expired_callback':
        if (m.keyboard) await this.keyboards.used({ ...m.keyboard, label: undefined });
        await this.bot.telegram.answerCbQuery(m.callbackQueryId, EXPIRED_CHOICE, { show_alert: true }).catch((err) => this.logFailure('answerCallbackQuery', err));
        return;
      case 'used_callback':
        await this.bot.telegram.answerCbQuery(m.callbackQueryId, USED_NOTE).catch((err) => this.logFailure('answerCallbackQuery', err));
        return;
      case 'unsupported':
        return this.notifyOnce(`unsupported:${m.chatId}:${m.messageId}`, m.chatId, UNSUPPORTED_NOTE);
      case 'group_register':
        if (!(await this.firstTime(`group:${m.chat.id}:${m.messageId}`))) return;
        return this.notify(m.chat.id, await registerGroup(m.chat, m.by, m.code, this.groupDeps()));
      case 'group_unregister':
        if (!(await this.firstTime(`group:${m.chat.id}:${m.messageId}`))) return;
        return this.notify(m.chat.id, await unregisterGroup(m.chat, m.by, this.groupDeps()));
      case 'bot_removed':
        if (this.deps.groups) await this.deps.groups.unregister(m.chatId).catch((err) => this.logFailure('unregister', err));
        return;
      case 'ignore':
        this.logger.debug('telegram: update ignored', { reason: m.reason });
        return;
    }
  }

  /** Whether the adapter answers `key` for the first time (a redelivered update is not answered twice). */
  private async firstTime(key: string): Promise<boolean> {
    if (!this.deps.replyOnce) return true;
    try {
      return await this.deps.replyOnce(key);
    } catch (err) {
      this.logFailure('replyOnce', err);
      return true; // better a rare repeat than silence
    }
  }

  private async notifyOnce(key: string, chatId: string, text: string): Promise<void> {
    if (await this.firstTime(key)) await this.notify(chatId, text);
  }

  private groupDeps(): GroupCommandDeps {
    return {
      ...(this.deps.groups ? { registry: this.deps.groups } : {}),
      logger: this.logger,
      isGroupAdmin: async (chatId, userId) => {
        const member = await this.bot.telegram.getChatMember(chatId, Number(userId));
        return member.status === 'creator' || member.status === 'administrator';
      },
    };
  }

  /** A short adapter-made answer (group commands, unsupported content); failures are only logged. */
  private async notify(chatId: string, text: string): Promise<void> {
    await this.send(chatId, { text }).catch((err) => this.logFailure('sendMessage', err));
  }

  private logFailure(what: string, err: unknown): void {
    this.logger.warn(`telegram: ${what} failed`, { error: describe(err) });
  }

  private setState(state: ChannelState, detail?: string): void {
    this.current = { channel: 'telegram', state, ...(detail ? { detail } : {}), since: this.clock.now() };
  }
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/bot\d+:[\w-]+/g, 'bot<token>');
}
