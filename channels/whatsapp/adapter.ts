/**
 * WhatsApp (whatsapp-web.js) as a ChannelAdapter. Thin: incoming messages are mapped and handed
 * to the ingress (media saved first), replies are rendered and sent through the ban-safe sender,
 * calls are rejected with a polite text. The session's lifecycle lives in connection.ts.
 */
import { TransientError, UserInputError } from '../../src/domain/errors';
import type { InboundMessage, Reply } from '../../src/domain/messages';
import type { AttachmentSink, ChannelAdapter, ChannelStatus, Ingress } from '../types';
import { CallResponder } from './calls';
import type { WhatsAppConfig } from './config';
import { WhatsAppConnection, type Schedule } from './connection';
import { mapMessage } from './mapper';
import { receiveMedia } from './media';
import { renderReply } from './renderer';
import type { PacingState } from '../shared/pacing-state';
import { WhatsAppSender } from './sender';
import type { WaCall, WaClient, WaClientFactory, WaLogger, WaMessage } from './wa-types';
import { stderrLogger } from './wa-types';

export interface WhatsAppAdapterOptions {
  config: WhatsAppConfig;
  /** createClientFactory(config, ...) in production; a fake client in tests. */
  clientFactory: WaClientFactory;
  /** Whether this chat ever wrote to us, answered from the store (so it survives restarts). */
  hasWrittenFirst(threadId: string): Promise<boolean>;
  attachments: AttachmentSink;
  log?: WaLogger;
  /** Where outbound pacing keeps its slots (shared through Redis by the service); default: memory. */
  pacingState?: PacingState;
  printQr?: (qr: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  schedule?: Schedule;
}

const BUSY_NOTICE = 'Maaf, layanan sedang sibuk sehingga pesan Anda belum dapat kami proses. Silakan kirim ulang beberapa saat lagi.';
const REFUSED_NOTICE = 'Maaf, pesan Anda tidak dapat kami proses. Silakan kirim ulang dengan teks biasa.';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export class WhatsAppAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp' as const;
  private readonly connection: WhatsAppConnection;
  private readonly sender: WhatsAppSender;
  private readonly log: WaLogger;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private ingress: Ingress | null = null;
  /** Per-chat chain so one chat's messages reach the ingress in order even when media is slow. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly calls: CallResponder;

  constructor(private readonly options: WhatsAppAdapterOptions) {
    this.log = options.log ?? stderrLogger;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.connection = new WhatsAppConnection({
      config: options.config,
      factory: options.clientFactory,
      log: this.log,
      onClient: (client) => this.attach(client),
      now: this.now,
      ...(options.printQr ? { printQr: options.printQr } : {}),
      ...(options.schedule ? { schedule: options.schedule } : {}),
    });
    this.sender = new WhatsAppSender({
      config: options.config,
      hasWrittenFirst: (id) => options.hasWrittenFirst(id),
      connectedClient: () => this.connection.connectedClient(),
      now: this.now,
      sleep: this.sleep,
      log: this.log,
      ...(options.pacingState ? { pacingState: options.pacingState } : {}),
    });
    this.calls = new CallResponder(options.config, this.sender, this.log, this.now);
  }

  async start(ingress: Ingress): Promise<void> {
    this.ingress = ingress;
    if (!this.options.config.enabled) {
      this.connection.setState('disabled', 'WHATSAPP_ENABLED bukan true.');
      return;
    }
    this.connection.start();
  }

  async send(threadId: string, reply: Reply): Promise<void> {
    if (!this.options.config.enabled) throw new Error('Kanal WhatsApp tidak aktif.');
    await this.sender.send(threadId, renderReply(reply));
  }

  status(): ChannelStatus {
    return this.connection.status();
  }
  /** The last QR string while a scan is needed (for the officer console), else null. */
  latestQr(): string | null {
    return this.connection.latestQr();
  }
  onStatusChange(listener: (status: ChannelStatus) => void): () => void {
    return this.connection.onStatusChange(listener);
  }

  async stop(): Promise<void> {
    if (!this.options.config.enabled) return;
    await this.connection.stop();
    await Promise.allSettled([...this.chains.values()]);
  }

  private attach(client: WaClient): void {
    client.on('message', (msg: WaMessage) => this.enqueue(msg));
    client.on('call', (call: WaCall) => void this.calls.handle(call));
  }

  private enqueue(msg: WaMessage): void {
    const key = msg.from ?? '';
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(() => this.handleMessage(msg))
      .catch((err: unknown) => this.log.error('WhatsApp message handling failed', { externalId: msg.id?._serialized, err }));
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async handleMessage(msg: WaMessage): Promise<void> {
    const mapped = mapMessage(msg);
    if (mapped.kind === 'ignore') {
      this.log.debug('WhatsApp message ignored', { reason: mapped.reason, detail: mapped.detail });
      return;
    }
    const inbound: InboundMessage = mapped.message;
    this.sender.noteInbound(inbound.threadId, this.now());
    if (mapped.hasMedia) {
      const outcome = await receiveMedia(msg, this.options.config.media, this.options.attachments, this.log);
      if (outcome.kind === 'saved') inbound.media = [outcome.ref];
      else {
        await this.sender.send(inbound.threadId, [outcome.notice]).catch((err: unknown) =>
          this.log.warn('WhatsApp media notice not sent', { threadId: inbound.threadId, err }),
        );
        if (inbound.text === '') return;
      }
    }
    await this.accept(inbound);
  }

  /** Retries the ingress while it reports a transient fault; WhatsApp will not redeliver. */
  private async accept(message: InboundMessage): Promise<void> {
    const { attempts, initialDelayMs } = this.options.config.accept;
    for (let attempt = 1; ; attempt++) {
      if (!this.ingress) throw new Error('WhatsApp adapter not started');
      try {
        await this.ingress.accept(message);
        return;
      } catch (err) {
        const transient = err instanceof TransientError || (err instanceof Error && err.name === 'TransientError');
        if (!transient || attempt >= attempts) {
          this.log.error('WHATSAPP MESSAGE NOT STORED: the ingress refused it; the citizen is told', {
            externalId: message.externalId,
            threadId: message.threadId,
            attempts: attempt,
            err,
          });
          // Refused at the door: the citizen hears why (or that we are busy), never silence.
          const notice = err instanceof UserInputError ? err.message : transient ? BUSY_NOTICE : REFUSED_NOTICE;
          await this.sender.send(message.threadId, [notice]).catch((e: unknown) => this.log.warn('WhatsApp refusal notice not sent', { threadId: message.threadId, error: String(e) }));
          return;
        }
        await this.sleep(initialDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}
