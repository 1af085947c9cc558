/** An account's failures from every address slow its log-ins down (never refuse them). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountSlowdownMs, createOfficerAuth } from '../../../src/officers/auth';
import { LOGIN_FAILURES, LoginLimiter } from '../../../src/officers/login-limiter';
import { hashPassword } from '../../../src/officers/passwords';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store';

it('waits nothing below the threshold, then one step more per failure, up to the maximum', () => {
  const { after, stepMs, maxMs } = LOGIN_FAILURES.slowdown;
  expect(accountSlowdownMs(after - 1)).toBe(0);
  expect(accountSlowdownMs(after)).toBe(stepMs);
  expect(accountSlowdownMs(after + 1)).toBe(2 * stepMs);
  expect(accountSlowdownMs(after + 1000)).toBe(maxMs);
});

it('slows the log-in of an account guessed at from many addresses, and lets the right password in', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'slowdown-'));
  const store = new SqliteStore({ dataDir });
  await store.open();
  try {
    const t = 1_800_000_000_000;
    await store.upsertOfficer({ id: 'o1', email: 'petugas@cirebonkab.go.id', name: 'Petugas', role: 'pengelola-layanan', agency: 'bkpsdm', passwordHash: await hashPassword('kata-sandi-benar'), active: true, createdAt: t });
    const waits: number[] = [];
    const auth = createOfficerAuth({ store, now: () => t, limiter: new LoginLimiter(LOGIN_FAILURES.windowMs, () => t), sleep: async (ms) => void waits.push(ms) });
    const { after, stepMs } = LOGIN_FAILURES.slowdown;
    for (let i = 0; i < after + 2; i++) await expect(auth.login('petugas@cirebonkab.go.id', 'salah', `10.9.0.${i}`)).rejects.toThrow(/salah/);
    expect(waits).toEqual([stepMs, 2 * stepMs]);
    const ok = await auth.login('petugas@cirebonkab.go.id', 'kata-sandi-benar', '10.9.1.1');
    expect(ok.officer.id).toBe('o1');
    expect(waits).toEqual([stepMs, 2 * stepMs, 3 * stepMs]);
    // A success clears the account's count: the next log-in waits nothing.
    await auth.login('petugas@cirebonkab.go.id', 'kata-sandi-benar', '10.9.1.1');
    expect(waits).toHaveLength(3);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
