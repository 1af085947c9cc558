/**
 * The WhatsApp Web session's life: create the client, follow its events into a channel status
 * (starting -> needs_qr -> connected -> disconnected -> ... or failed), and reconnect with
 * exponential backoff (destroy, new client, initialize) after a disconnect.
 */
import path from 'node:path';
import qrcode from 'qrcode-terminal';
import type { ChannelState, ChannelStatus } from '../types';
import type { WhatsAppConfig } from './config';
import type { WaClient, WaClientFactory, WaLogger } from './wa-types';

export type Schedule = (fn: () => void, ms: number) => () => void;

export interface ConnectionDeps {
  config: WhatsAppConfig;
  factory: WaClientFactory;
  log: WaLogger;
  /** Called for every new client so the adapter can attach its message and call handlers. */
  onClient(client: WaClient): void;
  printQr?: (qr: string) => void;
  schedule?: Schedule;
  now?: () => number;
}

/** QR codes go to stderr: stdout is reserved for machine output. */
export const printQrToStderr = (qr: string): void =>
  qrcode.generate(qr, { small: true }, (art) => process.stderr.write(`${art}\n`));

const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

export class WhatsAppConnection {
  private current: WaClient | null = null;
  private currentStatus: ChannelStatus;
  private qr: string | null = null;
  private attempts = 0;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private readonly listeners = new Set<(s: ChannelStatus) => void>();
  private readonly now: () => number;

  constructor(private readonly deps: ConnectionDeps) {
    this.now = deps.now ?? Date.now;
    this.currentStatus = { channel: 'whatsapp', state: 'starting', since: this.now() };
  }

  status(): ChannelStatus {
    return { ...this.currentStatus };
  }
  latestQr(): string | null {
    return this.qr;
  }
  /** The client when it is ready to send, else null. */
  connectedClient(): WaClient | null {
    return this.currentStatus.state === 'connected' ? this.current : null;
  }
  onStatusChange(listener: (s: ChannelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setState(state: ChannelState, detail?: string): void {
    const prev = this.currentStatus;
    if (prev.state === state && prev.detail === detail) return;
    this.currentStatus = { channel: 'whatsapp', state, since: this.now(), ...(detail ? { detail } : {}) };
    for (const l of this.listeners) l(this.status());
  }

  start(): void {
    this.stopped = false;
    this.launch(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.dispose();
    this.setState('disconnected', 'Dihentikan.');
  }

  private launch(reconnecting: boolean): void {
    let client: WaClient;
    try {
      client = this.deps.factory();
    } catch (err) {
      this.setState('failed', `Klien WhatsApp tidak dapat dibuat: ${String(err)}`);
      return;
    }
    this.current = client;
    this.wire(client);
    this.deps.onClient(client);
    if (!reconnecting) this.setState('starting');
    client.initialize().catch((err: unknown) => {
      if (client !== this.current || this.stopped) return;
      this.deps.log.error('WhatsApp initialize failed', { err, chromium: this.deps.config.chromiumPath });
      if (reconnecting) this.scheduleReconnect(`initialize gagal: ${String(err)}`);
      else this.setState('failed', `Gagal memulai WhatsApp Web (Chromium: ${this.deps.config.chromiumPath}): ${String(err)}`);
    });
  }

  private wire(client: WaClient): void {
    const mine = <A extends unknown[]>(fn: (...a: A) => void) => (...a: A): void => {
      if (client === this.current && !this.stopped) fn(...a);
    };
    client.on('qr', mine((qr: string) => {
      this.qr = qr;
      this.setState('needs_qr', 'Pindai kode QR dengan WhatsApp di ponsel (Perangkat tertaut).');
      (this.deps.printQr ?? printQrToStderr)(qr);
    }));
    client.on('authenticated', mine(() => {
      this.qr = null;
      this.deps.log.info('WhatsApp authenticated');
    }));
    client.on('auth_failure', mine((message: unknown) => {
      const dir = path.join(this.deps.config.dataDir, `session-${this.deps.config.clientId}`);
      this.deps.log.error('WhatsApp authentication failed: delete the session folder and scan the QR again', { dir, message: String(message) });
      this.setState('failed', `Autentikasi WhatsApp gagal (${String(message)}). Hapus folder sesi ${dir} lalu pindai QR lagi.`);
    }));
    client.on('ready', mine(() => {
      this.attempts = 0;
      this.qr = null;
      this.setState('connected');
    }));
    client.on('change_state', mine((state: unknown) => this.deps.log.debug('WhatsApp state', { state: String(state) })));
    client.on('disconnected', mine((reason: unknown) => {
      this.deps.log.warn('WhatsApp disconnected', { reason: String(reason) });
      this.scheduleReconnect(String(reason));
    }));
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped || this.cancelTimer) return;
    const { initialDelayMs, maxDelayMs, maxAttempts } = this.deps.config.reconnect;
    this.attempts += 1;
    if (this.attempts > maxAttempts) {
      const dir = path.join(this.deps.config.dataDir, `session-${this.deps.config.clientId}`);
      this.deps.log.error(
        `WhatsApp could not reconnect after ${maxAttempts} attempts. Check the phone's connection; ` +
          `if the device was unlinked, delete ${dir}, restart and scan the QR again.`,
        { reason },
      );
      this.setState('failed', `Gagal tersambung ulang setelah ${maxAttempts} percobaan (${reason}). Periksa ponsel; bila perangkat sudah tidak tertaut, hapus ${dir}, mulai ulang layanan dan pindai QR lagi.`);
      return;
    }
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** (this.attempts - 1));
    this.setState('disconnected', `Terputus (${reason}); menyambung ulang, percobaan ${this.attempts}/${maxAttempts}.`);
    this.cancelTimer = (this.deps.schedule ?? realSchedule)(() => {
      this.cancelTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    await this.dispose();
    if (!this.stopped) this.launch(true);
  }

  private async dispose(): Promise<void> {
    const old = this.current;
    this.current = null;
    if (!old) return;
    old.removeAllListeners();
    await old.destroy().catch((err: unknown) => this.deps.log.warn('WhatsApp destroy failed', { err }));
  }
}
