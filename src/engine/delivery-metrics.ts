/**
 * Counts delivery outcomes around the deliverer (src/engine/delivery.ts): sent, retry (a
 * TransientError before the last attempt: the queue tries again later) or failed (given up).
 */
import { TransientError } from '../domain/errors';
import type { Metrics } from '../metrics/port';
import type { DeliveryAttempt, OutboundJob } from '../queue/port';

type Deliver = (job: OutboundJob, attempt: DeliveryAttempt) => Promise<void>;

export function withDeliveryMetrics(deliver: Deliver, metrics: Metrics): Deliver {
  return async (job, attempt) => {
    try {
      await deliver(job, attempt);
    } catch (err) {
      // A transient fault on the last attempt is the end of that delivery: failed, not retried.
      metrics.delivery(job.channel, err instanceof TransientError && !attempt.last ? 'retry' : 'failed');
      throw err;
    }
    metrics.delivery(job.channel, 'sent');
  };
}
