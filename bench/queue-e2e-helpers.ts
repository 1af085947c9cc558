/**
 * Measures the queue layer as the engine uses it: messages are "stored" (an in-memory pending
 * list per conversation), each followed by signalConversation; drains empty the list. Gives
 * messages/s and how many drains the signals coalesced into. Works with any QueueBus
 * (createQueue with or without REDIS_URL).
 */
import type { QueueBus } from '../src/queue/port';

export interface QueueDrainBenchOptions {
  messages?: number;
  conversations?: number;
  /** Signals in flight at once (like concurrent webhook requests). */
  producers?: number;
}

export interface QueueDrainBenchResult {
  messages: number;
  conversations: number;
  drains: number;
  ms: number;
  messagesPerSecond: number;
}

/** `bus` must be fresh (not started); it is started, measured and closed. */
export async function measureQueueDrain(bus: QueueBus, options: QueueDrainBenchOptions = {}): Promise<QueueDrainBenchResult> {
  const messages = options.messages ?? 20_000;
  const conversations = options.conversations ?? 1000;
  const producers = options.producers ?? 100;
  const pending = new Map<string, number>();
  let processed = 0;
  let drains = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((r) => (finish = r));
  await bus.start(
    {
      drain: async (conversationId) => {
        drains++;
        const n = pending.get(conversationId) ?? 0;
        pending.set(conversationId, 0);
        processed += n;
        if (processed === messages) finish();
      },
      deliver: async () => {},
      timer: async () => {},
    },
    { consume: true },
  );
  const started = Date.now();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: producers }, async () => {
        while (next < messages) {
          const i = next++;
          const c = `bench-${i % conversations}`;
          pending.set(c, (pending.get(c) ?? 0) + 1);
          await bus.signalConversation(c);
        }
      }),
    );
    await allDone;
  } finally {
    await bus.close();
  }
  const ms = Date.now() - started;
  return { messages, conversations, drains, ms, messagesPerSecond: Math.round((messages / ms) * 1000) };
}
