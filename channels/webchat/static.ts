/**
 * Serves the web chat's public files: the page at `/` (with a strict Content-Security-Policy) and
 * the embeddable `widget.js`. The files live in `channels/webchat/public/` of the installed
 * package (served as they are, no build step; the production image ships that folder beside dist/).
 */
import { join } from 'node:path';
import { Router, type Response } from 'express';
import { packagePath } from '../../src/runtime/package-root';

/** The page may load only its own scripts, styles and API: no inline code, no third parties. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export function defaultPublicDir(): string {
  return packagePath('channels', 'webchat', 'public');
}

export interface WebchatStaticOptions {
  publicDir?: string;
  /** Cache lifetime of widget.js and the page's assets in seconds (revalidated by ETag after). */
  assetMaxAgeSeconds?: number;
}

export function webchatStaticRoutes(options: WebchatStaticOptions = {}): Router {
  const dir = options.publicDir ?? defaultPublicDir();
  const maxAge = options.assetMaxAgeSeconds ?? 300;
  const router = Router();

  const sendFile = (res: Response, file: string, type: string, cacheControl: string, extra: Record<string, string> = {}) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', cacheControl);
    for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
    // express sets ETag and Last-Modified and answers conditional requests with 304
    res.sendFile(join(dir, file), { lastModified: true, etag: true });
  };

  const page = (_req: unknown, res: Response) =>
    sendFile(res, 'index.html', 'text/html; charset=utf-8', 'no-cache', {
      'Content-Security-Policy': PAGE_CSP,
      'X-Frame-Options': 'SAMEORIGIN',
    });
  router.get('/', page);
  router.get('/index.html', page);

  // Loaded by other Pemkab sites with a plain <script src>: a short cache so fixes reach them
  // quickly, and a resource policy that lets cross-origin pages embed it.
  router.get('/widget.js', (_req, res) =>
    sendFile(res, 'widget.js', 'application/javascript; charset=utf-8', `public, max-age=${maxAge}, must-revalidate`, {
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }),
  );
  router.get('/page.css', (_req, res) => sendFile(res, 'page.css', 'text/css; charset=utf-8', `public, max-age=${maxAge}, must-revalidate`));
  router.get('/page.js', (_req, res) =>
    sendFile(res, 'page.js', 'application/javascript; charset=utf-8', `public, max-age=${maxAge}, must-revalidate`),
  );
  router.get('/favicon.svg', (_req, res) => sendFile(res, 'favicon.svg', 'image/svg+xml', 'public, max-age=86400'));
  router.get('/favicon.ico', (_req, res) => {
    res.redirect(301, '/favicon.svg');
  });

  return router;
}
