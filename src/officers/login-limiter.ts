/**
 * Counts of failed log-ins per key (an address, an account, an account from one address) inside a
 * window. LoginLimiter keeps them in memory (one process; a restart forgets); with REDIS_URL they
 * are shared by every process and survive restarts (src/app/shared-limits.ts).
 */
export interface LoginThrottle {
  /** Seconds until `key` has fewer than `limit` failures inside the window; 0 when it has fewer now. */
  retryAfterSeconds(key: string, limit: number): number | Promise<number>;
  /** Failures of `key` inside the window. */
  failures(key: string): number | Promise<number>;
  fail(keys: string[]): void | Promise<void>;
  succeed(keys: string[]): void | Promise<void>;
}

/**
 * The policy (src/officers/auth.ts applies it): an address is refused after `perAddress` failures
 * (any accounts) and an account from one address after `perAccountAddress`; an account's failures
 * from every address only slow its log-ins (`slowdown`), so guessing from many addresses is slow
 * while the right password from another address is never refused.
 */
export const LOGIN_FAILURES = {
  windowMs: 15 * 60_000,
  perAddress: 20,
  perAccountAddress: 5,
  /** Account failures (any address) after which each attempt waits stepMs more, up to maxMs. */
  slowdown: { after: 5, stepMs: 500, maxMs: 3000 },
};

/** In memory (one process): a key is refused until the oldest of its last `limit` failures leaves the window. */
export class LoginLimiter implements LoginThrottle {
  private readonly byKey = new Map<string, number[]>();

  constructor(
    private readonly windowMs = LOGIN_FAILURES.windowMs,
    private readonly now: () => number = Date.now,
  ) {}

  retryAfterSeconds(key: string, limit: number): number {
    const t = this.now();
    const recent = this.recent(key, t);
    const wait = recent.length >= limit ? recent[recent.length - limit]! + this.windowMs - t : 0;
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failures(key: string): number {
    return this.recent(key, this.now()).length;
  }

  fail(keys: string[]): void {
    const t = this.now();
    if (this.byKey.size > 50_000) this.prune(t);
    for (const key of keys) this.byKey.set(key, [...this.recent(key, t), t]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.byKey.delete(key);
  }

  private recent(key: string, t: number): number[] {
    return (this.byKey.get(key) ?? []).filter((at) => t - at < this.windowMs);
  }

  private prune(t: number): void {
    for (const [key, list] of this.byKey) if (!list.some((at) => t - at < this.windowMs)) this.byKey.delete(key);
  }
}
