import { RedisEventBus } from '../../src/realtime/redis-event-bus';
import { createEventBus } from '../../src/realtime/create-event-bus';
import { InProcessEventBus } from '../../src/realtime/in-process-event-bus';
import { requireRedisOrSkip, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { waitFor } from '../contract/queue.contract';

describe('Redis event bus (across processes)', () => {
  let ok = false;
  const buses: RedisEventBus[] = [];
  beforeAll(async () => {
    ok = await requireRedisOrSkip();
  });
  afterAll(async () => {
    for (const b of buses) await b.close();
  });

  it('delivers what one process publishes to subscribers of another, only on their topic and prefix', async () => {
    if (!ok) return;
    const prefix = uniquePrefix('ev');
    const config = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    const api = createEventBus(config, { onError: () => {} }) as RedisEventBus;
    const worker = createEventBus(config, { onError: () => {} }) as RedisEventBus;
    const stranger = new RedisEventBus({ redisUrl: TEST_REDIS_URL, prefix: uniquePrefix('ev'), onError: () => {} });
    buses.push(api, worker, stranger);
    expect(api).toBeInstanceOf(RedisEventBus);

    const got: unknown[] = [];
    const other: unknown[] = [];
    const strange: unknown[] = [];
    const unsubscribe = api.subscribe('conversation:c1', (e) => got.push(e));
    api.subscribe('conversation:c2', (e) => other.push(e));
    stranger.subscribe('conversation:c1', (e) => strange.push(e));
    await Promise.all([api.ready(), stranger.ready()]);

    await worker.publish('conversation:c1', { entryId: 'e1', text: 'halo' });
    await waitFor(() => got.length === 1, 'event received');
    expect(got[0]).toEqual({ entryId: 'e1', text: 'halo' });

    unsubscribe();
    await worker.publish('conversation:c1', { entryId: 'e2' });
    await worker.publish('conversation:c2', { entryId: 'e3' });
    await waitFor(() => other.length === 1, 'event on the other topic');
    expect(got).toHaveLength(1);
    expect(strange).toHaveLength(0);
  });
});

describe('Redis event bus: listen() resolves only once the subscription is active', () => {
  let ok = false;
  beforeAll(async () => {
    ok = await requireRedisOrSkip();
  });

  it('never misses an event published by another process right after listen() resolved', async () => {
    if (!ok) return;
    const prefix = uniquePrefix('ev');
    const api = new RedisEventBus({ redisUrl: TEST_REDIS_URL, prefix, onError: () => {} });
    const worker = new RedisEventBus({ redisUrl: TEST_REDIS_URL, prefix, onError: () => {} });
    try {
      await worker.publish('warm-up', {});
      for (let i = 0; i < 50; i++) {
        const got: unknown[] = [];
        const off = await api.listen(`webchat:s${i}`, (e) => got.push(e));
        await worker.publish(`webchat:s${i}`, { n: i });
        await waitFor(() => got.length === 1, `event ${i}`);
        off();
      }
    } finally {
      await api.close();
      await worker.close();
    }
  });

  it('rejects with TransientError when Redis does not answer (the stream answers 503)', async () => {
    const bus = new RedisEventBus({ redisUrl: 'redis://127.0.0.1:1', prefix: 'x', commandTimeoutMs: 300, onError: () => {} });
    await expect(bus.listen('t', () => undefined)).rejects.toMatchObject({ name: 'TransientError' });
    await bus.close();
  });
});

describe('in-process event bus', () => {
  it('delivers to subscribers of the topic, isolates a throwing listener, and unsubscribes', async () => {
    const errors: string[] = [];
    const bus = createEventBus({ REDIS_PREFIX: 'hd' }, { onError: (ctx) => errors.push(ctx) });
    expect(bus).toBeInstanceOf(InProcessEventBus);
    const got: unknown[] = [];
    bus.subscribe('t', () => {
      throw new Error('boom');
    });
    const off = bus.subscribe('t', (e) => got.push(e));
    await bus.publish('t', { n: 1 });
    await bus.publish('u', { n: 2 });
    off();
    await bus.publish('t', { n: 3 });
    expect(got).toEqual([{ n: 1 }]);
    expect(errors).toHaveLength(2);
    await bus.close();
  });
});
