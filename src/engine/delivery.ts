/**
 * Sends one outbound reply through its channel adapter and records the outcome in the store, so
 * failed deliveries stay visible. The error's type decides retries (queue layer): TransientError is
 * retried with backoff, and the last attempt's TransientError marks the delivery failed with that
 * error; RecipientUnreachableError marks the conversation and stops; anything else fails at once.
 * The attempt number comes from the queue (BullMQ keeps it in Redis), so the count in the store
 * is right whichever worker ran the earlier attempts. A delivery whose worker died between two
 * attempts is failed by the stale sweep (createStaleDeliverySweep) after its retry window.
 */
import type { ChannelAdapter } from '../../channels/types';
import { RecipientUnreachableError, TransientError } from '../domain/errors';
import type { Channel } from '../domain/ids';
import type { DeliveryAttempt, OutboundJob, QueueBus } from '../queue/port';
import type { Delivery, Store } from '../store/port';
import type { Logger } from '../runtime/logger';

export interface DeliveryDeps {
  store: Store;
  /** Sent marks (the queue's markSent/wasSent): a redelivered job whose message went out is not sent again. */
  sentMarks?: Pick<QueueBus, 'markSent' | 'wasSent'>;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  now: () => number;
  logger: Logger;
}

export function createDeliverer(deps: DeliveryDeps): (job: OutboundJob, attempt: DeliveryAttempt) => Promise<void> {
  const { store, logger } = deps;

  const record = (job: OutboundJob, attempt: DeliveryAttempt, status: Delivery['status'], error: string | null) =>
    store.recordDelivery({
      id: job.entryId,
      conversationId: job.conversationId,
      channel: job.channel,
      status,
      attempts: attempt.number,
      lastError: error,
      updatedAt: deps.now(),
    });

  const retryOrFail = async (job: OutboundJob, attempt: DeliveryAttempt, err: TransientError) => {
    await record(job, attempt, attempt.last ? 'failed' : 'pending', err.message);
    if (attempt.last) logger.warn('delivery failed after its last attempt', { entryId: job.entryId, channel: job.channel, attempts: attempt.number, error: err.message });
    throw err;
  };

  return async (job, attempt) => {
    const adapter = deps.adapters[job.channel];
    if (!adapter) return retryOrFail(job, attempt, new TransientError(`kanal ${job.channel} belum aktif`));
    if (!job.reply) {
      await record(job, attempt, 'failed', 'job tanpa isi balasan');
      throw new Error(`delivery ${job.entryId} has no reply`);
    }
    const marks = deps.sentMarks;
    // Run again after its worker died between sending and finishing: already out, only record it.
    if (marks && (await marks.wasSent(job.entryId).catch(() => false))) {
      await record(job, attempt, 'sent', null);
      return;
    }
    try {
      await adapter.send(job.threadId, job.reply);
      if (marks) await marks.markSent(job.entryId).catch((err) => logger.warn('could not mark a delivery sent', { entryId: job.entryId, err }));
    } catch (err) {
      if (err instanceof TransientError) return retryOrFail(job, attempt, err);
      const message = (err as Error).message;
      await record(job, attempt, 'failed', message);
      if (err instanceof RecipientUnreachableError) await markUnreachable(store, job.conversationId, deps.now());
      logger.warn('delivery failed', { entryId: job.entryId, channel: job.channel, error: message });
      throw err;
    }
    await record(job, attempt, 'sent', null);
  };
}

/** Longer than any wait between two attempts (the policy's 5 min cap, or a platform's retry-after). */
export const DELIVERY_STALE_AFTER_MS = 15 * 60_000;
export const STALE_DELIVERY_REASON = 'Batas waktu coba ulang terlewati tanpa hasil akhir';

/** Fails deliveries left 'pending' past their retry window (a worker died between attempts). */
export function createStaleDeliverySweep(deps: { store: Store; now: () => number; logger: Logger; staleAfterMs?: number }): () => Promise<number> {
  return async () => {
    const now = deps.now();
    const marked = await deps.store.failStaleDeliveries(now - (deps.staleAfterMs ?? DELIVERY_STALE_AFTER_MS), STALE_DELIVERY_REASON, now);
    if (marked > 0) deps.logger.warn('stale pending deliveries marked failed', { count: marked });
    return marked;
  };
}

async function markUnreachable(store: Store, conversationId: string, now: number): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const conversation = await store.getConversation(conversationId);
    if (!conversation || conversation.unreachable) return;
    if (await store.saveConversation({ ...conversation, unreachable: true, updatedAt: now }, conversation.version)) return;
  }
}
