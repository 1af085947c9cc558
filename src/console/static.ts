/**
 * Serves the officer console page at /konsol: plain HTML/CSS and browser ES modules under
 * `public/js/` (checked JavaScript: `// @ts-check` + JSDoc, type-checked by `npm run typecheck`
 * through public/tsconfig.json, linted by `npm run lint`), no build step. The files live in
 * src/console/public/ of the installed package (the production image ships that folder beside
 * dist/), so `npm start` and `node dist/src/main.js` serve the same files. A strict
 * Content-Security-Policy: own scripts, styles and API only.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Response } from 'express';
import { packagePath } from '../runtime/package-root';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function consolePublicDir(): string {
  return packagePath('src', 'console', 'public');
}

const FILES: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};
const JS_TYPE = 'text/javascript; charset=utf-8';
/** A module path under js/: lower-case names, at most one folder deep, always `.js`. */
const MODULE_PATH = /^(?:[a-z0-9-]+\/)?[a-z0-9-]+\.js$/;

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
  router.get('/konsol/js/*path', (req, res, next) => {
    const parts = (req.params as { path?: string[] }).path ?? [];
    const rel = parts.join('/');
    if (!MODULE_PATH.test(rel)) return next();
    const file = join('js', rel);
    const full = join(dir, file);
    if (!existsSync(full) || !statSync(full).isFile()) return next();
    send(res, file, JS_TYPE);
  });
  router.get('/konsol/:file', (req, res, next) => {
    const file = req.params.file as string;
    const type = FILES[file];
    if (!type) return next();
    send(res, file, type);
  });
  return router;
}
