/**
 * The one place where a handler's error decides whether queue work is retried, and after how
 * long. Both queue adapters use it, so BullMQ and the in-process queue behave the same:
 * TransientError -> retry with exponential backoff (never sooner than its retryAfterMs);
 * any other error -> fail at once (a bad payload or a bug does not get better by retrying).
 */
import { TransientError } from '../domain/errors';

export interface RetryPolicy {
  /** Total attempts including the first one. */
  attempts: number;
  /** Delay before the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of the exponential delay (retryAfterMs may still ask for longer). */
  maxDelayMs: number;
}

export const DEFAULT_DELIVERY_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };
/** Drains retry too (the store may be briefly down); the recovery sweep re-signals after that. */
export const DEFAULT_DRAIN_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
export const DEFAULT_TIMER_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

export function isRetryable(err: unknown): err is TransientError {
  return err instanceof TransientError || (err instanceof Error && err.name === 'TransientError');
}

/**
 * Delay before retry number `retryNumber` (1 = the first retry): base * 2^(n-1), capped, but
 * never less than the error's retryAfterMs (a platform's 429 "retry after N s").
 */
export function retryDelayMs(retryNumber: number, err: unknown, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const asked = isRetryable(err) && typeof err.retryAfterMs === 'number' && err.retryAfterMs > 0 ? err.retryAfterMs : 0;
  return Math.max(exponential, asked);
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

/** attemptsMade counts the attempt that just failed (1 after the first failure). */
export function decideRetry(err: unknown, attemptsMade: number, policy: RetryPolicy): RetryDecision {
  if (!isRetryable(err) || attemptsMade >= policy.attempts) return { retry: false, delayMs: 0 };
  return { retry: true, delayMs: retryDelayMs(attemptsMade, err, policy) };
}

/** Reads a message out of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
