import { Router } from 'express';
import { createHttpApp } from '../../../src/http/app';
import { healthRoutes } from '../../../src/http/routes/health';
import { TransientError, UserInputError } from '../../../src/domain/errors';
import { createLogger } from '../../../src/runtime/logger';
import { listen, postJson } from '../../helpers/http';

describe('health, readiness and error mapping', () => {
  let storeUp = true;
  const failing = Router();
  failing.post('/boom/input', () => {
    throw new UserInputError('Teks wajib diisi.');
  });
  failing.post('/boom/transient', () => {
    throw new TransientError('Antrean tidak tersedia.', 3000);
  });
  failing.post('/boom/bug', () => {
    throw new Error('internal detail that must not leak');
  });
  const app = createHttpApp({
    logger: createLogger('silent'),
    routers: [
      healthRoutes([
        { name: 'store', check: async () => (storeUp ? undefined : Promise.reject(new Error('basis data mati'))) },
        { name: 'queue', check: async () => undefined },
      ]),
      failing,
    ],
  });
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(app);
  });
  afterAll(() => server.close());

  it('/healthz answers 200 while the process lives', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('/readyz is 200 when all answer and 503 naming what is down', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    storeUp = false;
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Record<string, string> };
    expect(body.checks.store).toMatch(/basis data mati/);
    expect(body.checks.queue).toBe('ok');
    storeUp = true;
  });

  it('maps typed errors to 400 and 503 (with Retry-After) and hides internal errors', async () => {
    const input = await postJson(`${server.url}/boom/input`, {});
    expect(input.status).toBe(400);
    expect(input.json.error).toBe('Teks wajib diisi.');
    const transient = await postJson(`${server.url}/boom/transient`, {});
    expect(transient.status).toBe(503);
    expect(transient.headers.get('retry-after')).toBe('3');
    const bug = await postJson(`${server.url}/boom/bug`, {});
    expect(bug.status).toBe(500);
    expect(bug.text).not.toMatch(/internal detail/);
  });

  it('answers malformed JSON with 400, oversized bodies with 413, unknown paths with 404', async () => {
    expect((await postJson(`${server.url}/boom/input`, '{"text": ')).status).toBe(400);
    expect((await postJson(`${server.url}/boom/input`, { text: 'x'.repeat(100_000) })).status).toBe(413);
    expect((await fetch(`${server.url}/tidak-ada`)).status).toBe(404);
  });
});
