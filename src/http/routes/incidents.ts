/**
 * The officer API of incidents and monitors (interfaces.md section 7). Thin: authenticates,
 * validates input and calls src/operations/incident-actions.ts, where scope is decided.
 *   GET  /api/v1/incidents?state=open|resolved       POST /api/v1/incidents {service, title, message}
 *   GET  /api/v1/incidents/:id                       POST /api/v1/incidents/:id/updates {message}
 *   POST /api/v1/incidents/:id/resolve {message, resolveTickets?, ticketNote?, cause?, action?}
 *   POST /api/v1/incidents/:id/review {cause, action}
 *   GET  /api/v1/monitors   GET /api/v1/monitors/:service   POST /api/v1/monitors/:service/check
 */
import { Router, type RequestHandler } from 'express';
import { NotFoundError, UserInputError } from '../../domain/errors';
import { officerOf } from '../../console/authenticate';
import { bodyObject, MAX_NOTE_LENGTH, queryObject, textField } from '../../officers/input';
import type { IncidentActions } from '../../operations/incident-actions';

export const INCIDENT_ID_PATTERN = /^INS-\d{6}-\d{3,}$/;
const SERVICE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const TITLE_MAX = 160;

export function incidentRoutes(deps: { actions: IncidentActions; authenticate: RequestHandler; now: () => number }): Router {
  const router = Router();
  const { actions, authenticate } = deps;

  router.param('incidentId', (_req, _res, next, value: string) => {
    next(INCIDENT_ID_PATTERN.test(value) ? undefined : new NotFoundError('Insiden tidak ditemukan.'));
  });
  router.param('service', (_req, _res, next, value: string) => {
    next(SERVICE_PATTERN.test(value) ? undefined : new NotFoundError('Layanan tidak ditemukan.'));
  });
  const message = (body: Record<string, unknown>) => textField(body, 'message', { required: true, max: MAX_NOTE_LENGTH })!;

  router.get('/api/v1/incidents', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['state']);
    res.json({ incidents: await actions.list(officerOf(res), { ...(q.state ? { state: q.state } : {}) }), now: deps.now() });
  });

  router.post('/api/v1/incidents', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['service', 'title', 'message']);
    const service = textField(body, 'service', { required: true, max: 64 })!;
    if (!SERVICE_PATTERN.test(service)) throw new UserInputError(`Layanan '${service.slice(0, 64)}' tidak dikenal.`);
    const title = textField(body, 'title', { required: true, max: TITLE_MAX })!;
    const incident = await actions.open(officerOf(res), { service, title, message: message(body) });
    res.status(201).json({ id: incident.id });
  });

  router.get('/api/v1/incidents/:incidentId', authenticate, async (req, res) => {
    queryObject(req.query, []);
    res.json(await actions.get(officerOf(res), req.params.incidentId as string));
  });

  router.post('/api/v1/incidents/:incidentId/updates', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['message']);
    const incident = await actions.update(officerOf(res), req.params.incidentId as string, message(body));
    res.status(200).json({ id: incident.id, state: incident.state });
  });

  router.post('/api/v1/incidents/:incidentId/resolve', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['message', 'resolveTickets', 'ticketNote', 'cause', 'action']);
    if (body.resolveTickets !== undefined && typeof body.resolveTickets !== 'boolean') throw new UserInputError('Kolom "resolveTickets" harus true atau false.');
    const ticketNote = textField(body, 'ticketNote', { required: false, max: MAX_NOTE_LENGTH });
    const cause = textField(body, 'cause', { required: false, max: MAX_NOTE_LENGTH });
    const action = textField(body, 'action', { required: false, max: MAX_NOTE_LENGTH });
    const incident = await actions.resolve(officerOf(res), req.params.incidentId as string, {
      message: message(body),
      resolveTickets: body.resolveTickets === true,
      ...(ticketNote ? { ticketNote } : {}),
      ...(cause ? { cause } : {}),
      ...(action ? { action } : {}),
    });
    res.status(200).json({ id: incident.id, state: incident.state });
  });

  router.post('/api/v1/incidents/:incidentId/review', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['cause', 'action']);
    const cause = textField(body, 'cause', { required: true, max: MAX_NOTE_LENGTH })!;
    const action = textField(body, 'action', { required: true, max: MAX_NOTE_LENGTH })!;
    const incident = await actions.review(officerOf(res), req.params.incidentId as string, { cause, action });
    res.status(200).json({ id: incident.id, review: incident.review });
  });

  router.get('/api/v1/monitors', authenticate, async (req, res) => {
    queryObject(req.query, []);
    res.json({ monitors: await actions.monitors(officerOf(res)), now: deps.now() });
  });

  router.get('/api/v1/monitors/:service', authenticate, async (req, res) => {
    queryObject(req.query, []);
    res.json(await actions.monitorHistory(officerOf(res), req.params.service as string));
  });

  router.post('/api/v1/monitors/:service/check', authenticate, async (req, res) => {
    if (req.body !== undefined && req.body !== null && !(typeof req.body === 'object' && !Array.isArray(req.body) && Object.keys(req.body).length === 0)) bodyObject(req.body, []);
    res.status(200).json(await actions.checkNow(officerOf(res), req.params.service as string));
  });

  return router;
}
