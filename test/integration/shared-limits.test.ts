/**
 * Limits shared through Redis: two service instances on one Redis prefix (as two api processes)
 * count web chat sessions per client address and failed log-ins together, and the counts survive
 * a restart of the service. Same answers as in memory: 429 with the Indonesian message, and
 * Retry-After on the log-in throttle.
 */
import { requireRedisOrSkip, uniquePrefix } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';

jest.setTimeout(120_000);

const newSession = (url: string) => fetch(`${url}/api/v1/webchat/sessions`, { method: 'POST' });
const login = (url: string, email: string) =>
  fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'salah-sekali-12' }) });

describe('limits shared by every process through Redis', () => {
  let ok = false;
  const prefix = uniquePrefix('lim');
  const running: TestService[] = [];
  const start = async () => {
    const s = await startTestService({ redis: true, REDIS_PREFIX: prefix });
    running.push(s);
    return s;
  };

  beforeAll(async () => {
    ok = await requireRedisOrSkip();
  });

  afterAll(async () => {
    for (const s of running.splice(0).reverse()) await s.cleanup().catch(() => undefined);
  });

  it('counts requests to both instances against one limit, and still after a restart', async () => {
    if (!ok) return;
    const a = await start();
    const b = await start();

    // 30 new web chat sessions per address per minute, across both instances.
    for (let i = 0; i < 30; i++) expect((await newSession(i % 2 ? a.url : b.url)).status).toBe(201);
    const refused = await newSession(a.url);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Terlalu banyak sesi baru/);
    expect((await newSession(b.url)).status).toBe(429);

    // 5 failed log-ins per e-mail (and per address) per 15 minutes, across both instances.
    const email = 'tidak.ada@cirebonkab.go.id';
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? a.url : b.url, email)).status).toBe(401);
    const blocked = await login(b.url, email);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: string }).error).toMatch(/Terlalu banyak/);

    // A restarted instance (same Redis prefix, a fresh process state) still counts them.
    await a.stop();
    const again = await start();
    expect((await newSession(again.url)).status).toBe(429);
    expect((await login(again.url, email)).status).toBe(429);
  });
});
