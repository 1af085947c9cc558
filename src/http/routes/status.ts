/**
 * The public status (interfaces.md section 7): GET /api/v1/status (JSON, any origin may read it)
 * and GET /status (the page people read; framing allowed for the configured Pemkab origins).
 * Both answer from the status board's cache and honour If-None-Match.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { StatusBoard, StatusSnapshot } from '../../operations/status-board';
import { renderStatusPage } from '../status-page';

export function statusPublicDir(): string {
  const candidates = [join(__dirname, '..', 'public'), resolve(__dirname, '../../../../src/http/public')];
  return candidates.find((dir) => existsSync(join(dir, 'status.css'))) ?? candidates[0]!;
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
  const pages = new WeakMap<StatusSnapshot, { full?: string; embed?: string }>();

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
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.send(snapshot.json);
  });

  router.get(['/status', '/status/'], async (req, res) => {
    const embed = req.query.embed === '1';
    const snapshot = await deps.board.current();
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'public, max-age=10');
    if (notModified(req, res, snapshot, embed ? 'e' : 'p')) return;
    const cached = pages.get(snapshot) ?? {};
    const key = embed ? 'embed' : 'full';
    const html = (cached[key] ??= renderStatusPage(snapshot.document, { embed }));
    pages.set(snapshot, cached);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.send(html);
  });

  router.get('/status/status.css', (_req, res) => {
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(join(dir, 'status.css'), { lastModified: true, etag: true });
  });

  return router;
}
