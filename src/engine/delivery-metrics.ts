/**
 * Counts delivery outcomes around the deliverer (src/engine/delivery.ts): sent; retry (a
 * TransientError the queue will try again); failed (any other error, or a TransientError on the
 * last attempt when the queue passes the attempt `{ number, last }` after the job).
 */
import { TransientError } from '../domain/errors';
import type { Metrics } from '../metrics/port';
import type { OutboundJob } from '../queue/port';

export function withDeliveryMetrics<Rest extends unknown[]>(
  deliver: (job: OutboundJob, ...rest: Rest) => Promise<void>,
  metrics: Metrics,
): (job: OutboundJob, ...rest: Rest) => Promise<void> {
  return async (job, ...rest) => {
    try {
      await deliver(job, ...rest);
    } catch (err) {
      const last = (rest[0] as { last?: unknown } | undefined)?.last === true;
      metrics.delivery(job.channel, err instanceof TransientError && !last ? 'retry' : 'failed');
      throw err;
    }
    metrics.delivery(job.channel, 'sent');
  };
}
