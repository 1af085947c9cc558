import { InProcessQueueBus } from '../../src/queue/in-process/in-process-queue';
import { queueContract } from './queue.contract';

const fast = { attempts: 5, baseDelayMs: 20, maxDelayMs: 1000 };

queueContract('in-process', {
  available: async () => true,
  make: async () =>
    new InProcessQueueBus({ concurrency: 50, drainRetry: fast, deliveryRetry: fast, timerRetry: fast, onError: () => {} }),
});
