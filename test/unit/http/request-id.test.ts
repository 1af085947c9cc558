import { setTimeout as sleep } from 'node:timers/promises';
import { Router } from 'express';
import { createHttpApp } from '../../../src/http/app';
import { capturedLogger } from '../../helpers/captured-logger';
import { listen } from '../../helpers/http';

describe('request ids', () => {
  const cap = capturedLogger('info');
  const routes = Router();
  // Logs from "deep" code that knows nothing of the request, after awaits and body parsing.
  routes.post('/work', async (req, res) => {
    await sleep(5);
    await Promise.resolve();
    cap.logger.info('working on it', { size: JSON.stringify(req.body).length });
    setImmediate(() => {
      cap.logger.warn('later, still the same request');
      res.json({ ok: true });
    });
  });
  routes.get('/bug', () => {
    throw new Error('detail that must not leak');
  });
  const app = createHttpApp({ logger: cap.logger, routers: [routes] });
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(app);
  });
  afterAll(() => server.close());

  it('keeps a valid X-Request-Id, echoes it, and puts it on every log line of that request', async () => {
    const before = cap.lines.length;
    const res = await fetch(`${server.url}/work`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-abc.123' },
      body: JSON.stringify({ hello: 'dunia' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('proxy-abc.123');
    const lines = cap.lines.slice(before);
    expect(lines.map((l) => l.msg)).toEqual(['working on it', 'later, still the same request']);
    for (const line of lines) expect(line.requestId).toBe('proxy-abc.123');
  });

  it('makes a new id when none or an unusable one is given', async () => {
    const a = await fetch(`${server.url}/nowhere`);
    const b = await fetch(`${server.url}/nowhere`, { headers: { 'x-request-id': 'bad id with spaces <script>' } });
    const idA = a.headers.get('x-request-id');
    const idB = b.headers.get('x-request-id');
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    expect(idB).toMatch(/^[0-9a-f-]{36}$/);
    expect(idA).not.toBe(idB);
  });

  it('concurrent requests keep their own ids', async () => {
    const before = cap.lines.length;
    await Promise.all(
      ['r-1', 'r-2', 'r-3', 'r-4'].map((id) =>
        fetch(`${server.url}/work`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': id }, body: JSON.stringify({ id }) }),
      ),
    );
    const lines = cap.lines.slice(before).filter((l) => l.msg === 'working on it');
    expect(lines.map((l) => l.requestId).sort()).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
  });

  it('an unexpected error is logged once with its stack and the request id; the client gets no detail', async () => {
    const before = cap.lines.length;
    const res = await fetch(`${server.url}/bug`, { headers: { 'x-request-id': 'bug-1' } });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('detail that must not leak');
    const lines = cap.lines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', requestId: 'bug-1', path: '/bug' });
    expect((lines[0]!.err as { stack: string }).stack).toMatch(/Error: detail that must not leak\n\s+at /);
  });
});
