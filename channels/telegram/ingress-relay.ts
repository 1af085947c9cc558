/**
 * Hands mapped messages to the ingress, one conversation at a time in arrival order (telegraf
 * handles a getUpdates batch concurrently). When the ingress cannot queue (TransientError):
 * - webhook mode: the error propagates and the webhook answers 503, so Telegram redelivers;
 * - polling mode: retried here with backoff. telegraf only asks for the next batch (and so only
 *   confirms this one to Telegram) once the handlers finished, so while we retry nothing is lost;
 *   after the last attempt the update is logged as lost, loudly.
 */
import { TransientError } from '../../src/domain/errors';
import type { InboundMessage } from '../../src/domain/messages';
import type { Logger } from '../../src/runtime/logger';
import type { Ingress } from '../types';

export interface RelayOptions {
  attempts: number;
  backoffMs: number;
  sleep(ms: number): Promise<void>;
  logger: Logger;
}

const MAX_BACKOFF_MS = 30_000;

export class IngressRelay {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly options: RelayOptions) {}

  /** Runs `job` after the earlier jobs of the same thread (job typically ends with deliver()). */
  inOrder<T>(threadId: string, job: () => Promise<T>): Promise<T> {
    const run = (this.chains.get(threadId) ?? Promise.resolve()).catch(() => undefined).then(job);
    this.chains.set(threadId, run);
    void run.catch(() => undefined).then(() => {
      if (this.chains.get(threadId) === run) this.chains.delete(threadId);
    });
    return run;
  }

  /** Webhook mode: one attempt; a TransientError propagates. */
  async deliverOnce(ingress: Ingress, message: InboundMessage): Promise<void> {
    await ingress.accept(message);
  }

  /**
   * Polling mode: retries TransientErrors; never throws (telegraf would stop polling). Resolves
   * with null once accepted, or with the error that refused the message for good.
   */
  async deliverWithRetry(ingress: Ingress, message: InboundMessage, stopped: () => boolean): Promise<Error | null> {
    const { attempts, backoffMs, sleep, logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        await ingress.accept(message);
        return null;
      } catch (err) {
        const ids = { threadId: message.threadId, externalId: message.externalId, attempt };
        if (!(err instanceof TransientError)) {
          logger.warn('telegram: ingress refused a message; the user is told', { ...ids, err });
          return err instanceof Error ? err : new Error(String(err));
        }
        if (attempt >= attempts || stopped()) {
          logger.error('telegram: INBOUND MESSAGE LOST: ingress unavailable after retries; the user is asked to resend', { ...ids, error: err.message });
          return err;
        }
        const wait = Math.max(err.retryAfterMs ?? 0, Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** (attempt - 1)));
        logger.warn('telegram: ingress unavailable; retrying', { ...ids, waitMs: wait });
        await sleep(wait);
      }
    }
  }
}
