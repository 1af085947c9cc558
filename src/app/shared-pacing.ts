/**
 * Outbound pacing state shared through Redis (the PacingState port of
 * channels/shared/pacing-state.ts), so whichever process owns a channel (channel-owners.ts) paces
 * from the same numbers: after a failover the new owner still waits out a chat's interval and the
 * channel-wide caps count the previous owner's sends.
 *
 * Keys, each with a PX expiry so nothing piles up:
 *   <prefix>:pace:<channel>:chat:<chatId>  when the chat may next receive (string, ms)
 *   <prefix>:pace:<channel>:tat            Telegram's GCRA theoretical arrival time (string, ms)
 *   <prefix>:pace:<channel>:slots          WhatsApp's slots of the last minute (sorted set)
 *   <prefix>:pace:<channel>:seq            unique member numbers for the slots
 * (kept at least a minute; see KEEP_AT_LEAST_MS).
 * Each slot is taken by one Lua script (atomic); a send costs one or two round-trips. Times are
 * the caller's clock, so the processes' clocks should agree (NTP).
 *
 * While Redis does not answer, each call falls back to this process's memory (MemoryPacingState):
 * pacing stays in force, per process, as without Redis.
 */
import IORedis from 'ioredis';
import { MemoryPacingState, type PacingState, type RateSlotRule, type WindowSlotRule } from '../../channels/shared/pacing-state';
import type { Channel } from '../domain/ids';
import type { Logger } from '../runtime/logger';

export interface SharedPacing {
  /** The pacing state of one channel. */
  forChannel(channel: Channel): PacingState;
  close(): Promise<void>;
}

export interface SharedPacingOptions {
  redisUrl: string;
  prefix: string;
  logger?: Logger;
}

/**
 * No key expires sooner than this. A value kept past its time is harmless (every script compares it
 * with now and a stale one is in the past), while a key that expires early forgets a wait: when
 * the processes' clocks differ a little, or a caller's clock is not Redis's (tests), an expiry cut
 * to the exact wait could drop a slot still in force.
 */
const KEEP_AT_LEAST_MS = 60_000;

/** Numbers go in and out of Lua as strings with microsecond precision (GCRA steps are fractions of a ms). */
const LUA_NUM = `local function num(v) if v then return tonumber(v) else return 0 end end
local function str(x) return string.format('%.3f', x) end
local function ttl(x) return math.max(${KEEP_AT_LEAST_MS}, math.ceil(x)) end`;

/** KEYS: chat. ARGV: until, now. */
const HOLD_CHAT = `${LUA_NUM}
local untilAt, now = tonumber(ARGV[1]), tonumber(ARGV[2])
if untilAt > num(redis.call('GET', KEYS[1])) and untilAt > now then
  redis.call('SET', KEYS[1], str(untilAt), 'PX', ttl(untilAt - now))
end
return 1`;

/** KEYS: tat, chat. ARGV: now, emission, tolerance, chat interval. Returns the slot. */
const TAKE_RATE_SLOT = `${LUA_NUM}
local now, emission, tolerance, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local tat = num(redis.call('GET', KEYS[1]))
local at = math.max(now, tat - tolerance)
local nextTat = math.max(tat, at) + emission
redis.call('SET', KEYS[1], str(nextTat), 'PX', ttl(nextTat - now))
local ready = at + interval
if ready > num(redis.call('GET', KEYS[2])) and ready > now then
  redis.call('SET', KEYS[2], str(ready), 'PX', ttl(ready - now))
end
return str(at)`;

/** KEYS: slots, chat, seq. ARGV: now, chat interval, per window, window. Returns the slot. */
const TAKE_WINDOW_SLOT = `${LUA_NUM}
local now, interval, perWindow, windowMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', str(now - windowMs))
local at = math.max(now, num(redis.call('GET', KEYS[2])))
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if latest[2] then at = math.max(at, tonumber(latest[2])) end
local count = redis.call('ZCARD', KEYS[1])
if count >= perWindow then
  local nth = redis.call('ZRANGE', KEYS[1], count - perWindow, count - perWindow, 'WITHSCORES')
  if nth[2] then at = math.max(at, tonumber(nth[2]) + windowMs) end
end
local keep = ttl(at + windowMs - now)
local seq = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], keep)
redis.call('ZADD', KEYS[1], str(at), str(at) .. ':' .. seq)
redis.call('PEXPIRE', KEYS[1], keep)
local ready = at + interval
if ready > num(redis.call('GET', KEYS[2])) and ready > now then
  redis.call('SET', KEYS[2], str(ready), 'PX', ttl(ready - now))
end
return str(at)`;

type PacingRedis = IORedis & {
  paceHoldChat(chat: string, until: string, now: string): Promise<number>;
  paceTakeRateSlot(tat: string, chat: string, now: string, emission: string, tolerance: string, interval: string): Promise<string>;
  paceTakeWindowSlot(slots: string, chat: string, seq: string, now: string, interval: string, perWindow: string, windowMs: string): Promise<string>;
};

export function createSharedPacing(options: SharedPacingOptions): SharedPacing {
  // Commands wait at most a second for Redis; once one failed, the memory fallback answers at once
  // until the connection is back (RedisPacingState.attempt). Reconnects by itself.
  const redis = new IORedis(options.redisUrl, {
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    retryStrategy: (n) => Math.min(200 * n, 2000),
    // close() while Redis is away: do not hold the process for ioredis's default 2 s.
    disconnectTimeout: 500,
  }) as PacingRedis;
  redis.on('error', () => undefined);
  redis.defineCommand('paceHoldChat', { numberOfKeys: 1, lua: HOLD_CHAT });
  redis.defineCommand('paceTakeRateSlot', { numberOfKeys: 2, lua: TAKE_RATE_SLOT });
  redis.defineCommand('paceTakeWindowSlot', { numberOfKeys: 3, lua: TAKE_WINDOW_SLOT });
  const states = new Map<Channel, PacingState>();
  return {
    forChannel(channel) {
      let state = states.get(channel);
      if (!state) {
        state = new RedisPacingState(redis, `${options.prefix}:pace:${channel}`, options.logger);
        states.set(channel, state);
      }
      return state;
    },
    async close() {
      if (redis.status === 'end') return;
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

class RedisPacingState implements PacingState {
  private readonly fallback = new MemoryPacingState();
  private failing = false;

  constructor(
    private readonly redis: PacingRedis,
    private readonly base: string,
    private readonly logger?: Logger,
  ) {}

  chatReadyAt(chatId: string): Promise<number> {
    return this.attempt(
      async () => Number((await this.redis.get(this.chatKey(chatId))) ?? 0),
      () => this.fallback.chatReadyAt(chatId),
    );
  }

  holdChat(chatId: string, until: number, now: number): Promise<void> {
    return this.attempt(
      async () => void (await this.redis.paceHoldChat(this.chatKey(chatId), String(until), String(now))),
      () => this.fallback.holdChat(chatId, until, now),
    );
  }

  takeRateSlot(chatId: string, now: number, rule: RateSlotRule): Promise<number> {
    return this.attempt(
      async () =>
        Number(
          await this.redis.paceTakeRateSlot(
            `${this.base}:tat`,
            this.chatKey(chatId),
            String(now),
            String(rule.emissionMs),
            String(rule.toleranceMs),
            String(rule.chatIntervalMs),
          ),
        ),
      () => this.fallback.takeRateSlot(chatId, now, rule),
    );
  }

  takeWindowSlot(chatId: string, now: number, rule: WindowSlotRule): Promise<number> {
    return this.attempt(
      async () =>
        Number(
          await this.redis.paceTakeWindowSlot(
            `${this.base}:slots`,
            this.chatKey(chatId),
            `${this.base}:seq`,
            String(now),
            String(rule.chatIntervalMs),
            String(rule.perWindow),
            String(rule.windowMs),
          ),
        ),
      () => this.fallback.takeWindowSlot(chatId, now, rule),
    );
  }

  private chatKey(chatId: string): string {
    return `${this.base}:chat:${chatId}`;
  }

  private async attempt<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.failing && this.redis.status !== 'ready') return local();
    try {
      const result = await shared();
      if (this.failing) {
        this.failing = false;
        this.logger?.info('shared pacing reachable again', { key: this.base });
      }
      return result;
    } catch (err) {
      if (!this.failing) {
        this.failing = true;
        this.logger?.warn('shared pacing unavailable; pacing in this process only', { key: this.base, err });
      }
      return local();
    }
  }
}
