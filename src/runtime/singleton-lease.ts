/**
 * "Exactly one process does this": a lease on a Redis key, set with NX and a short expiry and
 * renewed by its holder well before it lapses (at a third of the TTL). Whoever holds it runs the
 * work (onAcquire); a holder that cannot renew in time stops the work (onLose) before the key can
 * expire and pass to another process, so two holders never overlap. stop(): work first, then the
 * key is released (only if still ours), so the next process takes over at once.
 * Without Redis (the embedded single-process mode) the lease is held locally, always.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import type { Logger } from './logger';

export interface SingletonLeaseOptions {
  /** null: no Redis, a single process; the lease is always held. */
  redisUrl: string | null;
  key: string;
  ttlMs?: number;
  onAcquire: () => void | Promise<void>;
  onLose: () => void | Promise<void>;
  logger: Logger;
}

export interface SingletonLease {
  readonly held: boolean;
  /**
   * A time (Date.now() scale) before which no other process can hold the key: the send time of
   * the last successful claim or renewal plus the TTL (0 when not held; Infinity without Redis).
   * Work that must never overlap another holder's (a Telegram long poll) ends its own steps before it.
   */
  readonly validUntil: number;
  /** host:pid:random of this process's claim. */
  readonly holder: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export function createSingletonLease(options: SingletonLeaseOptions): SingletonLease {
  const ttl = options.ttlMs ?? 15_000;
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let held = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lastRenewed = 0;
  let validUntil = 0;
  let redis: IORedis | null = null;
  let ticking: Promise<void> | null = null;

  const acquire = async () => {
    held = true;
    try {
      await options.onAcquire();
    } catch (err) {
      options.logger.error('lease work failed to start', { key: options.key, err });
    }
  };
  const lose = async () => {
    validUntil = 0;
    if (!held) return;
    held = false;
    try {
      await options.onLose();
    } catch (err) {
      options.logger.error('lease work failed to stop', { key: options.key, err });
    }
  };

  async function tick(): Promise<void> {
    if (stopped || !redis) return;
    const sentAt = Date.now();
    try {
      if (held) {
        const renewed = (await redis.eval(RENEW, 1, options.key, holder, String(ttl))) as number;
        if (renewed === 1) {
          lastRenewed = Date.now();
          validUntil = sentAt + ttl;
        } else {
          options.logger.warn('lease lost to another process', { key: options.key });
          await lose();
        }
      } else {
        const ok = await redis.set(options.key, holder, 'PX', ttl, 'NX');
        if (ok === 'OK' && !stopped) {
          lastRenewed = Date.now();
          validUntil = sentAt + ttl;
          options.logger.info('lease acquired', { key: options.key, holder });
          await acquire();
        }
      }
    } catch (err) {
      // Cannot renew: stop the work before the key may expire and another process takes over.
      if (held && Date.now() - lastRenewed > (ttl * 2) / 3) {
        options.logger.warn('lease could not be renewed; stopping its work', { key: options.key, err });
        await lose();
      }
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        ticking = null;
        schedule();
      });
    }, Math.max(200, Math.floor(ttl / 3)));
    timer.unref();
  };

  return {
    get held() {
      return held;
    },
    get validUntil() {
      return held ? validUntil : 0;
    },
    holder,
    async start() {
      if (!options.redisUrl) {
        validUntil = Infinity;
        await acquire();
        return;
      }
      redis = new IORedis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n) => Math.min(200 * n, 2000) });
      redis.on('error', () => undefined);
      await redis.connect().catch((err) => options.logger.warn('lease: Redis not reachable yet', { err }));
      ticking = tick().finally(() => {
        ticking = null;
      });
      await ticking;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      const wasHeld = held;
      await lose();
      if (redis) {
        if (wasHeld) await redis.eval(RELEASE, 1, options.key, holder).catch(() => undefined);
        redis.disconnect();
        redis = null;
      }
    },
  };
}
