/**
 * The HTTP(S) probe against local servers on 127.0.0.1 that go up and down (never another
 * address): status codes, redirects, expected text, refused connections, time-outs, and a
 * self-signed HTTPS server for the certificate's expiry.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpProbe, PROBE_USER_AGENT } from '../../../src/operations/http-probe';
import type { MonitorDef } from '../../../src/operations/types';
import { LoopbackSite } from '../../helpers/loopback-site';

const def = (url: string, over: Partial<MonitorDef> = {}): MonitorDef => ({
  service: 'kepegawaian',
  url,
  intervalS: 60,
  timeoutS: 5,
  failuresToOpen: 3,
  successesToClose: 2,
  expectedText: null,
  ...over,
});

describe('HTTP probe on loopback servers', () => {
  let site: LoopbackSite;
  const probe = createHttpProbe();
  beforeAll(async () => {
    site = await LoopbackSite.start({ body: '<title>SIMPEG Online</title>' });
  });
  afterAll(() => site.down());

  it('counts a 2xx answer as up and identifies itself', async () => {
    const r = await probe(def(site.url));
    expect(r).toMatchObject({ ok: true, statusCode: 200, error: null, certExpiresAt: null });
    expect(site.requests[site.requests.length - 1]!.userAgent).toBe(PROBE_USER_AGENT);
  });

  it('counts an error status as down, with the code', async () => {
    site.status = 503;
    try {
      expect(await probe(def(site.url))).toMatchObject({ ok: false, statusCode: 503, error: 'kode jawaban HTTP 503' });
    } finally {
      site.status = 200;
    }
  });

  it('follows redirects to the final answer', async () => {
    expect(await probe(def(`${site.url}pindah`))).toMatchObject({ ok: true, statusCode: 200 });
  });

  it('checks the expected text, case-insensitively', async () => {
    expect((await probe(def(site.url, { expectedText: 'simpeg online' }))).ok).toBe(true);
    expect(await probe(def(site.url, { expectedText: 'Selamat datang' }))).toMatchObject({ ok: false, error: 'teks "Selamat datang" tidak ditemukan di halaman' });
  });

  it('reports a refused connection when the server is down, and up again when it is back', async () => {
    await site.down();
    expect(await probe(def(site.url))).toMatchObject({ ok: false, statusCode: null, error: 'koneksi ditolak (ECONNREFUSED)' });
    await site.up();
    expect((await probe(def(site.url))).ok).toBe(true);
  });

  it('gives up after timeout_s when the server does not answer', async () => {
    site.hang = true;
    try {
      expect(await probe(def(site.url, { timeoutS: 1 }))).toMatchObject({ ok: false, error: 'tidak menjawab dalam 1 detik' });
    } finally {
      site.hang = false;
    }
  });
});

describe('HTTPS probe and the TLS certificate', () => {
  let dir: string;
  let site: LoopbackSite;
  let cert: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hd-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '5', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    site = await LoopbackSite.start({ tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert } });
  });
  afterAll(async () => {
    await site.down();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the certificate expiry of a trusted server', async () => {
    const r = await createHttpProbe({ ca: cert })(def(site.url));
    expect(r.ok).toBe(true);
    const days = (r.certExpiresAt! - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(3);
    expect(days).toBeLessThan(6);
  });

  it('refuses a certificate it cannot trust', async () => {
    const r = await createHttpProbe()(def(site.url));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^sertifikat TLS tidak valid/);
  });
});
