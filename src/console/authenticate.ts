/**
 * Officer authentication for API routes: the token comes as `Authorization: Bearer` or, for the
 * console page, the HttpOnly SameSite=Strict session cookie; cookie-authenticated writes must
 * carry `X-Requested-With` (a header no cross-site form can send), the CSRF guard. Shared by the
 * officer API (routes.ts) and the routes of other domains (incidents, ...).
 */
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import type { OfficerAuth } from '../officers/auth';
import type { Officer } from '../store/port';

export const SESSION_COOKIE = 'hd_konsol';

export interface Authed {
  officer: Officer;
  token: string;
  expiresAt: number;
}

export function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export function cookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed cookie is no session (401), never a 500
    }
  }
  return undefined;
}

export const authedOf = (res: Response): Authed => res.locals.authed as Authed;
export const officerOf = (res: Response): Officer => authedOf(res).officer;

/** Express middleware: 401 without a valid token, 403 for a cookie write without X-Requested-With. */
export function createAuthenticate(auth: Pick<OfficerAuth, 'authenticate'>) {
  return async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
    const fromHeader = bearer(req);
    const token = fromHeader ?? cookie(req, SESSION_COOKIE);
    if (!token) throw new UnauthorizedError('Silakan masuk terlebih dahulu (token tidak ada).');
    const { officer, expiresAt } = await auth.authenticate(token);
    if (!fromHeader && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !req.get('x-requested-with')) {
      throw new ForbiddenError('Permintaan ditolak: header X-Requested-With wajib untuk sesi cookie.');
    }
    res.locals.authed = { officer, token, expiresAt } satisfies Authed;
    next();
  };
}
