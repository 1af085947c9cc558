/**
 * Console routes for working tickets (src/officers/ticket-work.ts): search, internal notes,
 * assignment to a named officer, priority. Validation answers 400 in Indonesian; a ticket outside
 * the officer's scope answers 404 like a missing one.
 */
import { Router } from 'express';
import { NotFoundError, UserInputError } from '../domain/errors';
import { TICKET_NUMBER_PATTERN } from '../domain/ids';
import type { OfficerAuth } from '../officers/auth';
import { AGENCY_PATTERN, bodyObject, ID_PATTERN, MAX_NOTE_LENGTH, pageNumber, queryObject, textField } from '../officers/input';
import { MAX_SEARCH_OFFSET, type TicketWork } from '../officers/ticket-work';
import { createAuthenticate, officerOf } from './authenticate';

export interface TicketWorkRouteDeps {
  auth: Pick<OfficerAuth, 'authenticate'>;
  work: TicketWork;
  now: () => number;
}

export function ticketWorkRoutes(r: TicketWorkRouteDeps): Router {
  const router = Router();
  const authenticate = createAuthenticate(r.auth);

  router.param('ticketNumber', (_req, _res, next, value: string) => {
    next(TICKET_NUMBER_PATTERN.test(value) ? undefined : new NotFoundError('Tiket tidak ditemukan.'));
  });

  router.param('conversationId', (_req, _res, next, value: string) => {
    next(ID_PATTERN.test(value) ? undefined : new NotFoundError('Percakapan tidak ditemukan.'));
  });

  // A ticket for the person of a chat, prefilled in the console from what the bot understood.
  router.post('/api/v1/conversations/:conversationId/tickets', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['category', 'service', 'agency', 'priority', 'summary', 'description']);
    const category = textField(body, 'category', { required: true, max: 40 })!;
    const service = textField(body, 'service', { required: false, max: 64 });
    const agency = textField(body, 'agency', { required: false, max: 64 });
    if (agency !== undefined && !AGENCY_PATTERN.test(agency)) throw new UserInputError(`Perangkat daerah '${agency.slice(0, 40)}' tidak dikenal.`);
    const priority = textField(body, 'priority', { required: false, max: 20 });
    const summary = textField(body, 'summary', { required: true, max: 200 })!;
    const description = textField(body, 'description', { required: false, max: MAX_NOTE_LENGTH });
    res.status(201).json(
      await r.work.createFromConversation(officerOf(res), req.params.conversationId as string, {
        category,
        summary,
        ...(service ? { service } : {}),
        ...(agency ? { agency } : {}),
        ...(priority ? { priority } : {}),
        ...(description ? { description } : {}),
      }),
    );
  });

  // GET /api/v1/search?q=kata&offset=0&limit=20: tickets in scope by number, text or messages.
  router.get('/api/v1/search', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['q', 'offset', 'limit']);
    const text = (q.q ?? '').trim();
    if (!text) throw new UserInputError('Parameter "q" (kata pencarian) wajib diisi.');
    if (text.length > 120) throw new UserInputError('Kata pencarian terlalu panjang (maksimal 120 karakter).');
    const limit = pageNumber(q.limit, 'limit', 1, 50, 20);
    const offset = pageNumber(q.offset, 'offset', 0, MAX_SEARCH_OFFSET, 0);
    res.json({ ...(await r.work.search(officerOf(res), { q: text, offset, limit })), now: r.now() });
  });

  router.post('/api/v1/tickets/:ticketNumber/notes', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['text']);
    const text = textField(body, 'text', { required: true, max: MAX_NOTE_LENGTH })!;
    res.status(201).json(await r.work.addNote(officerOf(res), req.params.ticketNumber as string, text));
  });

  router.get('/api/v1/tickets/:ticketNumber/assignees', authenticate, async (req, res) => {
    queryObject(req.query, []);
    res.json({ officers: await r.work.assignable(officerOf(res), req.params.ticketNumber as string) });
  });

  router.post('/api/v1/tickets/:ticketNumber/assign', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['officerId']);
    if (!('officerId' in body)) throw new UserInputError('Kolom "officerId" wajib diisi (id petugas, atau null untuk melepas).');
    let officerId: string | null = null;
    if (body.officerId !== null) {
      officerId = textField(body, 'officerId', { required: true, max: 128 })!;
      if (!ID_PATTERN.test(officerId)) throw new UserInputError(`Petugas '${officerId.slice(0, 40)}' tidak dikenal atau tidak aktif.`);
    }
    res.status(200).json(await r.work.assign(officerOf(res), req.params.ticketNumber as string, officerId));
  });

  router.patch('/api/v1/tickets/:ticketNumber/priority', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['priority']);
    const priority = textField(body, 'priority', { required: true, max: 20 })!;
    res.status(200).json(await r.work.setPriority(officerOf(res), req.params.ticketNumber as string, priority));
  });

  return router;
}
