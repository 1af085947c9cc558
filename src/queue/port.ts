/**
 * The queue layer the engine sees. Adapters: BullMQ on Redis (REDIS_URL) and an in-process
 * queue with the same contract (the embedded default; one process only). Both pass
 * test/contract/queue.contract.ts.
 *
 * Inbound messages are not carried by the queue: they are stored first (Store.acceptInbound,
 * state 'pending'), and the queue only wakes the conversation's drain. So a lost or repeated
 * signal never loses or repeats a message; the store is the mailbox.
 */
import type { Channel } from '../domain/ids';
import type { Reply } from '../domain/messages';

export interface OutboundJob {
  /** Transcript entry id being delivered; also the de-duplication key. */
  entryId: string;
  conversationId: string;
  channel: Channel;
  /** Platform address (chat id, JID) to send to. */
  threadId: string;
  /** The reply itself, so a delivery needs no store read. */
  reply?: Reply;
}

/** Which attempt of a delivery runs, counted by the queue (durably with BullMQ). */
export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  number: number;
  /** No retry follows if this attempt fails (the retry policy's last attempt). */
  last: boolean;
}

export interface TimerJob {
  /** Unique key; scheduling the same key again replaces the earlier one. */
  key: string;
  kind: 'flow-timeout' | 'sla-check' | 'survey-prompt' | 'privacy-retention' | 'report-digest';
  payload: Record<string, string | number | null>;
}

export interface QueueHandlers {
  /** Processes every pending entry of one conversation. Never runs twice at once for one id. */
  drain(conversationId: string): Promise<void>;
  /**
   * Sends one outbound entry. Throw TransientError to retry with backoff (honouring
   * retryAfterMs); any other error fails the delivery at once (kept as failed, visible).
   * `attempt` says which attempt this is and whether a TransientError now ends the retries.
   */
  deliver(job: OutboundJob, attempt: DeliveryAttempt): Promise<void>;
  timer(job: TimerJob): Promise<void>;
}

export interface StartOptions {
  consume: boolean;
  /** Channels whose deliveries are consumed from the start when consume is true (default: all). */
  deliveries?: readonly Channel[];
}

export interface QueueStats {
  inboundWaiting: number;
  inboundActive: number;
  outboundWaiting: number;
  outboundFailed: number;
  timersDelayed: number;
}

export interface QueueBus {
  readonly kind: 'bullmq' | 'in-process';
  /**
   * Connects. With consume=true also starts workers that call the handlers: drains, timers, and
   * the deliveries of `deliveries` (default: every channel). A channel left out is consumed only
   * after consumeDeliveries(channel, true): its sends wait in the queue for its owner.
   */
  start(handlers: QueueHandlers, options: StartOptions): Promise<void>;
  /**
   * Starts (on) or stops (off) consuming one channel's deliveries in this process, after start():
   * the process holding the channel's connection (src/app/channel-owners.ts) consumes its queue.
   * Stopping waits for the deliveries in hand; queued ones stay for whoever consumes next.
   * Calling it with the state already in force does nothing.
   */
  consumeDeliveries(channel: Channel, on: boolean): Promise<void>;
  /** Wakes the drain of a conversation. Cheap to call often; signals coalesce. Throws TransientError when the queue is down. */
  signalConversation(conversationId: string): Promise<void>;
  enqueueDelivery(job: OutboundJob): Promise<void>;
  /**
   * Notes that the platform accepted this entry's message, the moment it did (one fast write, kept
   * about a day), so a delivery run again after its worker died right after sending (an
   * at-least-once redelivery) is not sent twice: the deliverer asks wasSent() first.
   */
  markSent(entryId: string): Promise<void>;
  wasSent(entryId: string): Promise<boolean>;
  schedule(job: TimerJob, runAt: number): Promise<void>;
  cancelSchedule(key: string): Promise<void>;
  /** Throws when the queue cannot take work now (for /readyz and the 503 path). */
  ping(): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Graceful: stop taking work, wait for what is in hand, close connections. */
  close(): Promise<void>;
}

/** Publishes live events (new transcript entries, waiting chats) to SSE clients in any process. */
export interface EventBus {
  publish(topic: string, event: Record<string, unknown>): Promise<void>;
  /**
   * Returns an unsubscribe function. With Redis the subscription becomes active a moment later:
   * events published before that are missed. Streams use listen() instead.
   */
  subscribe(topic: string, listener: (event: Record<string, unknown>) => void): () => void;
  /**
   * Subscribes and resolves once the subscription is active (Redis confirmed it), so nothing
   * published after the promise resolved is missed; rejects with TransientError when the broker
   * cannot confirm it. `onInterrupted` is called when events may have been lost since (the
   * connection to the broker dropped): a stream then ends, and its client reconnects and replays.
   */
  listen(topic: string, listener: (event: Record<string, unknown>) => void, onInterrupted?: () => void): Promise<() => void>;
  close(): Promise<void>;
}
