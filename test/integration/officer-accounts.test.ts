/**
 * Officer accounts and the audit trail on the real service (interfaces.md section 9): only the
 * koordinator-layanan manages accounts; validation answers 400 in Indonesian, a taken e-mail
 * 409, an unknown officer 404; deactivating an officer or giving them a new password ends their
 * sessions at once (401 on the very next request, also on a second service instance sharing the
 * store); the koordinators read the audit trail filtered, paged and with personal data masked.
 */
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { dateOf } from '../../src/reports/period';
import type { OfficerRole } from '../../src/domain/ids';
import { requireRedisOrSkip, uniquePrefix } from '../helpers/redis';
import { SseStream } from '../helpers/sse-client';
import { startTestService, type TestService } from '../helpers/service';

jest.setTimeout(120_000);

const PASSWORD = 'kata-sandi-awal-123';
/** English that must not leak into an error shown to officers. */
const ENGLISH = /\b(the|is|must|cannot|unexpected|not found|unauthori[sz]ed|invalid|required)\b/i;

let ipCounter = 0;
/** Each log-in from its own address, so the failed-log-in throttle never gets in the way here. */
const nextIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

async function request(url: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, any> };
}

async function login(url: string, email: string, password: string, ip = nextIp()) {
  return request(url, 'POST', '/api/v1/auth/login', null, { email, password }, { 'x-forwarded-for': ip });
}

async function tokenOf(url: string, email: string, password = PASSWORD): Promise<string> {
  const res = await login(url, email, password);
  if (res.status !== 200) throw new Error(`log-in of ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.token);
}

describe('officer accounts API', () => {
  let service: TestService;
  const api = (method: string, path: string, token: string | null, body?: unknown) => request(service.url, method, path, token, body);
  const tokens: Record<string, string> = {};
  let kl = { id: '', email: 'koordinator.layanan@diskominfo.cirebonkab.go.id' };

  const ROLES: [string, OfficerRole, string][] = [
    ['KL', 'koordinator-layanan', 'diskominfo'],
    ['KP', 'koordinator-pemulihan', 'diskominfo'],
    ['PT_D', 'pengelola-teknis', 'diskominfo'],
    ['PL_B', 'pengelola-layanan', 'bkpsdm'],
    ['PT_B', 'pengelola-teknis', 'bkpsdm'],
    ['PY_B', 'penyedia-layanan', 'bkpsdm'],
  ];

  beforeAll(async () => {
    service = await startTestService();
    for (const [key, role, agency] of ROLES) {
      const email = key === 'KL' ? kl.email : `${key.toLowerCase()}@cirebonkab.go.id`;
      const { officer } = await addOrUpdateOfficer(service.store, service.knowledge, { email, password: PASSWORD, role, agency, name: `Petugas ${key}` });
      if (key === 'KL') kl = { id: officer.id, email };
      tokens[key] = await tokenOf(service.url, email);
    }
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  /** Creates an officer through the API as the koordinator-layanan. */
  async function create(email: string, extra: Record<string, unknown> = {}) {
    const res = await api('POST', '/api/v1/officers', tokens.KL!, { email, name: 'Siti Aminah', role: 'pengelola-layanan', agency: 'bkpsdm', password: PASSWORD, ...extra });
    expect(res.status).toBe(201);
    return res.body.officer as { id: string; email: string; active: boolean };
  }

  it('only the koordinator-layanan lists, creates and changes officers; the koordinators read the audit trail', async () => {
    const target = await create('sasaran.matriks@cirebonkab.go.id');
    let n = 0;
    for (const [key] of ROLES) {
      const ok = key === 'KL';
      const list = await api('GET', '/api/v1/officers', tokens[key]!);
      expect([key, list.status]).toEqual([key, ok ? 200 : 403]);
      const created = await api('POST', '/api/v1/officers', tokens[key]!, { email: `baru.${key.toLowerCase()}.${++n}@cirebonkab.go.id`, name: 'Petugas Baru', role: 'pengelola-teknis', agency: 'bkpsdm', password: PASSWORD });
      expect([key, created.status]).toEqual([key, ok ? 201 : 403]);
      const changed = await api('PATCH', `/api/v1/officers/${target.id}`, tokens[key]!, { role: 'pengelola-teknis' });
      expect([key, changed.status]).toEqual([key, ok ? 200 : 403]);
      const audit = await api('GET', '/api/v1/audit', tokens[key]!);
      expect([key, audit.status]).toEqual([key, key === 'KL' || key === 'KP' ? 200 : 403]);
      if (!ok) expect(list.body.error).toMatch(/Koordinator Layanan/);
    }
    // Nothing was created by the refused calls.
    const all = (await api('GET', '/api/v1/officers?limit=200', tokens.KL!)).body.officers as { email: string }[];
    expect(all.filter((o) => o.email.startsWith('baru.')).map((o) => o.email)).toEqual(['baru.kl.1@cirebonkab.go.id']);
    for (const [method, path] of [['GET', '/api/v1/officers'], ['POST', '/api/v1/officers'], ['PATCH', `/api/v1/officers/${target.id}`], ['GET', '/api/v1/audit']] as const) {
      expect((await api(method, path, null, method === 'GET' ? undefined : {})).status).toBe(401);
    }
  });

  it('lists officers a page at a time, filtered, without password hashes', async () => {
    for (let i = 0; i < 3; i++) await create(`halaman.${i}@cirebonkab.go.id`, { name: `Halaman ${i}` });
    const page1 = await api('GET', '/api/v1/officers?q=halaman&limit=2', tokens.KL!);
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.officers.map((o: { email: string }) => o.email)).toEqual(['halaman.0@cirebonkab.go.id', 'halaman.1@cirebonkab.go.id']);
    const page2 = await api('GET', '/api/v1/officers?q=HALAMAN&limit=2&offset=2', tokens.KL!);
    expect(page2.body.officers.map((o: { email: string }) => o.email)).toEqual(['halaman.2@cirebonkab.go.id']);
    expect(page2.body.officers[0]).toMatchObject({ name: 'Halaman 2', role: 'pengelola-layanan', roleLabel: 'Pengelola Layanan', agency: 'bkpsdm', active: true });
    expect(JSON.stringify(page1.body)).not.toMatch(/scrypt|passwordHash/);
    const koordinators = await api('GET', '/api/v1/officers?role=koordinator-pemulihan', tokens.KL!);
    expect(koordinators.body.officers.map((o: { email: string }) => o.email)).toEqual(['kp@cirebonkab.go.id']);
    expect((await api('GET', '/api/v1/officers?limit=0', tokens.KL!)).status).toBe(400);
    expect((await api('GET', '/api/v1/officers?role=admin', tokens.KL!)).status).toBe(400);
  });

  it('refuses bad input with 400 in Indonesian, a taken e-mail with 409, an unknown officer with 404', async () => {
    const valid = { email: 'validasi@cirebonkab.go.id', name: 'Validasi', role: 'pengelola-layanan', agency: 'bkpsdm', password: PASSWORD };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /Kolom "email" wajib diisi.*Kolom "password" wajib diisi.*Kolom "role" wajib diisi.*Kolom "agency" wajib diisi.*Kolom "name" wajib diisi/s],
      [{ ...valid, email: 'bukan-email' }, /tidak valid/],
      [{ ...valid, password: 'pendek' }, /minimal 10 karakter/],
      [{ ...valid, password: 'x'.repeat(201) }, /maksimal 200/],
      [{ ...valid, role: 'admin' }, /Peran 'admin' tidak dikenal/],
      [{ ...valid, agency: 'atlantis' }, /Perangkat daerah 'atlantis' tidak dikenal/],
      [{ ...valid, role: 'koordinator-layanan' }, /hanya untuk Unit Pengelola TIK/],
      [{ ...valid, name: '   ' }, /Kolom "name" wajib diisi/],
      [{ ...valid, email: { $ne: null } }, /harus berupa teks/],
      [{ ...valid, password: 1234567890123 }, /harus berupa teks/],
      [{ ...valid, active: true }, /Kolom tidak dikenal/],
    ];
    for (const [body, message] of cases) {
      const res = await api('POST', '/api/v1/officers', tokens.KL!, body);
      expect([JSON.stringify(body).slice(0, 60), res.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
      expect(res.body.error).toMatch(message);
      expect(res.body.error).not.toMatch(ENGLISH);
    }
    expect(await service.store.findOfficerByEmail(valid.email)).toBeNull();

    const created = await create(valid.email);
    const dup = await api('POST', '/api/v1/officers', tokens.KL!, { ...valid, email: 'VALIDASI@cirebonkab.go.id' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatch(/sudah dipakai/);

    const patches: [Record<string, unknown>, RegExp][] = [
      [{}, /Tidak ada yang diubah/],
      [{ active: 'tidak' }, /"active" harus true atau false/],
      [{ active: null }, /"active" harus true atau false/],
      [{ role: 'raja' }, /tidak dikenal/],
      [{ role: '' }, /tidak boleh kosong/],
      [{ agency: 'atlantis' }, /tidak dikenal/],
      [{ role: 'koordinator-pemulihan' }, /hanya untuk Unit Pengelola TIK/],
      [{ password: 'pendek' }, /minimal 10/],
      [{ password: null }, /"password" wajib diisi/],
      [{ email: 'lain@cirebonkab.go.id' }, /Kolom tidak dikenal/],
    ];
    for (const [body, message] of patches) {
      const res = await api('PATCH', `/api/v1/officers/${created.id}`, tokens.KL!, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.error).toMatch(message);
      expect(res.body.error).not.toMatch(ENGLISH);
    }
    // Role and agency change together: a pengelola of BKPSDM becomes Koordinator Pemulihan at Diskominfo.
    const promoted = await api('PATCH', `/api/v1/officers/${created.id}`, tokens.KL!, { role: 'koordinator-pemulihan', agency: 'diskominfo' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.officer).toMatchObject({ role: 'koordinator-pemulihan', agency: 'diskominfo', active: true });

    const unknown = await api('PATCH', '/api/v1/officers/ofc-tidak-ada', tokens.KL!, { active: false });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('Petugas tidak ditemukan.');
    expect((await api('PATCH', `/api/v1/officers/${encodeURIComponent('../x')}`, tokens.KL!, { active: false })).status).toBe(404);
  });

  it('deactivation ends every session of the officer at once; reactivation lets them log in again', async () => {
    const o = await create('dinonaktifkan@cirebonkab.go.id');
    const first = await tokenOf(service.url, o.email);
    const second = await tokenOf(service.url, o.email);
    expect((await api('GET', '/api/v1/auth/me', first)).status).toBe(200);
    expect((await api('GET', '/api/v1/tickets', second)).status).toBe(200);

    const off = await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ officer: { id: o.id, active: false }, sessionsEnded: 2 });
    // The very next request with either token: 401.
    expect((await api('GET', '/api/v1/auth/me', first)).status).toBe(401);
    expect((await api('GET', '/api/v1/tickets', second)).status).toBe(401);
    const sessions = await service.store.listDocs<{ officerId: string }>('officer-sessions');
    expect(sessions.filter((s) => s.value.officerId === o.id)).toEqual([]);
    // The right password no longer logs in.
    expect((await login(service.url, o.email, PASSWORD)).status).toBe(401);
    // Other officers are untouched.
    expect((await api('GET', '/api/v1/auth/me', tokens.PL_B!)).status).toBe(200);

    const on = await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { active: true });
    expect(on.body.officer.active).toBe(true);
    expect((await api('GET', '/api/v1/auth/me', first)).status).toBe(401); // ended sessions stay ended
    expect((await api('GET', '/api/v1/auth/me', await tokenOf(service.url, o.email))).status).toBe(200);
  });

  it("ends the officer's open live stream at once; the koordinator's own stream survives their own password change", async () => {
    const o = await create('siaran.langsung@cirebonkab.go.id');
    const officerStream = new SseStream(`${service.url}/api/v1/console/stream`, { authorization: `Bearer ${await tokenOf(service.url, o.email)}` });
    const klStream = new SseStream(`${service.url}/api/v1/console/stream`, { authorization: `Bearer ${tokens.KL!}` });
    expect(await officerStream.open()).toBe(200);
    expect(await klStream.open()).toBe(200);
    await officerStream.waitFor(() => officerStream.events.some((e) => e.event === 'ready'), 'ready');
    await klStream.waitFor(() => klStream.events.some((e) => e.event === 'ready'), 'ready');
    try {
      expect((await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { active: false })).status).toBe(200);
      await officerStream.waitFor(() => officerStream.events.some((e) => e.event === 'expired'), 'expired');
      await officerStream.ended();
      // The event is for that officer's consoles only.
      expect(klStream.events.map((e) => e.event)).not.toContain('expired');
      expect(JSON.stringify(klStream.events)).not.toContain('sessions-ended');
      // The koordinator changes their own password: this session (and its stream) stays.
      expect((await api('PATCH', `/api/v1/officers/${kl.id}`, tokens.KL!, { password: 'sandi-koordinator-000' })).status).toBe(200);
      await api('PATCH', `/api/v1/officers/${kl.id}`, tokens.KL!, { password: PASSWORD });
      expect((await api('GET', '/api/v1/auth/me', tokens.KL!)).status).toBe(200);
      expect(klStream.events.map((e) => e.event)).not.toContain('expired');
    } finally {
      officerStream.close();
      klStream.close();
    }
  });

  it("a new password ends the officer's sessions; the koordinator's own change keeps only the current session", async () => {
    const o = await create('sandi.baru@cirebonkab.go.id');
    const a = await tokenOf(service.url, o.email);
    const b = await tokenOf(service.url, o.email);
    const changed = await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { password: 'kata-sandi-baru-456' });
    expect(changed.status).toBe(200);
    expect(changed.body.sessionsEnded).toBe(2);
    expect((await api('GET', '/api/v1/auth/me', a)).status).toBe(401);
    expect((await api('GET', '/api/v1/auth/me', b)).status).toBe(401);
    expect((await login(service.url, o.email, PASSWORD)).status).toBe(401);
    expect((await login(service.url, o.email, 'kata-sandi-baru-456')).status).toBe(200);

    const other = await tokenOf(service.url, kl.email);
    const own = await api('PATCH', `/api/v1/officers/${kl.id}`, tokens.KL!, { password: 'sandi-koordinator-789' });
    expect(own.status).toBe(200);
    expect(own.body.sessionsEnded).toBe(1);
    expect((await api('GET', '/api/v1/auth/me', tokens.KL!)).status).toBe(200);
    expect((await api('GET', '/api/v1/auth/me', other)).status).toBe(401);
    await api('PATCH', `/api/v1/officers/${kl.id}`, tokens.KL!, { password: PASSWORD });
  });

  it('the koordinator-layanan cannot deactivate or demote themselves', async () => {
    const off = await api('PATCH', `/api/v1/officers/${kl.id}`, tokens.KL!, { active: false });
    expect(off.status).toBe(409);
    expect(off.body.error).toMatch(/menonaktifkan akun Anda sendiri/);
    const demote = await api('PATCH', `/api/v1/officers/${kl.id}`, tokens.KL!, { role: 'pengelola-teknis' });
    expect(demote.status).toBe(409);
    expect((await service.store.getOfficer(kl.id))).toMatchObject({ active: true, role: 'koordinator-layanan' });
    expect((await api('GET', '/api/v1/auth/me', tokens.KL!)).status).toBe(200);
  });

  it('writes every change to the audit trail, which the koordinators filter and page', async () => {
    const o = await create('diaudit@cirebonkab.go.id');
    await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { role: 'pengelola-teknis' });
    await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { active: false });
    await api('PATCH', `/api/v1/officers/${o.id}`, tokens.KL!, { active: true, password: 'kata-sandi-audit-1' });

    const mine = await api('GET', `/api/v1/audit?target=${encodeURIComponent(`officer:${o.id}`)}`, tokens.KP!);
    expect(mine.status).toBe(200);
    expect(mine.body.events.map((e: { action: string }) => e.action)).toEqual(['officer.password', 'officer.activate', 'officer.deactivate', 'officer.update', 'officer.create']);
    expect(mine.body.events[3]).toMatchObject({ actor: kl.id, actorName: 'Petugas KL', details: { role: { from: 'pengelola-layanan', to: 'pengelola-teknis' } } });
    expect(JSON.stringify(mine.body)).not.toMatch(/scrypt|kata-sandi-audit/);

    const deactivations = await api('GET', '/api/v1/audit?action=officer.deactivate', tokens.KL!);
    expect(deactivations.body.events.length).toBeGreaterThanOrEqual(2);
    expect(deactivations.body.events.every((e: { action: string }) => e.action === 'officer.deactivate')).toBe(true);
    expect(deactivations.body.events.map((e: { target: string }) => e.target)).toContain(`officer:${o.id}`);

    // By actor: an officer id or their e-mail.
    const byEmail = await api('GET', `/api/v1/audit?actor=${encodeURIComponent(kl.email)}&action=officer.create&limit=200`, tokens.KL!);
    const byId = await api('GET', `/api/v1/audit?actor=${kl.id}&action=officer.create&limit=200`, tokens.KL!);
    expect(byEmail.body.events.length).toBeGreaterThan(3);
    expect(byEmail.body.events).toEqual(byId.body.events);
    expect((await api('GET', `/api/v1/audit?actor=tidak-ada`, tokens.KL!)).body.events).toEqual([]);

    // Dates (WIB, inclusive) and pages.
    const today = dateOf(Date.now());
    const inRange = await api('GET', `/api/v1/audit?from=${today}&to=${today}&action=officer.create&limit=200`, tokens.KL!);
    expect(inRange.body.events.length).toBe(byId.body.events.length);
    expect((await api('GET', '/api/v1/audit?from=2001-01-01&to=2001-01-31', tokens.KL!)).body.events).toEqual([]);
    const p1 = await api('GET', `/api/v1/audit?target=officer:${o.id}&limit=2`, tokens.KL!);
    const p3 = await api('GET', `/api/v1/audit?target=officer:${o.id}&limit=2&offset=4`, tokens.KL!);
    expect(p1.body).toMatchObject({ hasMore: true, limit: 2, offset: 0 });
    expect(p1.body.events.map((e: { action: string }) => e.action)).toEqual(['officer.password', 'officer.activate']);
    expect(p3.body).toMatchObject({ hasMore: false });
    expect(p3.body.events.map((e: { action: string }) => e.action)).toEqual(['officer.create']);

    for (const bad of ['from=2026-02-30', 'from=kemarin', 'from=2026-03-02&to=2026-03-01', 'limit=201', 'offset=-1', 'action=DROP%20TABLE', 'actor=a&actor=b', 'siapa=aku']) {
      const res = await api('GET', `/api/v1/audit?${bad}`, tokens.KL!);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.error).not.toMatch(ENGLISH);
    }
  });

  it('masks personal data in what the audit trail shows', async () => {
    const at = Date.now();
    await service.store.appendAudit({ at, actor: 'telegram:987654321', action: 'uji.privasi', target: 'email:warga.biasa@gmail.com', details: { note: 'hubungi 0812-3456-7890 atau warga.biasa@gmail.com, NIK 3209123456789012', entryId: '12345678-1234-4234-8234-123456789012:agent:x', ip: '192.168.100.200', count: 3 } });
    await service.store.appendAudit({ at: at + 1, actor: 'anonymous', action: 'auth.login-failed', target: `email:${kl.email}`, details: { ip: '10.9.8.7' } });
    const shown = await api('GET', '/api/v1/audit?action=uji.privasi', tokens.KL!);
    const [e] = shown.body.events;
    expect(e).toMatchObject({ actor: 'telegram:[kontak]', target: 'email:[email]', details: { entryId: '12345678-1234-4234-8234-123456789012:agent:x', ip: '192.168.100.200', count: 3 } });
    expect(e.details.note).toBe('hubungi [nomor telepon] atau [email], NIK [NIK]');
    expect(JSON.stringify(shown.body)).not.toMatch(/987654321|warga\.biasa|3456-7890|3209123456789012/);
    // An officer's own e-mail is staff data: a failed log-in against it stays readable.
    const failed = await api('GET', `/api/v1/audit?action=auth.login-failed&target=${encodeURIComponent(`email:${kl.email}`)}`, tokens.KL!);
    expect(failed.body.events[0]).toMatchObject({ target: `email:${kl.email}`, details: { ip: '10.9.8.7' } });
    // The stored events are untouched (masking is on the way out).
    expect((await service.store.listAudit({ action: 'uji.privasi' }))[0]!.actor).toBe('telegram:987654321');
  });
});

describe('two service instances on one store', () => {
  let a: TestService | undefined;
  let b: TestService | undefined;
  let redis = false;

  beforeAll(async () => {
    redis = await requireRedisOrSkip();
    if (!redis) return;
    const prefix = uniquePrefix('acc');
    a = await startTestService({ redis: true, REDIS_PREFIX: prefix });
    b = await startTestService({ redis: true, REDIS_PREFIX: prefix, DATA_DIR: a.dataDir });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.cleanup();
  });

  it('an officer deactivated on one instance gets 401 at once on the other', async () => {
    if (!redis) return;
    const store = a!.store;
    await addOrUpdateOfficer(store, a!.knowledge, { email: 'kl.dua@cirebonkab.go.id', password: PASSWORD, role: 'koordinator-layanan', agency: 'diskominfo', name: 'KL Dua' });
    const { officer } = await addOrUpdateOfficer(store, a!.knowledge, { email: 'petugas.dua@cirebonkab.go.id', password: PASSWORD, role: 'pengelola-layanan', agency: 'bkpsdm', name: 'Petugas Dua' });
    const klToken = await tokenOf(a!.url, 'kl.dua@cirebonkab.go.id');
    const onB = await tokenOf(b!.url, officer.email);
    expect((await request(b!.url, 'GET', '/api/v1/auth/me', onB)).status).toBe(200);
    expect((await request(a!.url, 'PATCH', `/api/v1/officers/${officer.id}`, klToken, { active: false })).status).toBe(200);
    expect((await request(b!.url, 'GET', '/api/v1/auth/me', onB)).status).toBe(401);
    expect((await request(b!.url, 'GET', '/api/v1/tickets', onB)).status).toBe(401);
    expect((await login(b!.url, officer.email, PASSWORD)).status).toBe(401);
  });
});
