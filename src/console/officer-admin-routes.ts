/**
 * Officer accounts over HTTP (interfaces.md section 9), for the koordinator-layanan:
 * GET /api/v1/officers (paged), POST /api/v1/officers, PATCH /api/v1/officers/:officerId.
 * Thin: authenticates, checks the shape of the input and calls src/officers/officer-accounts.ts.
 */
import { Router, type Request } from 'express';
import { ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import { OFFICER_ROLES, type OfficerRole } from '../domain/ids';
import { hashToken, type OfficerAuth } from '../officers/auth';
import { AGENCY_PATTERN, bodyObject, ID_PATTERN, queryObject, textField } from '../officers/input';
import type { OfficerAccounts, OfficerChange } from '../officers/officer-accounts';
import { canManageOfficers } from '../officers/scope';
import { authedOf, createAuthenticate, officerOf } from './authenticate';

export interface OfficerAdminRouteDeps {
  auth: Pick<OfficerAuth, 'authenticate'>;
  accounts: OfficerAccounts;
}

const FORBIDDEN = 'Hanya Koordinator Layanan yang dapat mengelola akun petugas.';

/** A password is taken as typed (never trimmed or cleaned); its length is checked with the rest. */
function passwordField(body: Record<string, unknown>): string | undefined {
  const value = body.password;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new UserInputError('Kolom "password" harus berupa teks.');
  if (value.length > 1000) throw new UserInputError('Kata sandi maksimal 200 karakter.');
  return value;
}

function integerParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < min || n > max) throw new UserInputError(`Parameter "${name}" harus bilangan bulat ${min}-${max}.`);
  return n;
}

export function officerAdminRoutes(deps: OfficerAdminRouteDeps): Router {
  const router = Router();
  const authenticate = createAuthenticate(deps.auth);
  const mayManage = (res: Parameters<typeof officerOf>[0]) => {
    if (!canManageOfficers(officerOf(res))) throw new ForbiddenError(FORBIDDEN);
  };
  const officerId = (req: Request) => {
    const id = req.params.officerId as string;
    if (!ID_PATTERN.test(id)) throw new NotFoundError('Petugas tidak ditemukan.');
    return id;
  };

  router.get('/api/v1/officers', authenticate, async (req, res) => {
    mayManage(res);
    const q = queryObject(req.query, ['q', 'role', 'agency', 'active', 'limit', 'offset']);
    if (q.role !== undefined && !(OFFICER_ROLES as readonly string[]).includes(q.role)) throw new UserInputError(`Parameter "role" harus salah satu dari: ${OFFICER_ROLES.join(', ')}.`);
    if (q.agency !== undefined && !AGENCY_PATTERN.test(q.agency)) throw new UserInputError(`Perangkat daerah '${q.agency.slice(0, 60)}' tidak dikenal.`);
    if (q.active !== undefined && !['0', '1', 'true', 'false'].includes(q.active)) throw new UserInputError('Parameter "active" harus 1 atau 0.');
    const limit = integerParam(q.limit, 'limit', 50, 1, 200);
    const offset = integerParam(q.offset, 'offset', 0, 0, 1_000_000);
    const { officers, total } = await deps.accounts.list(officerOf(res), {
      ...(q.q?.trim() ? { q: q.q.trim() } : {}),
      ...(q.role ? { role: q.role as OfficerRole } : {}),
      ...(q.agency ? { agency: q.agency } : {}),
      ...(q.active !== undefined ? { active: q.active === '1' || q.active === 'true' } : {}),
      limit,
      offset,
    });
    res.json({ officers, total, limit, offset });
  });

  router.post('/api/v1/officers', authenticate, async (req, res) => {
    mayManage(res);
    const body = bodyObject(req.body, ['email', 'name', 'role', 'agency', 'password']);
    const officer = await deps.accounts.create(officerOf(res), {
      email: textField(body, 'email', { required: false, max: 254 }) ?? '',
      name: textField(body, 'name', { required: false, max: 120 }) ?? '',
      role: textField(body, 'role', { required: false, max: 60 }) ?? '',
      agency: textField(body, 'agency', { required: false, max: 64 }) ?? '',
      password: passwordField(body) ?? '',
    });
    res.status(201).json({ officer });
  });

  router.patch('/api/v1/officers/:officerId', authenticate, async (req, res) => {
    mayManage(res);
    const id = officerId(req);
    const body = bodyObject(req.body, ['active', 'role', 'agency', 'password']);
    const change: OfficerChange = {};
    if (body.active !== undefined) {
      if (typeof body.active !== 'boolean') throw new UserInputError('Kolom "active" harus true atau false.');
      change.active = body.active;
    }
    for (const field of ['role', 'agency'] as const) {
      if (body[field] === undefined) continue;
      const value = textField(body, field, { required: true, max: 64 });
      if (value !== undefined) change[field] = value;
    }
    const password = passwordField(body);
    if (body.password !== undefined) change.password = password ?? '';
    const result = await deps.accounts.update(officerOf(res), id, change, hashToken(authedOf(res).token));
    res.status(200).json(result);
  });

  return router;
}
