/** The EventBus matching the queue: Redis pub/sub when REDIS_URL is set (several processes), else in-process. */
import type { EventBus } from '../queue/port';
import { InProcessEventBus } from './in-process-event-bus';
import { RedisEventBus } from './redis-event-bus';

export interface EventBusConfig {
  REDIS_URL?: string;
  REDIS_PREFIX: string;
}

export function createEventBus(config: EventBusConfig, options: { onError?: (context: string, err: unknown) => void } = {}): EventBus {
  if (config.REDIS_URL) return new RedisEventBus({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, onError: options.onError });
  return new InProcessEventBus(options.onError);
}
