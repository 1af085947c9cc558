/**
 * The console's contact view (src/officers/contact-view.ts): one person's past conversations and
 * tickets in the officer's scope. `GET /api/v1/contacts/:channel/:senderId?limit&offset&full`;
 * the sender id is URL-encoded (a WhatsApp id holds '@'). An unknown channel or a malformed id
 * answers 404 like an unknown person.
 */
import { Router } from 'express';
import { NotFoundError, UserInputError } from '../domain/errors';
import { type Channel, CHANNELS } from '../domain/ids';
import type { OfficerAuth } from '../officers/auth';
import { CONTACT_PAGE_MAX, type ContactDirectory } from '../officers/contact-view';
import { pageNumber, queryObject } from '../officers/input';
import { createAuthenticate, officerOf } from './authenticate';

/** Sender ids as channels give them: Telegram numbers, WhatsApp `628…@c.us`, web chat session ids. */
const SENDER_ID = /^[A-Za-z0-9_.:@+-]{1,128}$/;

export interface ContactRouteDeps {
  auth: Pick<OfficerAuth, 'authenticate'>;
  contacts: ContactDirectory;
  now: () => number;
}

export function contactRoutes(r: ContactRouteDeps): Router {
  const router = Router();
  const authenticate = createAuthenticate(r.auth);

  router.get('/api/v1/contacts/:channel/:senderId', authenticate, async (req, res) => {
    const channel = req.params.channel as string;
    const senderId = req.params.senderId as string;
    if (!(CHANNELS as readonly string[]).includes(channel) || !SENDER_ID.test(senderId)) throw new NotFoundError('Kontak tidak ditemukan.');
    const q = queryObject(req.query, ['limit', 'offset', 'full']);
    if (q.full !== undefined && !['0', '1', 'true', 'false'].includes(q.full)) throw new UserInputError('Parameter "full" harus 1 atau 0.');
    const limit = pageNumber(q.limit, 'limit', 1, CONTACT_PAGE_MAX, 20);
    const offset = pageNumber(q.offset, 'offset', 0, 10_000, 0);
    const view = await r.contacts.view(officerOf(res), channel as Channel, senderId, { limit, offset, full: q.full === '1' || q.full === 'true' });
    res.json({ ...view, now: r.now() });
  });

  return router;
}
