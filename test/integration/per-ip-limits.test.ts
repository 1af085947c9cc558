/**
 * Abuse limits per client address (issue: "per-address limits on messages, analyze and streams;
 * limits shared across processes when Redis is there"): web chat messages over all of one
 * address's sessions, new streams, and analyze calls answer 429 in Indonesian once the address
 * used its minute; another address is not affected. With Redis, two instances count together.
 */
import { requireRedisOrSkip, uniquePrefix } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';

jest.setTimeout(120_000);

const from = (ip: string) => ({ 'x-forwarded-for': ip, 'content-type': 'application/json' });

async function session(url: string, ip: string): Promise<{ sessionId: string; token: string }> {
  const res = await fetch(`${url}/api/v1/webchat/sessions`, { method: 'POST', headers: from(ip) });
  expect(res.status).toBe(201);
  return (await res.json()) as { sessionId: string; token: string };
}

const post = (url: string, ip: string, s: { sessionId: string; token: string }) =>
  fetch(`${url}/api/v1/webchat/sessions/${s.sessionId}/messages`, { method: 'POST', headers: { ...from(ip), authorization: `Bearer ${s.token}` }, body: JSON.stringify({ text: 'halo' }) });

const analyze = (url: string, ip: string) => fetch(`${url}/api/v1/analyze`, { method: 'POST', headers: from(ip), body: JSON.stringify({ text: 'apa itu simpeg' }) });

async function stream(url: string, ip: string, s: { sessionId: string; token: string }): Promise<number> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/webchat/sessions/${s.sessionId}/stream?token=${s.token}`, { headers: { 'x-forwarded-for': ip }, signal: controller.signal });
  controller.abort();
  return res.status;
}

const LIMITS = { LIMIT_MESSAGES_PER_IP_PER_MINUTE: 4, LIMIT_STREAMS_PER_IP_PER_MINUTE: 3, LIMIT_ANALYZE_PER_IP_PER_MINUTE: 2 };

describe.each([['in memory', false], ['through Redis, across two instances', true]] as const)('per-address limits %s', (_mode, redis) => {
  const running: TestService[] = [];
  let a = '';
  let b = '';
  let ok = true;
  beforeAll(async () => {
    if (redis) ok = await requireRedisOrSkip();
    if (!ok) return;
    const prefix = uniquePrefix('ipl');
    const first = await startTestService({ redis, REDIS_PREFIX: prefix, ...LIMITS });
    running.push(first);
    a = first.url;
    if (redis) {
      const second = await startTestService({ redis, REDIS_PREFIX: prefix, ...LIMITS });
      running.push(second);
      b = second.url;
    } else {
      b = a;
    }
  });
  afterAll(async () => {
    for (const s of running.splice(0).reverse()) await s.cleanup().catch(() => undefined);
  });

  it('counts messages over every session of one address, and spares other addresses', async () => {
    if (!ok) return;
    const ip = '10.20.0.1';
    const [s1, s2] = [await session(a, ip), await session(b, ip)];
    const statuses = [await post(a, ip, s1), await post(b, ip, s2), await post(a, ip, s1), await post(b, ip, s2)].map((r) => r.status);
    expect(statuses).toEqual([202, 202, 202, 202]);
    const refused = await post(b, ip, s2);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Terlalu banyak pesan/);
    const other = await session(a, '10.20.0.2');
    expect((await post(a, '10.20.0.2', other)).status).toBe(202);
  });

  it('limits new streams and analyze calls per address', async () => {
    if (!ok) return;
    const ip = '10.20.1.1';
    const [sa, sb] = [await session(a, ip), await session(b, ip)]; // each instance keeps its own sessions here
    expect([await stream(a, ip, sa), await stream(b, ip, sb), await stream(a, ip, sa)]).toEqual([200, 200, 200]);
    expect(await stream(b, ip, sb)).toBe(429);
    expect([(await analyze(a, ip)).status, (await analyze(b, ip)).status]).toEqual([200, 200]);
    const refused = await analyze(a, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { error: string }).error).toMatch(/Terlalu banyak permintaan analisis/);
    expect((await analyze(b, '10.20.1.2')).status).toBe(200);
  });
});
