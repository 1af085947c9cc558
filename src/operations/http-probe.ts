/**
 * One HTTP(S) availability check: a GET with a time-out, redirects followed (at most 5), a 2xx
 * final answer, optionally a text the page must contain, and the server's TLS certificate expiry.
 * A fresh connection every time (no keep-alive), so each check measures what a user would meet.
 * Only Node's own http/https: nothing here needs a library.
 */
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { MonitorDef } from './types';

export interface ProbeOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  certExpiresAt: number | null;
}

export type Probe = (def: MonitorDef) => Promise<ProbeOutcome>;

export interface HttpProbeOptions {
  /** Extra trusted CA certificates (tests with a self-signed local server). */
  ca?: string | Buffer;
  /** Bytes of the body read when looking for expected_text. */
  maxBodyBytes?: number;
  now?: () => number;
}

const MAX_REDIRECTS = 5;
export const PROBE_USER_AGENT = 'HelpdeskSPBE-Pemantauan/1.0 (+/status)';

interface Hop {
  status: number;
  location: string | null;
  body: string;
  certExpiresAt: number | null;
}

export function createHttpProbe(options: HttpProbeOptions = {}): Probe {
  const now = options.now ?? Date.now;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;

  function hop(url: URL, wantBody: boolean, signal: AbortSignal): Promise<Hop> {
    return new Promise<Hop>((resolve, reject) => {
      const isHttps = url.protocol === 'https:';
      const requestOptions: https.RequestOptions = {
        method: 'GET',
        agent: false,
        signal,
        headers: { 'user-agent': PROBE_USER_AGENT, accept: 'text/html,application/json;q=0.9,*/*;q=0.8', connection: 'close' },
        ...(isHttps && options.ca ? { ca: options.ca } : {}),
      };
      const req = (isHttps ? https : http).request(url, requestOptions, (res) => {
        let certExpiresAt: number | null = null;
        if (isHttps) {
          const cert = (res.socket as TLSSocket).getPeerCertificate?.();
          const t = cert?.valid_to ? Date.parse(cert.valid_to) : NaN;
          certExpiresAt = Number.isFinite(t) ? t : null;
        }
        const status = res.statusCode ?? 0;
        const location = status >= 300 && status < 400 ? (res.headers.location ?? null) : null;
        if (!wantBody || location) {
          res.resume();
          res.on('end', () => resolve({ status, location, body: '', certExpiresAt }));
          res.on('error', reject);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size >= maxBody) return;
          chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status, location, body: Buffer.concat(chunks).toString('utf8'), certExpiresAt }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  return async (def) => {
    const started = now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), def.timeoutS * 1000);
    let certExpiresAt: number | null = null;
    let statusCode: number | null = null;
    const result = (ok: boolean, error: string | null): ProbeOutcome => ({ ok, statusCode, durationMs: Math.max(0, now() - started), error, certExpiresAt });
    try {
      let url = new URL(def.url);
      for (let redirects = 0; ; redirects++) {
        const h = await hop(url, def.expectedText !== null, controller.signal);
        statusCode = h.status;
        if (certExpiresAt === null) certExpiresAt = h.certExpiresAt;
        if (h.location) {
          if (redirects >= MAX_REDIRECTS) return result(false, `terlalu banyak pengalihan (lebih dari ${MAX_REDIRECTS})`);
          url = new URL(h.location, url);
          if (url.protocol !== 'http:' && url.protocol !== 'https:') return result(false, `pengalihan ke alamat yang tidak didukung (${url.protocol})`);
          continue;
        }
        if (h.status < 200 || h.status >= 300) return result(false, `kode jawaban HTTP ${h.status}`);
        if (def.expectedText !== null && !h.body.toLowerCase().includes(def.expectedText.toLowerCase())) {
          return result(false, `teks "${def.expectedText}" tidak ditemukan di halaman`);
        }
        return result(true, null);
      }
    } catch (err) {
      return result(false, controller.signal.aborted ? `tidak menjawab dalam ${def.timeoutS} detik` : describeError(err));
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The network error as officers read it (Indonesian), with the system code for the technicians. */
export function describeError(err: unknown): string {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'ECONNREFUSED') return 'koneksi ditolak (ECONNREFUSED)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `nama domain tidak ditemukan (${code})`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `koneksi terputus (${code})`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `server tidak dapat dijangkau (${code})`;
  if (code === 'ETIMEDOUT') return 'koneksi habis waktu (ETIMEDOUT)';
  if (/CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY/i.test(code)) return `sertifikat TLS tidak valid (${code})`;
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return `jawaban HTTP tidak valid (${code})`;
  return `gagal terhubung (${code || (err as Error)?.message || 'tidak diketahui'})`;
}
