/**
 * The audit trail for the koordinators: GET /api/v1/audit?actor&action&target&from&to&limit&offset
 * (dates YYYY-MM-DD in WIB, both inclusive), newest first, personal data masked
 * (src/officers/audit-trail.ts).
 */
import { Router } from 'express';
import { ForbiddenError, UserInputError } from '../domain/errors';
import { TICKET_NUMBER_PATTERN } from '../domain/ids';
import type { OfficerAuth } from '../officers/auth';
import type { AuditTrail } from '../officers/audit-trail';
import { cleanText, queryObject } from '../officers/input';
import { canReadAudit } from '../officers/scope';
import { REPORT_OFFSET_MS } from '../reports/period';
import { createAuthenticate, officerOf } from './authenticate';

export interface AuditRouteDeps {
  auth: Pick<OfficerAuth, 'authenticate'>;
  trail: AuditTrail;
}

const DAY = 86_400_000;
const ACTION = /^[a-z][a-z0-9.-]{0,63}$/;

/** Start of the WIB day `date` (YYYY-MM-DD), epoch ms. */
function wibDayStart(date: string, name: string): number {
  const utc = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) throw new UserInputError(`Parameter "${name}" harus tanggal yang ada dengan format YYYY-MM-DD.`);
  return utc - REPORT_OFFSET_MS;
}

function integerParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < min || n > max) throw new UserInputError(`Parameter "${name}" harus bilangan bulat ${min}-${max}.`);
  return n;
}

export function auditRoutes(deps: AuditRouteDeps): Router {
  const router = Router();
  const authenticate = createAuthenticate(deps.auth);

  router.get('/api/v1/audit', authenticate, async (req, res) => {
    if (!canReadAudit(officerOf(res))) throw new ForbiddenError('Hanya koordinator yang dapat membaca jejak audit.');
    const q = queryObject(req.query, ['actor', 'action', 'target', 'from', 'to', 'limit', 'offset']);
    const text = (name: string) => {
      const v = q[name] === undefined ? '' : cleanText(q[name]!);
      return v || undefined;
    };
    const actor = text('actor');
    const action = text('action');
    if (action !== undefined && !ACTION.test(action)) throw new UserInputError('Parameter "action" harus berupa nama tindakan, mis. officer.deactivate.');
    let target = text('target');
    if (target && TICKET_NUMBER_PATTERN.test(target.toUpperCase())) target = `ticket:${target.toUpperCase()}`;
    const from = q.from ? wibDayStart(q.from, 'from') : undefined;
    const to = q.to ? wibDayStart(q.to, 'to') + DAY : undefined;
    if (from !== undefined && to !== undefined && to <= from) throw new UserInputError('Tanggal "to" tidak boleh sebelum tanggal "from".');
    const limit = integerParam(q.limit, 'limit', 50, 1, 200);
    const offset = integerParam(q.offset, 'offset', 0, 0, 1_000_000);
    const result = await deps.trail.read(officerOf(res), {
      ...(actor ? { actor } : {}),
      ...(action ? { action } : {}),
      ...(target ? { target } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      limit,
      offset,
    });
    res.json({ ...result, limit, offset });
  });

  return router;
}
