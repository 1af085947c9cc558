/**
 * Failed-login throttle per client IP and per e-mail: after `limit` failures inside `windowMs`
 * further attempts are refused for a while. LoginLimiter keeps it in memory (one process; a
 * restart forgets); with REDIS_URL the throttle is shared by every process and survives restarts
 * (src/runtime/shared-limits.ts).
 */
export interface LoginThrottle {
  /** Seconds to wait before the next attempt for any of the keys; 0 when allowed. */
  retryAfterSeconds(keys: string[]): number | Promise<number>;
  fail(keys: string[]): void | Promise<void>;
  succeed(keys: string[]): void | Promise<void>;
}

export const LOGIN_FAILURES = { limit: 5, windowMs: 15 * 60_000 };

/** In memory: refused until the oldest of the last `limit` failures leaves the window. */
export class LoginLimiter implements LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next attempt for any of the keys; 0 when allowed. */
  retryAfterSeconds(keys: string[]): number {
    const t = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, t);
      if (recent.length >= this.limit) wait = Math.max(wait, recent[recent.length - this.limit]! + this.windowMs - t);
    }
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  fail(keys: string[]): void {
    const t = this.now();
    if (this.failures.size > 50_000) this.prune(t);
    for (const key of keys) this.failures.set(key, [...this.recent(key, t), t]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, t: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => t - at < this.windowMs);
  }

  private prune(t: number): void {
    for (const [key, list] of this.failures) if (!list.some((at) => t - at < this.windowMs)) this.failures.delete(key);
  }
}
