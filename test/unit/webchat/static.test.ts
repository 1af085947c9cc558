/** The static router of the web chat: the page at `/`, widget.js, headers and the files' safety rules. */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { defaultPublicDir, PAGE_CSP, webchatStaticRoutes } from '../../../channels/webchat/static';
import { listen } from '../../helpers/http';

const publicDir = defaultPublicDir();
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const app = express();
  app.use(webchatStaticRoutes());
  server = await listen(app);
});

afterAll(async () => {
  await server.close();
});

describe('webchat static routes', () => {
  it('serves the page at / with a CSP allowing only its own scripts, styles and API', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(PAGE_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toMatch(/<script src="\/widget\.js" defer[^>]*data-open="true"/);
  });

  it('serves widget.js as JavaScript with a short, revalidated cache', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(await res.text()).toContain('HelpdeskSPBE');
    // node's http, not fetch: fetch adds "Cache-Control: no-cache" to conditional requests
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(`${server.url}/widget.js`, { headers: { 'if-none-match': etag! } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(304);
  });

  it('serves the page assets and nothing else from the folder', async () => {
    for (const [path, type] of [
      ['/page.css', 'text/css; charset=utf-8'],
      ['/page.js', 'application/javascript; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
    }
    const traversal = await fetch(`${server.url}/..%2fstatic.ts`);
    expect(traversal.status).toBe(404);
  });
});

describe('public files', () => {
  const widget = readFileSync(join(publicDir, 'widget.js'), 'utf8');
  const page = readFileSync(join(publicDir, 'index.html'), 'utf8');

  it('widget.js never writes HTML from strings', () => {
    expect(widget).not.toMatch(/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  it('widget.js is plain ES2019 (no optional chaining, no ?? , no modules)', () => {
    // acorn comes with eslint (a devDependency); it is the parser that knows language versions
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const acorn = require('acorn') as { parse: (src: string, opts: { ecmaVersion: number; sourceType: string }) => unknown };
    expect(() => acorn.parse(widget, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  it('the page loads no external resources and has no inline script or style', () => {
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/<style|\sstyle="|<script>|\son[a-z]+="/);
    for (const text of ['tanya layanan', 'lapor gangguan', 'ajukan permintaan', 'lacak tiket', 'bicara dengan petugas', 'WhatsApp', 'Telegram']) {
      expect(page.toLowerCase()).toContain(text.toLowerCase());
    }
  });
});
