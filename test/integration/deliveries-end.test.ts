/**
 * Deliveries end: with each queue adapter and the real embedded store, a reply whose sending keeps
 * failing transiently is marked `failed` with its last error after the last attempt, attempts are
 * counted as the queue ran them, a reply that gets through on a retry ends `sent`, and a pending
 * delivery left behind by a dead worker is failed by the stale sweep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import type { ChannelAdapter } from '../../channels/types';
import { TransientError } from '../../src/domain/errors';
import type { Reply } from '../../src/domain/messages';
import { createDeliverer, createStaleDeliverySweep, DELIVERY_STALE_AFTER_MS, STALE_DELIVERY_REASON } from '../../src/engine/delivery';
import { BullmqQueueBus } from '../../src/queue/bullmq/bullmq-queue';
import { InProcessQueueBus } from '../../src/queue/in-process/in-process-queue';
import type { QueueBus } from '../../src/queue/port';
import { createLogger } from '../../src/runtime/logger';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { waitFor } from '../contract/queue.contract';
import { deletePrefix, requireRedisOrSkip, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';

const retry = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

/** A Telegram stand-in: 'down' chats always fail transiently; 'flaky' chats fail once, then work. */
class FlakyAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly sent: string[] = [];
  private tries = new Map<string, number>();
  async start() {}
  async stop() {}
  status() {
    return { channel: 'telegram' as const, state: 'connected' as const, since: 0 };
  }
  async send(threadId: string, reply: Reply) {
    const n = (this.tries.get(threadId) ?? 0) + 1;
    this.tries.set(threadId, n);
    if (threadId.startsWith('down')) throw new TransientError(`Telegram 502: Bad Gateway (percobaan ${n})`);
    if (threadId.startsWith('flaky') && n === 1) throw new TransientError('Telegram unreachable: ECONNRESET');
    this.sent.push(reply.text);
  }
}

describe.each([
  ['BullMQ', 'bullmq'],
  ['the in-process queue', 'in-process'],
])('deliveries end with %s', (_name, kind) => {
  let skip = false;
  let dataDir = '';
  let store: SqliteStore;
  let queue: QueueBus;
  const prefix = uniquePrefix('dlv');
  const adapter = new FlakyAdapter();

  beforeAll(async () => {
    if (kind === 'bullmq' && !(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    dataDir = mkdtempSync(join(tmpdir(), 'deliveries-'));
    store = new SqliteStore({ dataDir });
    await store.open();
    queue =
      kind === 'bullmq'
        ? new BullmqQueueBus({ redisUrl: TEST_REDIS_URL, prefix, concurrency: 5, deliveryRetry: retry, onError: () => {} })
        : new InProcessQueueBus({ concurrency: 5, deliveryRetry: retry, onError: () => {} });
    const deliver = createDeliverer({ store, adapters: { telegram: adapter }, now: Date.now, logger: createLogger('silent') });
    await queue.start({ drain: async () => {}, deliver, timer: async () => {} }, { consume: true });
  });
  afterAll(async () => {
    await queue?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'bullmq' && !skip) {
      const redis = new IORedis(TEST_REDIS_URL);
      await deletePrefix(redis as never, prefix);
      redis.disconnect();
    }
  });

  const delivery = async (id: string) => (await store.listDeliveries({ limit: 1000 })).find((d) => d.id === id);

  it('marks the delivery failed with its last error when the last attempt fails transiently', async () => {
    if (skip) return;
    await queue.enqueueDelivery({ entryId: 'c1:in:1:r0', conversationId: 'c1', channel: 'telegram', threadId: 'down-1', reply: { text: 'Halo' } });
    await waitFor(async () => (await delivery('c1:in:1:r0'))?.status === 'failed', 'the delivery to be failed');
    expect(await delivery('c1:in:1:r0')).toMatchObject({ status: 'failed', attempts: 4, lastError: 'Telegram 502: Bad Gateway (percobaan 4)', channel: 'telegram' });
    expect((await store.listDeliveries({ status: 'failed' })).map((d) => d.id)).toContain('c1:in:1:r0');
  });

  it('ends sent when a retry gets through, with the attempts counted', async () => {
    if (skip) return;
    await queue.enqueueDelivery({ entryId: 'c2:in:1:r0', conversationId: 'c2', channel: 'telegram', threadId: 'flaky-1', reply: { text: 'Tiket Anda diproses' } });
    await waitFor(async () => (await delivery('c2:in:1:r0'))?.status === 'sent', 'the delivery to be sent');
    expect(await delivery('c2:in:1:r0')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(adapter.sent).toContain('Tiket Anda diproses');
  });

  it('fails a pending delivery left behind by a dead worker once its retry window is over', async () => {
    if (skip) return;
    const t = Date.now();
    await store.recordDelivery({ id: 'c3:in:1:r0', conversationId: 'c3', channel: 'telegram', status: 'pending', attempts: 2, lastError: 'Telegram 502', updatedAt: t - DELIVERY_STALE_AFTER_MS - 1 });
    await store.recordDelivery({ id: 'c3:in:2:r0', conversationId: 'c3', channel: 'telegram', status: 'pending', attempts: 1, lastError: 'Telegram 502', updatedAt: t - 1000 });
    const sweep = createStaleDeliverySweep({ store, now: () => t, logger: createLogger('silent') });
    expect(await sweep()).toBe(1);
    expect(await delivery('c3:in:1:r0')).toMatchObject({ status: 'failed', attempts: 2, lastError: `${STALE_DELIVERY_REASON} (Telegram 502)` });
    expect((await delivery('c3:in:2:r0'))?.status).toBe('pending');
  });
});
