/**
 * Limits and throttles shared by every process through Redis (rate-limiter-flexible's
 * RateLimiterRedis on its own ioredis connection, keys under `<REDIS_PREFIX>:limit:<name>:`), so a
 * limit counts requests to every api process and survives restarts. While Redis does not answer,
 * each process falls back to an in-memory limiter of the same size (insuranceLimiter): limits stay
 * in force, per process. Without REDIS_URL the service uses the in-memory limiters directly
 * (channels/webchat/rate-limit.ts, src/officers/login-limiter.ts).
 */
import IORedis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import {
  DEFAULT_PER_IP,
  WEBCHAT_MESSAGES_PER_SESSION,
  WEBCHAT_SESSIONS_PER_IP,
  type PerIpLimits,
  type RateLimit,
  type WebchatLimits,
} from '../../channels/webchat/rate-limit';
import { LOGIN_FAILURES, type LoginThrottle } from '../officers/login-limiter';

export interface SharedLimits {
  webchat: WebchatLimits;
  /** POST /api/v1/analyze per client address. */
  analyze: RateLimit;
  login: LoginThrottle;
  close(): Promise<void>;
}

export interface SharedLimitsOptions {
  redisUrl: string;
  prefix: string;
  /** Sizes (tests); defaults are the service's. */
  webchatSessionsPerIp?: { points: number; windowMs: number };
  webchatMessagesPerSession?: { points: number; windowMs: number };
  loginFailures?: { windowMs: number };
  perIp?: PerIpLimits;
}

export function createSharedLimits(options: SharedLimitsOptions): SharedLimits {
  // Fails fast while Redis is away (the insurance limiter answers then); reconnects by itself.
  const redis = new IORedis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, retryStrategy: (n) => Math.min(200 * n, 2000) });
  redis.on('error', () => undefined);
  const limiter = (name: string, points: number, windowMs: number) => {
    const duration = Math.max(1, Math.ceil(windowMs / 1000));
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${options.prefix}:limit:${name}`,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${name}-local`, points, duration }),
    });
  };
  const sessions = options.webchatSessionsPerIp ?? WEBCHAT_SESSIONS_PER_IP;
  const messages = options.webchatMessagesPerSession ?? WEBCHAT_MESSAGES_PER_SESSION;
  const login = options.loginFailures ?? LOGIN_FAILURES;
  const perIp = options.perIp ?? DEFAULT_PER_IP;
  // Only counted (get/penalty/delete); LOGIN_FAILURES' limits are applied by src/officers/auth.ts.
  const loginLimiter = limiter('login', 1_000_000, login.windowMs);
  return {
    webchat: {
      sessionsPerIp: rateLimit(limiter('webchat-sessions', sessions.points, sessions.windowMs)),
      messagesPerSession: rateLimit(limiter('webchat-messages', messages.points, messages.windowMs)),
      messagesPerIp: rateLimit(limiter('webchat-messages-ip', perIp.messagesPerMinute, 60_000)),
      streamsPerIp: rateLimit(limiter('webchat-streams-ip', perIp.streamsPerMinute, 60_000)),
    },
    analyze: rateLimit(limiter('analyze-ip', perIp.analyzePerMinute, 60_000)),
    login: {
      async retryAfterSeconds(key, limit) {
        const res = await loginLimiter.get(key);
        return res && res.consumedPoints >= limit && res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;
      },
      async failures(key) {
        return (await loginLimiter.get(key))?.consumedPoints ?? 0;
      },
      async fail(keys) {
        for (const key of keys) await loginLimiter.penalty(key, 1);
      },
      async succeed(keys) {
        for (const key of keys) await loginLimiter.delete(key);
      },
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function rateLimit(limiter: RateLimiterRedis): RateLimit {
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch (res) {
        if (res instanceof RateLimiterRes) return false;
        throw res;
      }
    },
  };
}
