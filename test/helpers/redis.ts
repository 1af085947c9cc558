/**
 * Real Redis for tests. Each call gets a unique key prefix; `cleanup` deletes its keys.
 * Without a reachable Redis, suites skip with a loud warning, unless REQUIRE_REDIS=1 (CI),
 * where they fail.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';

export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export function uniquePrefix(tag: string): string {
  return `t${tag}${randomBytes(4).toString('hex')}`;
}

/** Resolves true when something answers PING at TEST_REDIS_URL. */
export function redisAvailable(timeoutMs = 1000): Promise<boolean> {
  const url = new URL(TEST_REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

let warned = false;
/**
 * Use as `const describeRedis = await redisDescribe();` is not possible at top level in CJS,
 * so suites call `requireRedisOrSkip()` in beforeAll and return early from tests when it is false.
 */
export async function requireRedisOrSkip(): Promise<boolean> {
  const ok = await redisAvailable();
  if (ok) return true;
  if (process.env.REQUIRE_REDIS === '1') {
    throw new Error(`Redis is required (REQUIRE_REDIS=1) but ${TEST_REDIS_URL} does not answer`);
  }
  if (!warned) {
    warned = true;
    console.warn(`\n!!! REDIS NOT AVAILABLE at ${TEST_REDIS_URL}: Redis-backed tests are SKIPPED. Start it with:\n!!!   redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""\n`);
  }
  return false;
}

/** Deletes every key under the prefix (SCAN, not KEYS). */
export async function deletePrefix(redis: { scan: (...a: never[]) => Promise<[string, string[]]>; del: (...k: string[]) => Promise<number> }, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await (redis.scan as unknown as (c: string, ...a: (string | number)[]) => Promise<[string, string[]]>)(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
