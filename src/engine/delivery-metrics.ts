/**
 * Counts delivery outcomes around the deliverer (src/engine/delivery.ts): sent, retry (a
 * TransientError: the queue tries again later) or failed (any other error: given up).
 */
import { TransientError } from '../domain/errors';
import type { Metrics } from '../metrics/port';
import type { OutboundJob } from '../queue/port';

export function withDeliveryMetrics(deliver: (job: OutboundJob) => Promise<void>, metrics: Metrics): (job: OutboundJob) => Promise<void> {
  return async (job) => {
    try {
      await deliver(job);
    } catch (err) {
      metrics.delivery(job.channel, err instanceof TransientError ? 'retry' : 'failed');
      throw err;
    }
    metrics.delivery(job.channel, 'sent');
  };
}
