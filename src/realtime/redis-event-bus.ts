/**
 * Live events across processes through Redis pub/sub, so an SSE client connected to the API
 * process receives what a worker process publishes. Channels are `<prefix>:ev:<topic>`.
 * Two connections: one publishes (fails fast when Redis is away), one only subscribes (pub/sub
 * mode blocks other commands); ioredis re-subscribes by itself after a reconnect. Events
 * published while a subscriber is disconnected are lost (pub/sub does not store), so listen()
 * reports such a drop (onInterrupted): streams end and their clients reconnect and replay from
 * the store. listen() resolves only once Redis confirmed the SUBSCRIBE, so a stream answers its
 * headers only when nothing published afterwards can be missed.
 * Connections open lazily on first use (constructors do no I/O).
 */
import IORedis from 'ioredis';
import { TransientError } from '../domain/errors';
import type { EventBus } from '../queue/port';
import { deliver, type Listener } from './in-process-event-bus';

export interface RedisEventBusOptions {
  redisUrl: string;
  prefix: string;
  commandTimeoutMs?: number;
  onError?: (context: string, err: unknown) => void;
}

export class RedisEventBus implements EventBus {
  private readonly publisher: IORedis;
  private readonly subscriber: IORedis;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Per topic: settles when Redis confirmed the SUBSCRIBE sent for it. */
  private readonly confirmed = new Map<string, Promise<void>>();
  private readonly interruptions = new Set<() => void>();
  private readonly confirmTimeoutMs: number;
  private readonly channelPrefix: string;
  private readonly onError: (context: string, err: unknown) => void;
  private closed = false;
  private connecting: Promise<void> | null = null;

  constructor(options: RedisEventBusOptions) {
    this.channelPrefix = `${options.prefix}:ev:`;
    this.confirmTimeoutMs = options.commandTimeoutMs ?? 2000;
    this.onError = options.onError ?? ((context, err) => process.stderr.write(`[events] ${context}: ${err instanceof Error ? err.message : String(err)}\n`));
    this.publisher = new IORedis(options.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 2000,
      retryStrategy: (times) => Math.min(100 * times, 2000),
    });
    this.subscriber = new IORedis(options.redisUrl, {
      lazyConnect: true,
      retryStrategy: (times) => Math.min(100 * times, 2000),
    });
    let down = false;
    const noteDown = (err: unknown) => {
      if (!down) this.onError('redis', err);
      down = true;
    };
    this.publisher.on('error', noteDown);
    this.subscriber.on('error', noteDown);
    this.publisher.on('ready', () => (down = false));
    // A dropped subscriber connection may have lost events: tell the streams (once per drop).
    let live = false;
    this.subscriber.on('ready', () => (live = true));
    this.subscriber.on('close', () => {
      if (!live) return;
      live = false;
      for (const interrupted of [...this.interruptions]) {
        try {
          interrupted();
        } catch (err) {
          this.onError('event stream interruption', err);
        }
      }
    });
    this.subscriber.on('message', (channel: string, message: string) => {
      const topic = channel.slice(this.channelPrefix.length);
      const set = this.listeners.get(topic);
      if (!set || set.size === 0) return;
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(message) as Record<string, unknown>;
      } catch (err) {
        this.onError(`event ${topic}`, err);
        return;
      }
      deliver([...set], event, topic, this.onError);
    });
  }

  async publish(topic: string, event: Record<string, unknown>): Promise<void> {
    if (this.closed) throw new TransientError('Saluran event sudah ditutup.');
    try {
      // Concurrent first publishes share one connect (without an offline queue a command sent
      // while connecting fails).
      if (this.publisher.status === 'wait') this.connecting ??= this.publisher.connect().finally(() => (this.connecting = null));
      if (this.connecting) await this.connecting;
      await this.publisher.publish(this.channelPrefix + topic, JSON.stringify(event));
    } catch (err) {
      throw new TransientError(`Redis tidak tersedia: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
      const confirmed = this.subscriber.subscribe(this.channelPrefix + topic).then(() => undefined);
      confirmed.catch((err: unknown) => {
        if (this.confirmed.get(topic) === confirmed) this.confirmed.delete(topic);
        this.onError(`subscribe ${topic}`, err);
      });
      this.confirmed.set(topic, confirmed);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(topic);
      if (!current || !current.delete(listener) || current.size > 0) return;
      this.listeners.delete(topic);
      this.confirmed.delete(topic);
      if (!this.closed) this.subscriber.unsubscribe(this.channelPrefix + topic).catch((err: unknown) => this.onError(`unsubscribe ${topic}`, err));
    };
  }

  async listen(topic: string, listener: Listener, onInterrupted?: () => void): Promise<() => void> {
    if (this.closed) throw new TransientError('Saluran event sudah ditutup.');
    const unsubscribe = this.subscribe(topic, listener);
    let timer: NodeJS.Timeout | undefined;
    try {
      // A topic subscribed earlier has its confirmation settled already (or pending: wait for it).
      const confirmed = this.confirmed.get(topic) ?? this.subscriber.subscribe(this.channelPrefix + topic).then(() => undefined);
      await Promise.race([
        confirmed,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no confirmation within ${this.confirmTimeoutMs} ms`)), this.confirmTimeoutMs);
        }),
      ]);
      if (this.subscriber.status !== 'ready') throw new Error(`subscriber ${this.subscriber.status}`);
    } catch (err) {
      unsubscribe();
      throw new TransientError(`Redis tidak tersedia: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
    if (onInterrupted) this.interruptions.add(onInterrupted);
    return () => {
      if (onInterrupted) this.interruptions.delete(onInterrupted);
      unsubscribe();
    };
  }

  /** Resolves once every current subscription is active in Redis (for tests and start-up). */
  async ready(): Promise<void> {
    const channels = [...this.listeners.keys()].map((t) => this.channelPrefix + t);
    if (channels.length > 0) await this.subscriber.subscribe(...channels);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.confirmed.clear();
    this.interruptions.clear();
    for (const c of [this.subscriber, this.publisher]) {
      if (c.status !== 'ready') {
        c.disconnect(); // a QUIT would wait for a connection that may never come
        continue;
      }
      await c.quit().catch(() => c.disconnect());
    }
  }
}
