/**
 * Limits per key (client IP, session): `take` says whether one more call is allowed. In memory
 * (this fixed-window class) for one process; shared through Redis across processes when REDIS_URL
 * is set (src/runtime/shared-limits.ts), so a limit counts every api process and survives restarts.
 */
export interface RateLimit {
  /** true when the call is allowed (and counted). */
  take(key: string): boolean | Promise<boolean>;
}

/** A small fixed-window limiter per key, in memory; enough for one process. */
export class RateLimiter implements RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** true when the call is allowed. */
  take(key: string): boolean {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.prune(t);
      this.windows.set(key, { start: t, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.limit;
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/**
 * The web chat's limits: new sessions per client address, messages (and files) per session and
 * per address (many sessions from one address), and stream connections per address.
 */
export interface WebchatLimits {
  sessionsPerIp: RateLimit;
  messagesPerSession: RateLimit;
  messagesPerIp: RateLimit;
  streamsPerIp: RateLimit;
}

export const WEBCHAT_SESSIONS_PER_IP = { points: 30, windowMs: 60_000 };
export const WEBCHAT_MESSAGES_PER_SESSION = { points: 30, windowMs: 60_000 };

/** Per-address limits per minute (LIMIT_*_PER_IP_PER_MINUTE; the messages limit is generous: one office's NAT may carry many citizens). */
export interface PerIpLimits {
  messagesPerMinute: number;
  streamsPerMinute: number;
  analyzePerMinute: number;
}

export const DEFAULT_PER_IP: PerIpLimits = { messagesPerMinute: 300, streamsPerMinute: 120, analyzePerMinute: 60 };

export function memoryWebchatLimits(perIp: PerIpLimits = DEFAULT_PER_IP): WebchatLimits {
  const limiter = (points: number, windowMs = 60_000) => new RateLimiter(points, windowMs);
  return {
    sessionsPerIp: limiter(WEBCHAT_SESSIONS_PER_IP.points, WEBCHAT_SESSIONS_PER_IP.windowMs),
    messagesPerSession: limiter(WEBCHAT_MESSAGES_PER_SESSION.points, WEBCHAT_MESSAGES_PER_SESSION.windowMs),
    messagesPerIp: limiter(perIp.messagesPerMinute),
    streamsPerIp: limiter(perIp.streamsPerMinute),
  };
}

export function memoryAnalyzeLimit(perIp: PerIpLimits = DEFAULT_PER_IP): RateLimit {
  return new RateLimiter(perIp.analyzePerMinute, 60_000);
}
