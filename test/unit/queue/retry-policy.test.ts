import { TransientError } from '../../../src/domain/errors';
import { decideRetry, retryDelayMs } from '../../../src/queue/retry-policy';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retry policy', () => {
  it('retries TransientError with exponential backoff up to the attempt limit', () => {
    const err = new TransientError('down');
    expect(decideRetry(err, 1, policy)).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry(err, 2, policy)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry(err, 3, policy)).toEqual({ retry: true, delayMs: 400 });
    expect(decideRetry(err, 4, policy).retry).toBe(false);
  });

  it('caps the exponential delay but honours a longer retryAfterMs', () => {
    expect(retryDelayMs(10, new TransientError('x'), policy)).toBe(1000);
    expect(retryDelayMs(1, new TransientError('429', 5000), policy)).toBe(5000);
    expect(retryDelayMs(3, new TransientError('429', 50), policy)).toBe(400);
  });

  it('never retries other errors', () => {
    expect(decideRetry(new Error('bug'), 1, policy).retry).toBe(false);
    expect(decideRetry('string', 1, policy).retry).toBe(false);
  });
});
