/**
 * Express handler for webhook mode, mounted by the composition root as
 * `app.post(adapter.webhookPath, express.json(), adapter.webhookHandler())`.
 * Ours rather than telegraf's webhookCallback: telegraf answers 200 even when the handler failed
 * (so Telegram would not redeliver) and lets a wrong secret fall through to the next handler
 * (a silent 404). Here: wrong or missing secret -> 401; a body that is not a well-formed update
 * (channels/telegram/update-schema.ts) -> 400; ingress unavailable -> 503 + Retry-After,
 * so Telegram redelivers; accepted (or not ours to handle) -> 200.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { TransientError } from '../../src/domain/errors';
import type { Logger } from '../../src/runtime/logger';
import { isTelegramUpdate } from './update-schema';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export function secretMatches(expected: string, given: unknown): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
}

export function createWebhookHandler(deps: {
  secret: string;
  process(update: Record<string, unknown>): Promise<void>;
  logger: Logger;
}): RequestHandler {
  return async (req: Request, res: Response) => {
    if (!secretMatches(deps.secret, req.headers[SECRET_HEADER])) {
      deps.logger.warn('telegram: webhook call with a wrong or missing secret', { ip: req.ip });
      res.status(401).json({ error: 'Token rahasia webhook tidak valid.' });
      return;
    }
    const update: unknown = req.body;
    if (!isTelegramUpdate(update)) {
      // Telegram never sends this; whoever did gets a 400 and nothing reaches the mapper.
      deps.logger.warn('telegram: webhook body is not a valid update', { ip: req.ip });
      res.status(400).json({ error: 'Isi permintaan bukan update Telegram yang valid.' });
      return;
    }
    try {
      await deps.process(update);
      res.status(200).json({ ok: true });
    } catch (err) {
      if (err instanceof TransientError) {
        const seconds = Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000));
        res.set('Retry-After', String(seconds)).status(503).json({ error: 'Layanan sedang sibuk, coba lagi.' });
        return;
      }
      // Redelivery would fail the same way: acknowledge, keep the evidence in the log.
      deps.logger.error('telegram: webhook update could not be handled', { updateId: update.update_id, err });
      res.status(200).json({ ok: true });
    }
  };
}
