/**
 * Chooses the queue adapter from config: BullMQ when REDIS_URL is set (any number of API and
 * worker processes), else the in-process queue (one process; a lock file in DATA_DIR refuses a
 * second one). The matching EventBus comes from src/realtime/create-event-bus.ts.
 */
import type { QueueBus } from './port';
import { BullmqQueueBus, type BullmqQueueOptions } from './bullmq/bullmq-queue';
import { InProcessQueueBus, type InProcessQueueOptions } from './in-process/in-process-queue';

export interface QueueConfig {
  REDIS_URL?: string;
  REDIS_PREFIX: string;
  WORKER_CONCURRENCY: number;
  DATA_DIR: string;
}

/** Tuning beyond config (tests: short locks and backoffs; channel rates). */
export type QueueTuning = Partial<Omit<BullmqQueueOptions, 'redisUrl' | 'prefix' | 'concurrency'>> &
  Partial<Omit<InProcessQueueOptions, 'concurrency' | 'dataDir'>>;

export function createQueue(config: QueueConfig, tuning: QueueTuning = {}): QueueBus {
  if (config.REDIS_URL) {
    return new BullmqQueueBus({ ...tuning, redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, concurrency: config.WORKER_CONCURRENCY });
  }
  return new InProcessQueueBus({ ...tuning, concurrency: config.WORKER_CONCURRENCY, dataDir: config.DATA_DIR });
}
