/**
 * Serves the charting library of the console's dashboard (chart.js, its UMD build) from the
 * installed package: no CDN, nothing fetched from the internet at run time. Same-origin, so the
 * console's Content-Security-Policy (`script-src 'self'`) allows it.
 */
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { CONSOLE_CSP } from './static';

export const CHART_LIBRARY_PATH = '/konsol/vendor/chart.umd.min.js';

export function chartLibraryRoutes(): Router {
  const router = Router();
  // chart.js's "require" entry is dist/chart.cjs; the UMD build sits beside it.
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  router.get(CHART_LIBRARY_PATH, (_req, res) => {
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.sendFile(file, { lastModified: true, etag: true });
  });
  return router;
}
