/**
 * One outbound lane per channel for the in-process queue: FIFO, a concurrency limit and an
 * optional rate limit ("max jobs per duration", the same fixed-window meaning as BullMQ's
 * limiter) so a channel is paced the same way with or without Redis.
 */
import type { Channel } from '../../domain/ids';

export interface RateLimit {
  max: number;
  duration: number;
}

/** Telegram: about 30 messages/s across chats. WhatsApp Web: conservative, to avoid bans. */
export const DEFAULT_CHANNEL_RATES: Record<Channel, RateLimit | null> = {
  webchat: null,
  telegram: { max: 30, duration: 1000 },
  whatsapp: { max: 10, duration: 1000 },
};

export class ChannelLane<T> {
  private readonly items: T[] = [];
  private active = 0;
  private windowStart = 0;
  private inWindow = 0;
  private wakeTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly concurrency: number,
    private readonly rate: RateLimit | null,
    private readonly run: (item: T) => Promise<void>,
  ) {}

  get waiting(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    this.pump();
  }

  /** Stops starting new items (running ones finish). */
  stop(): void {
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }

  /** Starts items again after stop(). */
  resume(): void {
    this.stopped = false;
    this.pump();
  }

  /** Resolves once no item of this lane is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.items.length > 0) {
      if (this.rate && !this.takeToken()) return;
      const item = this.items.shift() as T;
      this.active++;
      const work = this.run(item).finally(() => {
        this.active--;
        this.running.delete(work);
        this.pump();
      });
      this.running.add(work);
    }
  }

  private takeToken(): boolean {
    const rate = this.rate as RateLimit;
    const now = Date.now();
    if (now - this.windowStart >= rate.duration) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (this.inWindow < rate.max) {
      this.inWindow++;
      return true;
    }
    if (!this.wakeTimer) {
      this.wakeTimer = setTimeout(() => {
        this.wakeTimer = null;
        this.pump();
      }, this.windowStart + rate.duration - now);
    }
    return false;
  }
}
