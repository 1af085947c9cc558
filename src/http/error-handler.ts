/** Maps typed errors to HTTP answers in one place; users read the Indonesian messages. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TransientError,
  UnauthorizedError,
  UserInputError,
} from '../domain/errors';
import type { Logger } from '../runtime/logger';

export function httpStatusOf(err: unknown): number {
  if (err instanceof UserInputError) return 400;
  if (err instanceof UnauthorizedError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConflictError) return 409;
  if (err instanceof TransientError) return 503;
  return 500;
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Alamat tidak ditemukan.' });
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { type?: string; status?: number; message?: string };
    // body-parser errors carry a `type`; translate them for the client.
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'Isi permintaan terlalu besar.' });
      return;
    }
    if (e.type === 'entity.parse.failed' || e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
      res.status(400).json({ error: 'Isi permintaan harus JSON yang valid (UTF-8).' });
      return;
    }
    // Other client errors raised by express itself (a path that cannot be decoded, an aborted body).
    if (!(err instanceof AppError) && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: 'Permintaan tidak valid.' });
      return;
    }
    const status = httpStatusOf(err);
    if (status >= 500 && !(err instanceof TransientError)) {
      logger.error('unhandled error', { err, method: req.method, path: req.path, requestId: res.locals.requestId as string | undefined });
    }
    if (err instanceof TransientError && err.retryAfterMs) res.setHeader('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
    const message = err instanceof AppError ? err.message : 'Terjadi kesalahan pada server. Silakan coba lagi.';
    res.status(status).json({ error: message });
  };
}
