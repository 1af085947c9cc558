/**
 * Request ids: an `X-Request-Id` header from the client or a proxy is kept when it is a plain
 * token (1-128 of A-Z a-z 0-9 . _ : -), else a new UUID is made. It is echoed in the response
 * header and carried (src/runtime/request-context.ts) into every log line written while the
 * request is served.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithRequestContext } from '../runtime/request-context';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && VALID.test(given) ? given : randomUUID();
}

export const requestId: RequestHandler = (req, res, next) => {
  const id = requestIdOf(req.headers['x-request-id']);
  res.locals.requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  runWithRequestContext({ requestId: id }, next);
};
