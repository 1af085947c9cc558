/** Builds the express app from routers; no I/O here (the composition root listens). */
import express, { type Router } from 'express';
import { errorHandler, notFoundHandler } from './error-handler';
import { requestId } from './request-id';
import { onlyJsonBodies } from './content-type';
import type { Logger } from '../runtime/logger';

export interface HttpAppOptions {
  routers: Router[];
  logger: Logger;
  /** JSON body limit; the analyze and chat texts are far smaller. */
  jsonLimit?: string;
}

export function createHttpApp({ routers, logger, jsonLimit = '64kb' }: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.use(requestId);
  app.use(onlyJsonBodies);
  app.use(express.json({ limit: jsonLimit, strict: true }));
  for (const router of routers) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
