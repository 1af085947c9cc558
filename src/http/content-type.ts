/**
 * The API takes JSON bodies (and multipart/form-data for file uploads), nothing else: a request
 * that carries a body of any other type (text, a form, raw bytes) gets 415 with an Indonesian
 * error before any route sees it, so a handler that ignores its body cannot act on junk.
 */
import type { RequestHandler } from 'express';

export const UNSUPPORTED_BODY = 'Isi permintaan harus berupa JSON (Content-Type: application/json).';

export const onlyJsonBodies: RequestHandler = (req, res, next) => {
  // An empty body (Content-Length: 0, as fetch sends for a bare POST) is no body.
  const empty = req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
  // req.is(): false when the request has a body of another type.
  if (!empty && req.is(['application/json', 'application/*+json', 'multipart/form-data']) === false) {
    res.status(415).json({ error: UNSUPPORTED_BODY });
    return;
  }
  next();
};
