/**
 * The public status (interfaces.md section 7): GET /api/v1/status (JSON, any origin may read it)
 * and GET /status (the page people read; framing allowed for the configured Pemkab origins).
 * Both answer from the status board's cache and honour If-None-Match.
 */
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { packagePath } from '../../runtime/package-root';
import type { StatusBoard, StatusSnapshot } from '../../operations/status-board';
import { renderStatusPage } from '../status-page';

/** src/http/public of the installed package (the production image ships it beside dist/). */
export function statusPublicDir(): string {
  return packagePath('src', 'http', 'public');
}

/** frame-ancestors from origins like WEBCHAT_ALLOWED_ORIGINS ("https://*.cirebonkab.go.id", "*"). */
export function frameAncestors(origins: readonly string[]): string {
  if (origins.includes('*')) return 'frame-ancestors *';
  const valid = origins.filter((o) => /^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/.test(o));
  return `frame-ancestors 'self'${valid.length ? ` ${valid.join(' ')}` : ''}`;
}

export function statusRoutes(deps: { board: StatusBoard; frameOrigins: readonly string[]; publicDir?: string }): Router {
  const router = Router();
  const dir = deps.publicDir ?? statusPublicDir();
  const csp = ["default-src 'none'", "style-src 'self'", "img-src 'self' data:", "base-uri 'self'", "form-action 'none'", frameAncestors(deps.frameOrigins)].join('; ');
  // Bytes ready to send, once per snapshot: the hot path is headers + one write.
  const bodies = new WeakMap<StatusSnapshot, { json?: Buffer; full?: Buffer; embed?: Buffer }>();
  const bodyOf = (snapshot: StatusSnapshot, key: 'json' | 'full' | 'embed'): Buffer => {
    const cached = bodies.get(snapshot) ?? {};
    const body = (cached[key] ??= Buffer.from(key === 'json' ? snapshot.json : renderStatusPage(snapshot.document, { embed: key === 'embed' })));
    bodies.set(snapshot, cached);
    return body;
  };
  const send = (res: Response, type: string, body: Buffer) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', String(body.length));
    res.end(body);
  };

  const notModified = (req: Request, res: Response, snapshot: StatusSnapshot, tag: string): boolean => {
    const etag = snapshot.etag.replace(/"$/, `-${tag}"`);
    res.setHeader('ETag', etag);
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return true;
    }
    return false;
  };

  router.get('/api/v1/status', async (req, res) => {
    const snapshot = await deps.board.current();
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=10');
    if (notModified(req, res, snapshot, 'j')) return;
    send(res, 'application/json; charset=utf-8', bodyOf(snapshot, 'json'));
  });

  router.get(['/status', '/status/'], async (req, res) => {
    const embed = req.query.embed === '1';
    const snapshot = await deps.board.current();
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'public, max-age=10');
    if (notModified(req, res, snapshot, embed ? 'e' : 'p')) return;
    send(res, 'text/html; charset=utf-8', bodyOf(snapshot, embed ? 'embed' : 'full'));
  });

  router.get('/status/status.css', (_req, res) => {
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(join(dir, 'status.css'), { lastModified: true, etag: true });
  });

  return router;
}
