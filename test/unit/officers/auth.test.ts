/** Passwords (scrypt), log-in, rate limiting, cookie sessions with the CSRF guard, and the user:add CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashPassword, verifyPassword } from '../../../src/officers/passwords';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store';
import { type Harness, MINUTE, startHarness } from './harness';

describe('password hashing', () => {
  it('verifies the right password and rejects others; salts differ; parameters are in the hash', async () => {
    const a = await hashPassword('kata-sandi-rahasia');
    const b = await hashPassword('kata-sandi-rahasia');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toContain('kata-sandi-rahasia');
    expect(await verifyPassword('kata-sandi-rahasia', a)).toBe(true);
    expect(await verifyPassword('kata-sandi-rahasiA', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
    expect(await verifyPassword('kata-sandi-rahasia', 'plain')).toBe(false);
    expect(await verifyPassword('kata-sandi-rahasia', 'scrypt$99999999$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('log-in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 200 {token} for the right password and a generic 401 otherwise; stores only the token hash', async () => {
    const { officer, password } = await h.addOfficer('pengelola-layanan', 'bkpsdm');
    const ok = await h.login(officer.email.toUpperCase(), password);
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessions = await h.store.listDocs<{ officerId: string }>('officer-sessions');
    expect(sessions.some((s) => s.key === token)).toBe(false);
    expect(JSON.stringify(sessions)).not.toContain(token);
    expect((await h.call('GET', '/api/v1/auth/me', token)).body).toMatchObject({ officer: { id: officer.id, role: 'pengelola-layanan', agency: 'bkpsdm' } });

    const wrong = await h.login(officer.email, 'salah-sekali-12');
    const unknown = await h.login('tidak.ada@cirebonkab.go.id', 'salah-sekali-12');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json()); // same message: no account enumeration
  });

  it('refuses an account from an address after 5 failures there (429 with Retry-After), but lets the right password in from another address', async () => {
    const { officer, password } = await h.addOfficer('pengelola-teknis', 'bkpsdm');
    const guesser = { 'x-forwarded-for': '10.0.1.1' };
    for (let i = 0; i < 5; i++) expect((await h.login(officer.email, `salah-${i}-xxxxxx`, guesser)).status).toBe(401);
    const blocked = await h.login(officer.email, password, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: string }).error).toMatch(/Terlalu banyak/);
    // The officer at their own desk is never locked out by someone guessing elsewhere.
    expect((await h.login(officer.email, password, { 'x-forwarded-for': '10.0.1.2' })).status).toBe(200);
    h.clock.t += 16 * MINUTE;
    expect((await h.login(officer.email, password, guesser)).status).toBe(200);
  });

  it('guesses spread over many addresses only slow the account down; the right password still gets in', async () => {
    const { officer, password } = await h.addOfficer('pengelola-teknis', 'bkpsdm');
    for (let i = 0; i < 6; i++) expect((await h.login(officer.email, `salah-${i}-xxxxxx`, { 'x-forwarded-for': `10.0.2.${i}` })).status).toBe(401);
    expect((await h.login(officer.email, password, { 'x-forwarded-for': '10.0.2.200' })).status).toBe(200);
    h.clock.t += 16 * MINUTE;
  });

  it('limits failed log-ins per address across e-mails (20 per 15 min)', async () => {
    const { officer, password } = await h.addOfficer('pengelola-teknis', 'bapenda');
    const from = { 'x-forwarded-for': '10.0.3.1' };
    for (let i = 0; i < 20; i++) expect((await h.login(`orang${i}@cirebonkab.go.id`, 'salah-sekali-12', from)).status).toBe(401);
    expect((await h.login(officer.email, password, from)).status).toBe(429);
    expect((await h.login(officer.email, password, { 'x-forwarded-for': '10.0.3.2' })).status).toBe(200);
    h.clock.t += 16 * MINUTE;
  });

  it('cookie sessions: HttpOnly SameSite=Strict; writes need X-Requested-With', async () => {
    const { officer, password } = await h.addOfficer('koordinator-layanan', 'diskominfo');
    const res = await h.login(officer.email, password);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    expect((await h.call('GET', '/api/v1/auth/me', null, undefined, { cookie })).status).toBe(200);
    const c = await h.conversation();
    expect((await h.call('POST', `/api/v1/conversations/${c.id}/takeover`, null, undefined, { cookie })).status).toBe(403);
    expect((await h.store.getConversation(c.id))!.owner).toBe('waiting');
    expect((await h.call('POST', `/api/v1/conversations/${c.id}/takeover`, null, undefined, { cookie, 'x-requested-with': 'konsol' })).status).toBe(200);
  });

  it('records log-ins and actions in the audit trail', async () => {
    const { officer } = await h.addOfficer('pengelola-layanan', 'bkpsdm');
    const audit = await h.store.listAudit({ actor: officer.id });
    expect(audit.map((a) => a.action)).toContain('auth.login');
  });
});

describe('npm run user:add (src/cli/user-add.ts)', () => {
  const root = resolve(__dirname, '../../..');
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'user-add-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/cli/user-add.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOME: process.env.HOME },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('creates, then updates, an officer; rejects bad input in Indonesian with exit 1', async () => {
    const created = run('--email', 'siti@cirebonkab.go.id', '--password', 'sandi-awal-123', '--role', 'pengelola-layanan', '--agency', 'bkpsdm', '--name', 'Siti Aminah');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/dibuat/);
    expect(created.stdout).not.toContain('sandi-awal-123');
    const updated = run('--email', 'SITI@cirebonkab.go.id', '--password', 'sandi-baru-4567', '--role', 'pengelola-teknis', '--agency', 'bkpsdm', '--name', 'Siti A.');
    expect(updated.status).toBe(0);
    expect(updated.stdout).toMatch(/diperbarui/);

    const bad = [
      ['--email', 'bukan-email', '--password', 'sandi-awal-123', '--role', 'pengelola-layanan', '--agency', 'bkpsdm', '--name', 'X'],
      ['--email', 'x@cirebonkab.go.id', '--password', 'pendek', '--role', 'pengelola-layanan', '--agency', 'bkpsdm', '--name', 'X'],
      ['--email', 'x@cirebonkab.go.id', '--password', 'sandi-awal-123', '--role', 'admin', '--agency', 'bkpsdm', '--name', 'X'],
      ['--email', 'x@cirebonkab.go.id', '--password', 'sandi-awal-123', '--role', 'koordinator-layanan', '--agency', 'bkpsdm', '--name', 'X'],
      ['--email', 'x@cirebonkab.go.id', '--password', 'sandi-awal-123', '--role', 'pengelola-layanan', '--agency', 'atlantis', '--name', 'X'],
      ['--email', 'x@cirebonkab.go.id', '--password', 'sandi-awal-123', '--role', 'pengelola-layanan', '--agency', 'bkpsdm'],
    ];
    for (const args of bad) {
      const r = run(...args);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/tidak valid|minimal|tidak dikenal|hanya untuk|wajib/);
      expect(r.stdout).toBe('');
    }

    const store = new SqliteStore({ dataDir });
    await store.open();
    try {
      const officers = await store.listOfficers();
      expect(officers).toHaveLength(1);
      expect(officers[0]).toMatchObject({ email: 'siti@cirebonkab.go.id', role: 'pengelola-teknis', name: 'Siti A.' });
      expect(await verifyPassword('sandi-baru-4567', officers[0]!.passwordHash)).toBe(true);
      expect(await verifyPassword('sandi-awal-123', officers[0]!.passwordHash)).toBe(false);
    } finally {
      await store.close();
    }
  }, 240_000); // eight CLI processes (tsx start-up each): slow on a loaded machine
});
