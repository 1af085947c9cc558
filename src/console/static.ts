/**
 * Serves the officer console page (plain HTML/CSS/JS, no build step) at /konsol. The files live
 * in src/console/public/ of the installed package (the production image ships that folder beside
 * dist/). A strict Content-Security-Policy: own scripts, styles and API only.
 */
import { join } from 'node:path';
import { Router, type Response } from 'express';
import { packagePath } from '../runtime/package-root';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function consolePublicDir(): string {
  return packagePath('src', 'console', 'public');
}

const FILES: Record<string, string> = {
  'console.js': 'application/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

export function consoleStaticRoutes(dir = consolePublicDir()): Router {
  const router = Router();
  const send = (res: Response, file: string, type: string) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.sendFile(join(dir, file), { lastModified: true, etag: true });
  };
  router.get(['/konsol', '/konsol/', '/konsol/index.html'], (_req, res) => send(res, 'index.html', 'text/html; charset=utf-8'));
  router.get('/konsol/:file', (req, res, next) => {
    const file = req.params.file as string;
    const type = FILES[file];
    if (!type) return next();
    send(res, file, type);
  });
  return router;
}
