/**
 * Officer log-in and sessions. A session token is 32 random bytes (base64url), shown once to the
 * client; the store keeps only its SHA-256 (docs 'officer-sessions') with the officer id and a
 * fixed expiry, so a leaked database does not hand out live sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, UnauthorizedError } from '../domain/errors';
import type { Officer, Store } from '../store/port';
import { LOGIN_FAILURES, LoginLimiter, type LoginThrottle } from './login-limiter';
import { verifyAgainstDummy, verifyPassword } from './passwords';

export const SESSIONS = 'officer-sessions';
export const SESSION_TTL_MS = 8 * 60 * 60_000;
export const BAD_CREDENTIALS = 'E-mail atau kata sandi salah.';

export interface SessionDoc {
  officerId: string;
  createdAt: number;
  expiresAt: number;
}

/** Too many failed log-ins: 429 with Retry-After. */
export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${Math.ceil(retryAfterSeconds / 60)} menit.`, 'too_many_attempts');
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface OfficerAuthDeps {
  store: Store;
  now: () => number;
  sessionTtlMs?: number;
  limiter?: LoginThrottle;
  /** Waits out an account's slowdown (tests pass a recorder). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** How long a log-in of an account with `failures` recent failures (from any address) waits. */
export function accountSlowdownMs(failures: number): number {
  const { after, stepMs, maxMs } = LOGIN_FAILURES.slowdown;
  return failures < after ? 0 : Math.min(maxMs, (failures - after + 1) * stepMs);
}

export interface OfficerAuth {
  login(email: string, password: string, ip: string): Promise<{ token: string; officer: Officer; expiresAt: number }>;
  /** The officer behind a token; UnauthorizedError when missing, unknown, expired or deactivated. */
  authenticate(token: string | undefined): Promise<{ officer: Officer; expiresAt: number }>;
  logout(token: string): Promise<void>;
}

export function createOfficerAuth(deps: OfficerAuthDeps): OfficerAuth {
  const { store, now } = deps;
  const ttl = deps.sessionTtlMs ?? SESSION_TTL_MS;
  const limiter = deps.limiter ?? new LoginLimiter(LOGIN_FAILURES.windowMs, now);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return {
    async login(email, password, ip) {
      const normalized = email.trim().toLowerCase();
      // Refused: an address that failed often (any accounts), or this account from this address.
      // The account's failures from every address only slow it down: the right password from
      // another address always gets in (LOGIN_FAILURES).
      const address = `ip:${ip}`;
      const accountFromAddress = `email-ip:${normalized}|${ip}`;
      const account = `email:${normalized}`;
      const wait = Math.max(
        await limiter.retryAfterSeconds(address, LOGIN_FAILURES.perAddress),
        await limiter.retryAfterSeconds(accountFromAddress, LOGIN_FAILURES.perAccountAddress),
      );
      if (wait > 0) throw new TooManyAttemptsError(wait);
      const slowdown = accountSlowdownMs(await limiter.failures(account));
      if (slowdown > 0) await sleep(slowdown);
      const keys = [address, accountFromAddress, account];
      const officer = await store.findOfficerByEmail(normalized);
      const ok = officer && officer.active ? await verifyPassword(password, officer.passwordHash) : await verifyAgainstDummy(password);
      if (!ok || !officer) {
        await limiter.fail(keys);
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      await limiter.succeed([accountFromAddress, account]);
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      const expiresAt = createdAt + ttl;
      await store.putDoc<SessionDoc>(SESSIONS, hashToken(token), { officerId: officer.id, createdAt, expiresAt });
      return { token, officer, expiresAt };
    },

    async authenticate(token) {
      if (!token || !TOKEN_SHAPE.test(token)) throw new UnauthorizedError('Sesi tidak valid. Silakan masuk kembali.');
      const key = hashToken(token);
      const session = await store.getDoc<SessionDoc>(SESSIONS, key);
      if (!session) throw new UnauthorizedError('Sesi tidak valid. Silakan masuk kembali.');
      if (session.expiresAt <= now()) {
        await store.deleteDoc(SESSIONS, key);
        throw new UnauthorizedError('Sesi telah berakhir. Silakan masuk kembali.');
      }
      const officer = await store.getOfficer(session.officerId);
      if (!officer || !officer.active) throw new UnauthorizedError('Akun petugas tidak aktif.');
      return { officer, expiresAt: session.expiresAt };
    },

    async logout(token) {
      if (TOKEN_SHAPE.test(token)) await store.deleteDoc(SESSIONS, hashToken(token));
    },
  };
}
