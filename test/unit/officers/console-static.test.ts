/** The console's static files: the page, its ES modules under /konsol/js/, headers and path rules. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { CONSOLE_CSP, consolePublicDir, consoleStaticRoutes } from '../../../src/console/static';
import { listen } from '../../helpers/http';

let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const app = express();
  app.use(consoleStaticRoutes());
  app.use((_req, res) => {
    res.status(404).json({ error: 'tidak ada' });
  });
  server = await listen(app);
});
afterAll(async () => {
  await server.close();
});

it('serves the page, which loads js/main.js as a module, with the strict CSP', async () => {
  const res = await fetch(`${server.url}/konsol`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
  expect(CONSOLE_CSP).not.toContain('unsafe-inline');
  expect(await res.text()).toContain('<script type="module" src="/konsol/js/main.js"></script>');
});

it('serves every browser module as JavaScript, folders included', async () => {
  const dir = join(consolePublicDir(), 'js');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  expect(files).toEqual(expect.arrayContaining(['main.js', 'tabs.js', join('views', 'inbox.js')]));
  for (const file of files) {
    const res = await fetch(`${server.url}/konsol/js/${file.split('\\').join('/')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect((await res.text()).startsWith('// @ts-check')).toBe(true);
  }
});

it('serves nothing outside js/*.js: type files, other folders, traversal', async () => {
  for (const path of ['/konsol/js/types.d.ts', '/konsol/js/../static.ts', '/konsol/js/views/../../tsconfig.json', '/konsol/js/nope.js', '/konsol/tsconfig.json']) {
    const res = await fetch(`${server.url}${path}`);
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
  }
});
