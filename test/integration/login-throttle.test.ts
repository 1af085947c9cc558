/**
 * The failed-log-in throttle on the real service, as the issue judges it: wrong passwords from
 * one address must not lock the officer out when they then log in from another address with the
 * right password. (The throttle itself is src/officers/login-limiter.ts.)
 */
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { startTestService, type TestService } from '../helpers/service';

jest.setTimeout(120_000);

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.cleanup();
});

const login = async (email: string, password: string, ip: string) => {
  const res = await fetch(`${service.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as { token?: string; error?: string } };
};

it('wrong passwords from one address, then the right one from another: logged in', async () => {
  const email = 'petugas.throttle@cirebonkab.go.id';
  const password = 'kata-sandi-benar-123';
  await addOrUpdateOfficer(service.store, service.knowledge, { email, password, role: 'pengelola-layanan', agency: 'bkpsdm', name: 'Petugas Throttle' });
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await login(email, `salah-${i}-kata-sandi`, '203.0.113.7')).status);
  // Every wrong attempt was refused (401), and the address was throttled along the way (429).
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  expect(statuses).toContain(429);

  const ok = await login(email, password, '198.51.100.9');
  expect(ok.status).toBe(200);
  expect(ok.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const me = await fetch(`${service.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${ok.body.token}` } });
  expect(me.status).toBe(200);
});
