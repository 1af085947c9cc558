/** Test doubles shared by the Telegram suites: a recording ingress, clocks, a recording logger. */
import { TransientError } from '../../../src/domain/errors';
import type { InboundMessage, MediaRef } from '../../../src/domain/messages';
import type { Logger } from '../../../src/runtime/logger';
import type { AttachmentSink, Ingress } from '../../../channels/types';
import type { Clock } from '../../../channels/telegram/pacer';

export class RecordingIngress implements Ingress {
  readonly accepted: InboundMessage[] = [];
  attempts = 0;
  /** How many upcoming accept() calls reject with TransientError. */
  failNext = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  async accept(message: InboundMessage): Promise<{ duplicate: boolean }> {
    this.attempts++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new TransientError('antrean penuh', 50);
    }
    const duplicate = this.accepted.some((m) => m.externalId === message.externalId);
    if (!duplicate) this.accepted.push(message);
    this.waiters = this.waiters.filter((w) => (this.accepted.length >= w.count ? (w.resolve(), false) : true));
    return { duplicate };
  }

  async waitFor(count: number): Promise<InboundMessage[]> {
    if (this.accepted.length < count) await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    return this.accepted;
  }
}

/** Sleeps resolve at once and move time forward; every wait is recorded for assertions. */
export class AutoClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private t = 1_760_000_000_000) {}
  now = (): number => this.t;
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.t += ms;
  };
}

/** Sleeps stay pending until the test advances time. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  private pending: { until: number; resolve: () => void }[] = [];
  constructor(private t = 1_760_000_000_000) {}
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.pending.push({ until: this.t + ms, resolve }));
  };
  advance(ms: number): void {
    this.t += ms;
    this.pending = this.pending.filter((p) => (p.until <= this.t ? (p.resolve(), false) : true));
  }
}

export interface LogLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}
export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  const logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), child: () => logger, lines };
  return logger;
}

export class RecordingSink implements AttachmentSink {
  readonly saved: { bytes: Buffer; mimeType: string; fileName?: string }[] = [];
  async save(input: { bytes: Buffer; mimeType: string; fileName?: string }): Promise<MediaRef> {
    this.saved.push(input);
    return { kind: 'image', mimeType: input.mimeType, sizeBytes: input.bytes.length, storageKey: `att-${this.saved.length}` };
  }
}

/** Lets pending I/O callbacks run (for "nothing happened" assertions after a known later event). */
export const flush = () => new Promise((resolve) => setImmediate(resolve));
