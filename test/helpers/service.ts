/** Starts the real service for integration tests: temp DATA_DIR, real Redis with its own prefix. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { type RunningService, startService, type ServiceOptions } from '../../src/app/service';
import type { Config } from '../../src/config/env';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './redis';

export interface TestService extends RunningService {
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * The queue the service-level suites run on: the "redis" jest project sets HD_TEST_MODE=redis
 * (test/helpers/setup-redis-mode.ts), so those suites run in both modes in CI.
 */
export const TEST_MODE: 'embedded' | 'redis' = process.env.HD_TEST_MODE === 'redis' ? 'redis' : 'embedded';

/**
 * Starts the service; `redis` omitted follows TEST_MODE. In Redis mode the suite fails
 * (REQUIRE_REDIS=1) or is skipped loudly when Redis does not answer: check with
 * `requireRedisOrSkip()` in beforeAll, as the Redis suites do.
 */
export async function startTestService(options: { redis?: boolean } & Partial<Config> & ServiceOptions = {}): Promise<TestService> {
  const { redis: asked, ...rest } = options;
  const redis = asked ?? TEST_MODE === 'redis';
  const dataDir = rest.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'helpdesk-'));
  const prefix = rest.REDIS_PREFIX ?? uniquePrefix('svc');
  const service = await startService({
    env: {},
    PORT: 0,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // never probe the real catalog addresses from a test; monitoring tests turn it on
    MONITORING: false,
    // tests send hundreds of requests a minute from 127.0.0.1; per-ip-limits.test.ts sets its own
    LIMIT_MESSAGES_PER_IP_PER_MINUTE: 1_000_000,
    LIMIT_STREAMS_PER_IP_PER_MINUTE: 1_000_000,
    LIMIT_ANALYZE_PER_IP_PER_MINUTE: 1_000_000,
    ...rest,
    DATA_DIR: dataDir,
    // the run's shared model cache (test/helpers/setup-env.ts), not one per fresh DATA_DIR
    NLU_CACHE_DIR: rest.NLU_CACHE_DIR ?? process.env.NLU_CACHE_DIR,
    REDIS_URL: redis ? (rest.REDIS_URL ?? TEST_REDIS_URL) : undefined,
    REDIS_PREFIX: prefix,
  });
  return {
    ...service,
    dataDir,
    async cleanup() {
      await service.stop();
      if (redis) {
        const client = new Redis(rest.REDIS_URL ?? TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
        await client.connect().catch(() => undefined);
        if (client.status === 'ready') await deletePrefix(client as never, prefix);
        client.disconnect();
      }
      if (!rest.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
