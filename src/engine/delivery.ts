/**
 * Sends one outbound reply through its channel adapter and records the outcome, so failed
 * deliveries stay visible. The error's type decides retries (queue layer): TransientError is
 * retried with backoff; RecipientUnreachableError marks the conversation and stops; anything
 * else fails at once.
 */
import type { ChannelAdapter } from '../../channels/types';
import { RecipientUnreachableError, TransientError } from '../domain/errors';
import type { Channel } from '../domain/ids';
import type { OutboundJob } from '../queue/port';
import type { Store } from '../store/port';
import type { Logger } from '../runtime/logger';

export interface DeliveryDeps {
  store: Store;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  now: () => number;
  logger: Logger;
}

export function createDeliverer(deps: DeliveryDeps): (job: OutboundJob) => Promise<void> {
  const { store, logger } = deps;
  const attempts = new Map<string, number>();

  const record = async (job: OutboundJob, status: 'pending' | 'sent' | 'failed', error: string | null) => {
    const n = (attempts.get(job.entryId) ?? 0) + (status === 'sent' ? 0 : 1);
    if (status === 'pending') attempts.set(job.entryId, n);
    else attempts.delete(job.entryId);
    await store.recordDelivery({
      id: job.entryId,
      conversationId: job.conversationId,
      channel: job.channel,
      status,
      attempts: Math.max(n, 1),
      lastError: error,
      updatedAt: deps.now(),
    });
  };

  return async (job) => {
    const adapter = deps.adapters[job.channel];
    if (!adapter) throw new TransientError(`kanal ${job.channel} belum aktif`);
    if (!job.reply) {
      await record(job, 'failed', 'job tanpa isi balasan');
      throw new Error(`delivery ${job.entryId} has no reply`);
    }
    try {
      await adapter.send(job.threadId, job.reply);
      await record(job, 'sent', null);
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof TransientError) {
        await record(job, 'pending', message);
        throw err;
      }
      await record(job, 'failed', message);
      if (err instanceof RecipientUnreachableError) await markUnreachable(store, job.conversationId, deps.now());
      logger.warn('delivery failed', { entryId: job.entryId, channel: job.channel, error: message });
      throw err;
    }
  };
}

async function markUnreachable(store: Store, conversationId: string, now: number): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const conversation = await store.getConversation(conversationId);
    if (!conversation || conversation.unreachable) return;
    if (await store.saveConversation({ ...conversation, unreachable: true, updatedAt: now }, conversation.version)) return;
  }
}
