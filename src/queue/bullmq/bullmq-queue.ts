/**
 * QueueBus on BullMQ (Redis). Every key lives under the BullMQ `prefix` (REDIS_PREFIX).
 *
 * Queues: `inbound` (drain signals), `outbound-<channel>` (one per channel, paced by BullMQ's
 * limiter, which is global across worker processes), `timers` (delayed jobs, jobId = key).
 *
 * Drain exclusivity and no lost wake-up come from BullMQ deduplication with
 * `{ id: conversationId, keepLastIfActive: true }`, executed atomically in Redis by the add
 * script (checked in bullmq 6.7's Lua: includes/deduplicateJobWithoutReplace.lua,
 * storeDeduplicatedNextJob.lua, requeueDeduplicatedJob.lua):
 * - no job for X: a drain job is added and the dedup key points at it;
 * - X's job is waiting (or delayed for a retry): the signal is absorbed; that job has not read the
 *   store yet, so it will see whatever was stored before the signal;
 * - X's job is active: the signal is stored as "next" (one slot, overwritten by later signals),
 *   and moveToFinished creates the next job only when the active one completes or fails.
 * So per conversation there is at most one active and one waiting job, across all processes, and
 * a signal arriving during a drain always causes one more drain after it. A worker that dies
 * mid-drain loses its job lock; after lockDuration the stalled checker moves the same job back
 * to wait and another worker runs it (at-least-once; drains are idempotent by design).
 * Cost: one Redis script per signal, one fetch+finish per drain.
 */
import IORedis from 'ioredis';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Channel } from '../../domain/ids';
import { CHANNELS } from '../../domain/ids';
import { TransientError } from '../../domain/errors';
import type { OutboundJob, QueueBus, QueueHandlers, QueueStats, StartOptions, TimerJob } from '../port';
import {
  DEFAULT_DELIVERY_RETRY,
  DEFAULT_DRAIN_RETRY,
  DEFAULT_TIMER_RETRY,
  errorMessage,
  isRetryable,
  retryDelayMs,
  type RetryPolicy,
} from '../retry-policy';
import { DEFAULT_CHANNEL_RATES, type RateLimit } from '../in-process/channel-lane';
import { deliveryJobId, timerAltJobId, timerJobId, timerOneOffJobId } from './job-ids';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix (REDIS_PREFIX). */
  prefix: string;
  /** Drains running at once per process (WORKER_CONCURRENCY). */
  concurrency: number;
  /** Deliveries at once per channel per process; defaults to `concurrency`. */
  deliveryConcurrency?: number;
  timerConcurrency?: number;
  /** Pacing per channel (global across processes); null = unlimited. */
  rates?: Partial<Record<Channel, RateLimit | null>>;
  drainRetry?: RetryPolicy;
  deliveryRetry?: RetryPolicy;
  timerRetry?: RetryPolicy;
  /** Job lock duration; a dead worker's job is taken over after about this long. Default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs. Default 30 s. */
  stalledIntervalMs?: number;
  /** Times a drain may be recovered from a dead worker before it is failed. Default 3. */
  maxStalledCount?: number;
  /** Time limit of a producer command (signal, enqueue, ping) before it fails as transient. Default 2 s. */
  commandTimeoutMs?: number;
  /** Time close() waits for workers to finish before cutting the connections. Default 10 s. */
  closeTimeoutMs?: number;
  /** Time start() waits for Redis. Default 10 s. */
  connectTimeoutMs?: number;
  /** Completed deliveries kept for de-duplication by entryId. */
  keepCompletedDeliveries?: { age: number; count: number };
  /** Failed deliveries kept (visible in stats and dashboards). */
  keepFailedDeliveries?: { age: number; count: number };
  onError?: (context: string, err: unknown) => void;
}

const INBOUND = 'inbound';
const TIMERS = 'timers';
const outboundName = (channel: Channel) => `outbound-${channel}`;
const BACKOFF_TYPE = 'helpdesk';
/** How long a sent mark is kept: longer than any delivery's retries. */
const SENT_MARK_MS = 24 * 3600_000;

export class BullmqQueueBus implements QueueBus {
  readonly kind = 'bullmq' as const;
  private producer: IORedis | null = null;
  private workerConnection: IORedis | null = null;
  private inbound: Queue | null = null;
  private timers: Queue | null = null;
  private readonly outbound = new Map<Channel, Queue>();
  private readonly workers: Worker[] = [];
  /** Delivery workers running now, per channel (started and stopped by consumeDeliveries). */
  private readonly deliveryWorkers = new Map<Channel, Worker>();
  /** consumeDeliveries calls, one after another per channel. */
  private readonly deliverySwitches = new Map<Channel, Promise<void>>();
  private handlers: QueueHandlers | null = null;
  private closing: Promise<void> | null = null;
  private down = false;

  constructor(private readonly options: BullmqQueueOptions) {}

  async start(handlers: QueueHandlers, options: StartOptions): Promise<void> {
    if (this.producer) throw new Error('BullmqQueueBus.start() called twice');
    const o = this.options;
    // Producer connection: fails fast instead of queueing commands while Redis is away, so the
    // API can answer 503 at once; ioredis keeps reconnecting in the background.
    this.producer = new IORedis(o.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: o.commandTimeoutMs ?? 2000,
      retryStrategy: (times) => Math.min(100 * times, 2000),
    });
    this.producer.on('error', (err) => this.noteDown(err));
    this.producer.on('ready', () => {
      this.down = false;
    });
    await this.connect(this.producer);

    const drainPolicy = o.drainRetry ?? DEFAULT_DRAIN_RETRY;
    const deliveryPolicy = o.deliveryRetry ?? DEFAULT_DELIVERY_RETRY;
    const timerPolicy = o.timerRetry ?? DEFAULT_TIMER_RETRY;
    const queue = (name: string, policy: RetryPolicy, defaults: JobsOptions) => {
      const q = new Queue(name, {
        connection: this.producer as IORedis,
        prefix: o.prefix,
        defaultJobOptions: { attempts: policy.attempts, backoff: { type: BACKOFF_TYPE, delay: policy.baseDelayMs }, ...defaults },
      });
      q.on('error', (err) => {
        if (!this.down) this.report(`queue ${name}`, err);
      });
      return q;
    };
    this.inbound = queue(INBOUND, drainPolicy, { removeOnComplete: true, removeOnFail: { count: 1000 } });
    this.timers = queue(TIMERS, timerPolicy, { removeOnComplete: true, removeOnFail: { count: 10_000 } });
    const keepCompleted = o.keepCompletedDeliveries ?? { age: 24 * 3600, count: 10_000 };
    const keepFailed = o.keepFailedDeliveries ?? { age: 30 * 24 * 3600, count: 50_000 };
    for (const channel of CHANNELS) {
      this.outbound.set(channel, queue(outboundName(channel), deliveryPolicy, { removeOnComplete: keepCompleted, removeOnFail: keepFailed }));
    }
    await Promise.all([this.inbound, this.timers, ...this.outbound.values()].map((q) => q.waitUntilReady()));
    this.handlers = handlers;
    if (!options.consume) return;

    const workerConnection = await this.workerConnectionReady();
    const worker = (name: string, policy: RetryPolicy, concurrency: number, run: (job: Job) => Promise<void>, extra: object = {}) => {
      const w = this.makeWorker(workerConnection, name, policy, concurrency, run, extra);
      this.workers.push(w);
      return w;
    };
    worker(INBOUND, drainPolicy, o.concurrency, (job) => handlers.drain((job.data as { conversationId: string }).conversationId), {
      maxStalledCount: o.maxStalledCount ?? 3,
    });
    worker(TIMERS, timerPolicy, o.timerConcurrency ?? 10, (job) => handlers.timer(job.data as TimerJob));
    for (const channel of options.deliveries ?? CHANNELS) this.deliveryWorkers.set(channel, this.makeDeliveryWorker(workerConnection, channel));
    await Promise.all([...this.workers, ...this.deliveryWorkers.values()].map((w) => w.waitUntilReady()));
  }

  consumeDeliveries(channel: Channel, on: boolean): Promise<void> {
    const previous = this.deliverySwitches.get(channel) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (this.closing) return;
      const running = this.deliveryWorkers.get(channel);
      if (on && !running) {
        if (!this.handlers) throw new Error('BullmqQueueBus.consumeDeliveries() before start()');
        const w = this.makeDeliveryWorker(await this.workerConnectionReady(), channel);
        this.deliveryWorkers.set(channel, w);
        await w.waitUntilReady();
      } else if (!on && running) {
        this.deliveryWorkers.delete(channel);
        await running.close();
      }
    });
    this.deliverySwitches.set(channel, next.catch(() => undefined));
    return next;
  }

  async signalConversation(conversationId: string): Promise<void> {
    const inbound = this.ready(this.inbound);
    await this.transient(() =>
      inbound.add('drain', { conversationId }, { deduplication: { id: conversationId, keepLastIfActive: true } }),
    );
  }

  async enqueueDelivery(job: OutboundJob): Promise<void> {
    const queue = this.ready(this.outbound.get(job.channel) ?? null);
    await this.transient(() => queue.add('deliver', job, { jobId: deliveryJobId(job.entryId) }));
  }

  async markSent(entryId: string): Promise<void> {
    const producer = this.ready(this.producer);
    await this.transient(() => producer.set(this.sentKey(entryId), '1', 'PX', SENT_MARK_MS));
  }

  async wasSent(entryId: string): Promise<boolean> {
    const producer = this.ready(this.producer);
    return this.transient(async () => (await producer.exists(this.sentKey(entryId))) === 1);
  }

  private sentKey(entryId: string): string {
    return `${this.options.prefix}:sent:${entryId}`;
  }

  /**
   * Replaces any earlier timer with this key: remove, then add with jobId = key. A job that is
   * firing right now cannot be removed (it is locked), so the new one goes to a second slot; if
   * that one is firing too (a recurring timer whose runs overlap), to a one-off slot that
   * cancelSchedule cannot reach. Timer handlers re-check state when they fire, so a late
   * duplicate is harmless, while a lost timer would not be.
   */
  async schedule(job: TimerJob, runAt: number): Promise<void> {
    const timers = this.ready(this.timers);
    const id = timerJobId(job.key);
    const alt = timerAltJobId(job.key);
    const producer = this.producer as IORedis;
    const stillThere = (jobId: string) => producer.exists(`${this.options.prefix}:${TIMERS}:${jobId}`);
    await this.transient(async () => {
      const [removed, removedAlt] = await Promise.all([timers.remove(id), timers.remove(alt)]);
      const delay = Math.max(0, runAt - Date.now());
      let jobId = id;
      if (removed === 0 && (await stillThere(id))) {
        jobId = removedAlt === 0 && (await stillThere(alt)) ? timerOneOffJobId(job.key) : alt;
      }
      await timers.add('timer', job, { jobId, delay });
    });
  }

  async cancelSchedule(key: string): Promise<void> {
    const timers = this.ready(this.timers);
    await this.transient(() => Promise.all([timers.remove(timerJobId(key)), timers.remove(timerAltJobId(key))]));
  }

  async ping(): Promise<void> {
    const producer = this.producer;
    if (!producer || producer.status !== 'ready') throw new TransientError('Redis tidak tersedia.');
    await this.transient(() => producer.ping());
  }

  async stats(): Promise<QueueStats> {
    const inbound = this.ready(this.inbound);
    const timers = this.ready(this.timers);
    return this.transient(async () => {
      const [inCounts, timerCounts, ...outCounts] = await Promise.all([
        inbound.getJobCounts('wait', 'prioritized', 'delayed', 'active'),
        timers.getJobCounts('delayed'),
        ...[...this.outbound.values()].map((q) => q.getJobCounts('wait', 'prioritized', 'delayed', 'failed')),
      ]);
      const n = (c: Record<string, number> | undefined, k: string) => c?.[k] ?? 0;
      return {
        inboundWaiting: n(inCounts, 'wait') + n(inCounts, 'prioritized') + n(inCounts, 'delayed'),
        inboundActive: n(inCounts, 'active'),
        outboundWaiting: outCounts.reduce((s, c) => s + n(c, 'wait') + n(c, 'prioritized') + n(c, 'delayed'), 0),
        outboundFailed: outCounts.reduce((s, c) => s + n(c, 'failed'), 0),
        timersDelayed: n(timerCounts, 'delayed'),
      };
    });
  }

  /** Workers first (each waits for its active jobs), then queues, then connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // Graceful within a bound: a worker whose connection is stuck reconnecting (Redis restarted
      // under it) could otherwise hold a SIGTERM for ever; past the bound the connections are cut,
      // which ends whatever still waits on them (jobs in hand are then taken over as stalled).
      const limit = this.options.closeTimeoutMs ?? 10_000;
      const workers = [...this.workers, ...this.deliveryWorkers.values()];
      const graceful = (async () => {
        await Promise.allSettled([...this.deliverySwitches.values()]);
        await Promise.allSettled(workers.map((w) => w.close()));
        await Promise.allSettled([this.inbound, this.timers, ...this.outbound.values()].map((q) => q?.close()));
      })();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), limit);
        }),
      ]);
      clearTimeout(timer);
      if (late) this.report('close', new Error(`queue workers did not stop within ${limit} ms; connections cut`));
      for (const c of [this.workerConnection, this.producer]) {
        if (!c) continue;
        if (late) c.disconnect();
        else await c.quit().catch(() => c.disconnect());
      }
      if (late) await Promise.race([graceful, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    })();
    return this.closing;
  }

  // ---- helpers ----

  /**
   * Workers share one connection for commands (BullMQ duplicates it for each blocking wait); it
   * must wait out outages (maxRetriesPerRequest: null), as BullMQ requires. Made on first need.
   */
  private async workerConnectionReady(): Promise<IORedis> {
    if (this.workerConnection) return this.workerConnection;
    const connection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    connection.on('error', (err) => this.noteDown(err));
    this.workerConnection = connection;
    await this.connect(connection);
    return connection;
  }

  private makeWorker(connection: IORedis, name: string, policy: RetryPolicy, concurrency: number, run: (job: Job) => Promise<void>, extra: object = {}): Worker {
    const o = this.options;
    const w = new Worker(name, (job: Job) => run(job).catch((err: unknown) => Promise.reject(forBullmq(err))), {
      connection,
      prefix: o.prefix,
      lockDuration: o.lockDurationMs ?? 30_000,
      stalledInterval: o.stalledIntervalMs ?? 30_000,
      concurrency,
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelayMs(attemptsMade, err, policy) },
      ...extra,
    });
    w.on('error', (err) => {
      if (!this.down) this.report(`worker ${name}`, err);
    });
    return w;
  }

  private makeDeliveryWorker(connection: IORedis, channel: Channel): Worker {
    const o = this.options;
    const handlers = this.handlers as QueueHandlers;
    const rate = { ...DEFAULT_CHANNEL_RATES, ...o.rates }[channel];
    const w = this.makeWorker(
      connection,
      outboundName(channel),
      o.deliveryRetry ?? DEFAULT_DELIVERY_RETRY,
      o.deliveryConcurrency ?? o.concurrency,
      // attemptsMade counts the failed attempts before this one (kept in Redis, so across workers).
      (job) => handlers.deliver(job.data as OutboundJob, { number: job.attemptsMade + 1, last: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
      rate ? { limiter: rate } : {},
    );
    // Only final failures (kept in the failed set); retries are not worth a log line.
    w.on('failed', (job, err) => {
      if (job?.finishedOn) this.report(`deliver ${(job.data as OutboundJob).entryId}`, err);
    });
    return w;
  }

  private async connect(connection: IORedis): Promise<void> {
    const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        connection.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (err) {
      connection.disconnect();
      throw new TransientError(`Redis tidak dapat dihubungi: ${errorMessage(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private ready<T>(value: T | null | undefined): T {
    if (this.closing) throw new TransientError('Antrean sedang ditutup.');
    if (!value) throw new TransientError('Antrean belum dijalankan.');
    if (this.producer?.status !== 'ready') throw new TransientError('Redis tidak tersedia.');
    return value;
  }

  private async transient<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof TransientError) throw err;
      throw new TransientError(`Redis tidak tersedia: ${errorMessage(err)}`);
    }
  }

  /** Connection errors repeat on every reconnect attempt; report once per outage. */
  private noteDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.report('redis', err);
  }

  private report(context: string, err: unknown): void {
    if (this.options.onError) this.options.onError(context, err);
    else process.stderr.write(`[queue] ${context}: ${errorMessage(err)}\n`);
  }
}

/** TransientError keeps its type (retried, with the backoff reading retryAfterMs); anything else stops retries. */
function forBullmq(err: unknown): Error {
  if (isRetryable(err)) return err;
  if (err instanceof UnrecoverableError) return err;
  return new UnrecoverableError(errorMessage(err));
}
