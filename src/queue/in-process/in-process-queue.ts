/**
 * The queue without Redis: the embedded default for one process (the process lock in DATA_DIR
 * refuses a second one). Same contract as the BullMQ adapter (test/contract/queue.contract.ts):
 *
 * - Drains: a conversation is either idle, ready (waiting for a slot), running, or waiting for
 *   a retry. A signal while it runs sets a "dirty" flag, and the drain runs once more after the
 *   current one, so a message stored during a drain is never left behind; any number of
 *   signals meanwhile coalesce into that one re-run. At most `concurrency` drains run at once.
 * - Deliveries: one paced lane per channel, de-duplicated by entryId (in flight, and the last
 *   `completedMemory` completed ones), retried with backoff on TransientError, kept as failed
 *   (in memory, visible in stats()) otherwise. The engine also records failures in the store.
 * - Timers: setTimeout. NOT durable: they vanish with the process; the engine re-derives them
 *   from the store at start (flow deadlines, SLA clocks, survey prompts).
 */
import type { Channel } from '../../domain/ids';
import { CHANNELS } from '../../domain/ids';
import { TransientError } from '../../domain/errors';
import type { OutboundJob, QueueBus, QueueHandlers, QueueStats, StartOptions, TimerJob } from '../port';
import {
  DEFAULT_DELIVERY_RETRY,
  DEFAULT_DRAIN_RETRY,
  DEFAULT_TIMER_RETRY,
  decideRetry,
  errorMessage,
  type RetryPolicy,
} from '../retry-policy';
import { acquireProcessLock, type ProcessLock } from '../../runtime/process-lock';
import { ChannelLane, DEFAULT_CHANNEL_RATES, type RateLimit } from './channel-lane';

export interface InProcessQueueOptions {
  /** Drains running at once (WORKER_CONCURRENCY). */
  concurrency: number;
  /** Deliveries running at once per channel; defaults to `concurrency`. */
  deliveryConcurrency?: number;
  /** When set, start() takes the process lock in this directory. */
  dataDir?: string;
  /** Pacing per channel; null = unlimited. Defaults: DEFAULT_CHANNEL_RATES. */
  rates?: Partial<Record<Channel, RateLimit | null>>;
  drainRetry?: RetryPolicy;
  deliveryRetry?: RetryPolicy;
  timerRetry?: RetryPolicy;
  /** How many completed entry ids are remembered for de-duplication. */
  completedMemory?: number;
  /** Failures that are not thrown to a caller (a drain or timer giving up, a failed delivery). */
  onError?: (context: string, err: unknown) => void;
}

export interface FailedDelivery {
  job: OutboundJob;
  error: string;
  attempts: number;
  failedAt: number;
}

/** setTimeout cannot wait longer than ~24.8 days; longer timers are chained. */
const MAX_TIMEOUT = 2 ** 31 - 1;

export class InProcessQueueBus implements QueueBus {
  readonly kind = 'in-process' as const;
  private handlers: QueueHandlers | null = null;
  private consume = false;
  private closed = false;
  private lock: ProcessLock | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  // drains
  private readonly ready = new Set<string>();
  private readonly running = new Map<string, { dirty: boolean }>();
  private readonly drainRetries = new Map<string, NodeJS.Timeout>();
  private readonly drainAttempts = new Map<string, number>();

  // deliveries
  private readonly lanes = new Map<Channel, ChannelLane<{ job: OutboundJob; attempt: number }>>();
  private readonly deliveriesKnown = new Set<string>();
  private readonly deliveryRetries = new Map<string, NodeJS.Timeout>();
  private readonly completed = new Set<string>();
  private readonly failed = new Map<string, FailedDelivery>();
  private readonly sent = new Set<string>();

  // timers
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: InProcessQueueOptions) {}

  async start(handlers: QueueHandlers, options: StartOptions): Promise<void> {
    if (this.handlers) throw new Error('InProcessQueueBus.start() called twice');
    if (this.options.dataDir) this.lock = acquireProcessLock(this.options.dataDir);
    this.handlers = handlers;
    this.consume = options.consume;
    const rates = { ...DEFAULT_CHANNEL_RATES, ...this.options.rates };
    const concurrency = this.options.deliveryConcurrency ?? this.options.concurrency;
    const consumed = new Set(options.consume ? (options.deliveries ?? CHANNELS) : []);
    for (const channel of CHANNELS) {
      const lane = new ChannelLane(concurrency, rates[channel] ?? null, (item: { job: OutboundJob; attempt: number }) => this.runDelivery(item.job, item.attempt));
      if (!consumed.has(channel)) lane.stop(); // not consumed (yet): deliveries stay queued
      this.lanes.set(channel, lane);
    }
  }

  async consumeDeliveries(channel: Channel, on: boolean): Promise<void> {
    if (this.closed) return;
    const lane = this.lane(channel);
    if (on) lane.resume();
    else {
      lane.stop();
      await lane.idle();
    }
  }

  async signalConversation(conversationId: string): Promise<void> {
    this.assertOpen();
    const state = this.running.get(conversationId);
    if (state) {
      state.dirty = true;
      return;
    }
    if (this.drainRetries.has(conversationId)) return; // the retry will drain it
    this.ready.add(conversationId);
    this.pumpDrains();
  }

  async enqueueDelivery(job: OutboundJob): Promise<void> {
    this.assertOpen();
    const id = job.entryId;
    if (this.deliveriesKnown.has(id) || this.completed.has(id) || this.failed.has(id)) return;
    this.deliveriesKnown.add(id);
    this.lane(job.channel).push({ job, attempt: 1 });
  }

  async markSent(entryId: string): Promise<void> {
    this.sent.add(entryId);
    const limit = this.options.completedMemory ?? 10_000;
    while (this.sent.size > limit) this.sent.delete(this.sent.values().next().value as string);
  }

  async wasSent(entryId: string): Promise<boolean> {
    return this.sent.has(entryId);
  }

  async schedule(job: TimerJob, runAt: number): Promise<void> {
    this.assertOpen();
    this.clearTimer(job.key);
    this.armTimer(job, runAt, 1);
  }

  async cancelSchedule(key: string): Promise<void> {
    this.clearTimer(key);
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async stats(): Promise<QueueStats> {
    let outboundWaiting = this.deliveryRetries.size;
    for (const lane of this.lanes.values()) outboundWaiting += lane.waiting;
    return {
      inboundWaiting: this.ready.size + this.drainRetries.size,
      inboundActive: this.running.size,
      outboundWaiting,
      outboundFailed: this.failed.size,
      timersDelayed: this.timers.size,
    };
  }

  /** Deliveries that failed for good, newest last (also recorded in the store by the engine). */
  failedDeliveries(): FailedDelivery[] {
    return [...this.failed.values()];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.drainRetries.values()) clearTimeout(t);
    for (const t of this.deliveryRetries.values()) clearTimeout(t);
    for (const t of this.timers.values()) clearTimeout(t);
    this.drainRetries.clear();
    this.deliveryRetries.clear();
    this.timers.clear();
    for (const lane of this.lanes.values()) lane.stop();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.lock?.release();
    this.lock = null;
  }

  // ---- drains ----

  private pumpDrains(): void {
    if (!this.consume || this.closed || !this.handlers) return;
    while (this.running.size < this.options.concurrency && this.ready.size > 0) {
      const conversationId = this.ready.values().next().value as string;
      this.ready.delete(conversationId);
      this.runDrain(conversationId);
    }
  }

  private runDrain(conversationId: string): void {
    const handlers = this.handlers as QueueHandlers;
    const state = { dirty: false };
    this.running.set(conversationId, state);
    const attempt = this.drainAttempts.get(conversationId) ?? 1;
    const work = (async () => {
      try {
        await handlers.drain(conversationId);
        this.drainAttempts.delete(conversationId);
      } catch (err) {
        const decision = decideRetry(err, attempt, this.options.drainRetry ?? DEFAULT_DRAIN_RETRY);
        if (decision.retry && !this.closed) {
          this.drainAttempts.set(conversationId, attempt + 1);
          this.drainRetries.set(
            conversationId,
            setTimeout(() => {
              this.drainRetries.delete(conversationId);
              this.ready.add(conversationId);
              this.pumpDrains();
            }, decision.delayMs),
          );
        } else {
          this.drainAttempts.delete(conversationId);
          this.report(`drain ${conversationId}`, err);
        }
      } finally {
        this.running.delete(conversationId);
        if (state.dirty && !this.drainRetries.has(conversationId)) this.ready.add(conversationId);
      }
    })();
    this.track(work).then(() => this.pumpDrains());
  }

  // ---- deliveries ----

  private lane(channel: Channel): ChannelLane<{ job: OutboundJob; attempt: number }> {
    const lane = this.lanes.get(channel);
    if (!lane) throw new Error(`InProcessQueueBus used before start() (channel ${channel})`);
    return lane;
  }

  private runDelivery(job: OutboundJob, attempt: number): Promise<void> {
    const handlers = this.handlers as QueueHandlers;
    const policy = this.options.deliveryRetry ?? DEFAULT_DELIVERY_RETRY;
    const work = (async () => {
      try {
        await handlers.deliver(job, { number: attempt, last: attempt >= policy.attempts });
        this.deliveriesKnown.delete(job.entryId);
        this.remember(job.entryId);
      } catch (err) {
        const decision = decideRetry(err, attempt, policy);
        if (decision.retry && !this.closed) {
          this.deliveryRetries.set(
            job.entryId,
            setTimeout(() => {
              this.deliveryRetries.delete(job.entryId);
              this.lane(job.channel).push({ job, attempt: attempt + 1 });
            }, decision.delayMs),
          );
        } else {
          this.deliveriesKnown.delete(job.entryId);
          this.failed.set(job.entryId, { job, error: errorMessage(err), attempts: attempt, failedAt: Date.now() });
          this.report(`deliver ${job.entryId}`, err);
        }
      }
    })();
    return this.track(work);
  }

  private remember(entryId: string): void {
    this.completed.add(entryId);
    const limit = this.options.completedMemory ?? 10_000;
    while (this.completed.size > limit) this.completed.delete(this.completed.values().next().value as string);
  }

  // ---- timers ----

  private armTimer(job: TimerJob, runAt: number, attempt: number): void {
    const wait = runAt - Date.now();
    if (wait > MAX_TIMEOUT) {
      this.timers.set(job.key, setTimeout(() => this.armTimer(job, runAt, attempt), MAX_TIMEOUT));
      return;
    }
    this.timers.set(
      job.key,
      setTimeout(() => this.fireTimer(job, attempt), Math.max(0, wait)),
    );
  }

  private fireTimer(job: TimerJob, attempt: number): void {
    this.timers.delete(job.key);
    if (!this.consume || !this.handlers) return;
    const handlers = this.handlers;
    void this.track(
      (async () => {
        try {
          await handlers.timer(job);
        } catch (err) {
          const decision = decideRetry(err, attempt, this.options.timerRetry ?? DEFAULT_TIMER_RETRY);
          // A retry only if nobody re-scheduled or cancelled the key meanwhile.
          if (decision.retry && !this.closed && !this.timers.has(job.key)) {
            this.armTimer(job, Date.now() + decision.delayMs, attempt + 1);
          } else if (!decision.retry) {
            this.report(`timer ${job.key}`, err);
          }
        }
      })(),
    );
  }

  private clearTimer(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  // ---- helpers ----

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private assertOpen(): void {
    if (this.closed) throw new TransientError('Antrean sedang ditutup.');
    if (!this.handlers) throw new TransientError('Antrean belum dijalankan.');
  }

  private report(context: string, err: unknown): void {
    if (this.options.onError) this.options.onError(context, err);
    else process.stderr.write(`[queue] ${context}: ${errorMessage(err)}\n`);
  }
}
