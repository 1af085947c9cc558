import IORedis from 'ioredis';
import { BullmqQueueBus } from '../../src/queue/bullmq/bullmq-queue';
import { deletePrefix, requireRedisOrSkip, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { queueContract } from './queue.contract';

const fast = { attempts: 5, baseDelayMs: 20, maxDelayMs: 1000 };
const prefixes: string[] = [];

queueContract('bullmq', {
  available: requireRedisOrSkip,
  make: async () => {
    const prefix = uniquePrefix('q');
    prefixes.push(prefix);
    return new BullmqQueueBus({
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 50,
      drainRetry: fast,
      deliveryRetry: fast,
      timerRetry: fast,
      onError: () => {},
    });
  },
  cleanup: async () => {
    const redis = new IORedis(TEST_REDIS_URL);
    try {
      for (const p of prefixes.splice(0)) await deletePrefix(redis as never, `${p}:`);
    } finally {
      redis.disconnect();
    }
  },
});
