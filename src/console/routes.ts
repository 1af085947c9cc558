/**
 * The officer API (interfaces.md section 3) and the console's live stream. Thin: authenticates,
 * validates input (src/officers/input.ts) and calls the officer domain; scope decisions live in
 * src/officers/scope.ts. Tokens come as `Authorization: Bearer` or, for the console page, an
 * HttpOnly SameSite=Strict cookie; cookie-authenticated writes must carry `X-Requested-With`
 * (a header no cross-site form can send), the CSRF guard.
 */
import { Router, type Request, type Response } from 'express';
import { ForbiddenError, NotFoundError, UnauthorizedError, UserInputError } from '../domain/errors';
import { TICKET_CATEGORIES, TICKET_NUMBER_PATTERN, TICKET_STATUSES } from '../domain/ids';
import { EntryFeed } from '../engine/entry-feed';
import { conversationTopic, INBOX_TOPIC } from '../engine/live-events';
import type { OfficerAuth } from '../officers/auth';
import { authedOf, createAuthenticate, officerOf, SESSION_COOKIE } from './authenticate';
import { hashToken, TooManyAttemptsError } from '../officers/auth';
import { SESSIONS_ENDED } from '../officers/officer-accounts';
import { CANNED_ID, type CannedResponses } from '../officers/canned-responses';
import { type AttachmentView, attachmentViews, conversationAttachmentUrl, type ConversationDesk, isConversationState } from '../officers/conversation-desk';
import type { MediaRef } from '../domain/messages';
import { audit, type OfficerDeps } from '../officers/deps';
import type { AgencyGroupRegistry } from '../officers/group-registry';
import { AGENCY_PATTERN, bodyObject, ID_PATTERN, MAX_MESSAGE_LENGTH, MAX_NOTE_LENGTH, pageNumber, queryObject, textField } from '../officers/input';
import * as scope from '../officers/scope';
import type { TicketActions } from '../officers/ticket-actions';
import type { Delivery, Officer, TranscriptEntry } from '../store/port';
import { STATUS_LABELS, CATEGORY_LABELS } from '../tickets';
import { sendStoredFile } from '../http/attachment-download';

const DELIVERY_STATUSES: readonly Delivery['status'][] = ['failed', 'pending', 'sent'];

/** The files of a live transcript entry, as the conversation view lists them (download URLs). */
function entryAttachments(conversationId: string, entry: { media?: unknown }): { attachments?: AttachmentView[] } {
  const media = Array.isArray(entry.media) ? (entry.media as MediaRef[]) : [];
  return media.length ? { attachments: attachmentViews(media, (key) => conversationAttachmentUrl(conversationId, key)) } : {};
}

/** Attachment keys are the SHA-256 of the bytes and an extension (src/attachments/file-attachment-store.ts). */
function storageKeyOf(value: string): string {
  if (!/^[a-f0-9]{64}\.[a-z0-9]{1,8}$/.test(value)) throw new NotFoundError('Berkas tidak ditemukan.');
  return value;
}

export { SESSION_COOKIE };

export interface ConsoleRouteDeps {
  deps: OfficerDeps;
  auth: OfficerAuth;
  conversations: ConversationDesk;
  tickets: TicketActions;
  canned: CannedResponses;
  groups: AgencyGroupRegistry;
  heartbeatMs?: number;
}

/** `<conversationId>.<seq>` pairs joined by `~`: where each watched conversation's stream resumes. */
function parseConsoleCursor(raw: string): Map<string, number> {
  const cursors = new Map<string, number>();
  for (const part of raw.slice(0, 2000).split('~')) {
    const m = /^(.+)\.(\d{1,15})$/.exec(part.trim());
    if (m && ID_PATTERN.test(m[1]!)) cursors.set(m[1]!, Number(m[2]));
  }
  return cursors;
}

export function consoleApiRoutes(r: ConsoleRouteDeps): Router {
  const router = Router();
  const { deps } = r;
  const heartbeatMs = r.heartbeatMs ?? 25_000;

  const authenticate = createAuthenticate(r.auth);

  const setCookie = (req: Request, res: Response, token: string, maxAgeMs: number) => {
    const secure = req.secure ? '; Secure' : '';
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}${secure}`);
  };

  // ---- auth
  router.post('/api/v1/auth/login', async (req, res) => {
    const body = bodyObject(req.body, ['email', 'password']);
    const email = textField(body, 'email', { required: true, max: 254 })!;
    const password = body.password;
    if (typeof password !== 'string' || !password) throw new UserInputError('Kolom "password" wajib diisi berupa teks.');
    if (password.length > 200) throw new UserInputError('Kolom "password" terlalu panjang.');
    try {
      const { token, officer, expiresAt } = await r.auth.login(email, password, req.ip ?? 'unknown');
      await audit(deps, officer.id, 'auth.login', `officer:${officer.id}`, { ip: req.ip });
      setCookie(req, res, token, expiresAt - deps.now());
      res.status(200).json({ token, expiresAt, officer: officerView(officer) });
    } catch (err) {
      if (err instanceof TooManyAttemptsError) {
        res.setHeader('Retry-After', String(err.retryAfterSeconds));
        res.status(429).json({ error: err.message });
        return;
      }
      if (err instanceof UnauthorizedError) await audit(deps, 'anonymous', 'auth.login-failed', `email:${email.toLowerCase().slice(0, 254)}`, { ip: req.ip });
      throw err;
    }
  });

  function officerView(o: Officer) {
    return {
      id: o.id,
      email: o.email,
      name: o.name,
      role: o.role,
      roleLabel: scope.ROLE_LABELS[o.role],
      agency: o.agency,
      agencyName: deps.knowledge.agencies.get(o.agency)?.name ?? o.agency,
      permissions: {
        chats: scope.usesChats(o),
        readsEverything: scope.readsEverything(o),
        groupCodes: scope.canCreateGroupCode(o),
        editsCanned: scope.canEditCanned(o, o.agency),
        deliveries: scope.canReadDeliveries(o),
      },
    };
  }

  router.post('/api/v1/auth/logout', authenticate, async (req, res) => {
    noBody(req);
    const { token, officer } = authedOf(res);
    await r.auth.logout(token);
    await audit(deps, officer.id, 'auth.logout', `officer:${officer.id}`);
    setCookie(req, res, '', 0);
    res.json({ ok: true });
  });

  router.get('/api/v1/auth/me', authenticate, (_req, res) => {
    const { officer, expiresAt } = authedOf(res);
    res.json({ officer: officerView(officer), expiresAt });
  });

  router.get('/api/v1/console/meta', authenticate, (_req, res) => {
    res.json({
      now: deps.now(),
      agencies: [...deps.knowledge.agencies.values()].map((a) => ({ id: a.id, name: a.name, shortName: a.shortName })),
      services: [...deps.knowledge.services.values()].map((s) => ({ id: s.id, name: s.name, owners: s.owners })),
      statuses: TICKET_STATUSES.map((s) => ({ id: s, label: STATUS_LABELS[s] })),
      categories: TICKET_CATEGORIES.map((c) => ({ id: c, label: CATEGORY_LABELS[c] })),
      officeHours: deps.calendar.officeHours(deps.now()),
    });
  });

  // ---- conversations
  router.param('conversationId', (_req, _res, next, value: string) => {
    next(ID_PATTERN.test(value) ? undefined : new NotFoundError('Percakapan tidak ditemukan.'));
  });
  const noBody = (req: Request) => {
    if (req.body !== undefined && req.body !== null && !(typeof req.body === 'object' && !Array.isArray(req.body) && Object.keys(req.body).length === 0)) {
      bodyObject(req.body, []);
    }
  };

  router.get('/api/v1/conversations', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['state', 'mine']);
    const state = q.state ?? 'waiting';
    if (!isConversationState(state)) throw new UserInputError("Parameter \"state\" harus salah satu dari: waiting, officer, bot, closed.");
    if (q.mine !== undefined && !['0', '1', 'true', 'false'].includes(q.mine)) throw new UserInputError('Parameter "mine" harus 1 atau 0.');
    const conversations = await r.conversations.list(officerOf(res), { state, mine: q.mine === '1' || q.mine === 'true' });
    res.json({ conversations, now: deps.now() });
  });

  router.get('/api/v1/conversations/:conversationId', authenticate, async (req, res) => {
    queryObject(req.query, []);
    res.json({ ...(await r.conversations.get(officerOf(res), req.params.conversationId as string)), now: deps.now() });
  });

  router.post('/api/v1/conversations/:conversationId/takeover', authenticate, async (req, res) => {
    noBody(req);
    res.status(200).json({ conversation: await r.conversations.takeover(officerOf(res), req.params.conversationId as string) });
  });

  router.post('/api/v1/conversations/:conversationId/messages', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['text']);
    const text = textField(body, 'text', { required: true, max: MAX_MESSAGE_LENGTH })!;
    res.status(202).json(await r.conversations.send(officerOf(res), req.params.conversationId as string, text));
  });

  router.post('/api/v1/conversations/:conversationId/release', authenticate, async (req, res) => {
    noBody(req);
    res.status(200).json({ conversation: await r.conversations.release(officerOf(res), req.params.conversationId as string) });
  });

  router.post('/api/v1/conversations/:conversationId/close', authenticate, async (req, res) => {
    noBody(req);
    res.status(200).json({ conversation: await r.conversations.close(officerOf(res), req.params.conversationId as string) });
  });

  router.post('/api/v1/conversations/:conversationId/attach', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['ticket']);
    const ticket = textField(body, 'ticket', { required: true, max: 40 })!.toUpperCase();
    res.status(200).json({ conversation: await r.conversations.attach(officerOf(res), req.params.conversationId as string, ticket) });
  });

  // ---- attachments: downloads only, scope-checked through the chat or the ticket they belong to
  router.get('/api/v1/conversations/:conversationId/attachments/:storageKey', authenticate, async (req, res) => {
    const key = storageKeyOf(req.params.storageKey as string);
    const { ref, bytes } = await r.conversations.attachment(officerOf(res), req.params.conversationId as string, key);
    sendStoredFile(res, ref, bytes);
  });

  router.get('/api/v1/tickets/:ticketNumber/attachments/:storageKey', authenticate, async (req, res) => {
    const key = storageKeyOf(req.params.storageKey as string);
    const { ref, bytes } = await r.tickets.attachment(officerOf(res), req.params.ticketNumber as string, key);
    sendStoredFile(res, ref, bytes);
  });

  // ---- tickets
  router.param('ticketNumber', (_req, _res, next, value: string) => {
    next(TICKET_NUMBER_PATTERN.test(value) ? undefined : new NotFoundError('Tiket tidak ditemukan.'));
  });

  router.get('/api/v1/tickets', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['status', 'agency', 'service', 'category', 'overdue', 'assignee', 'priority', 'limit', 'offset']);
    if (q.overdue !== undefined && !['0', '1', 'true', 'false'].includes(q.overdue)) throw new UserInputError('Parameter "overdue" harus 1 atau 0.');
    if (q.assignee !== undefined && q.assignee !== 'me' && !ID_PATTERN.test(q.assignee)) throw new UserInputError('Parameter "assignee" harus "me" atau id petugas.');
    const limit = pageNumber(q.limit, 'limit', 1, 500, 500);
    const offset = pageNumber(q.offset, 'offset', 0, 100_000, 0);
    const tickets = await r.tickets.list(officerOf(res), {
      ...(q.status ? { status: q.status } : {}),
      ...(q.agency ? { agency: q.agency } : {}),
      ...(q.service ? { service: q.service } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.assignee ? { assignee: q.assignee } : {}),
      ...(q.priority ? { priority: q.priority } : {}),
      overdue: q.overdue === '1' || q.overdue === 'true',
      limit: limit + 1,
      offset,
    });
    res.json({ tickets: tickets.slice(0, limit), more: tickets.length > limit, offset, now: deps.now() });
  });

  router.get('/api/v1/tickets/:ticketNumber', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['full']);
    if (q.full !== undefined && q.full !== '1') throw new UserInputError('Parameter "full" hanya boleh bernilai 1.');
    res.json(await r.tickets.get(officerOf(res), req.params.ticketNumber as string, { full: q.full === '1' }));
  });

  router.patch('/api/v1/tickets/:ticketNumber', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['status', 'note']);
    const status = textField(body, 'status', { required: false, max: 40 });
    const note = textField(body, 'note', { required: false, max: MAX_NOTE_LENGTH });
    if (body.status !== undefined && body.status !== null && !status) throw new UserInputError('Kolom "status" tidak boleh kosong.');
    res.status(200).json(await r.tickets.change(officerOf(res), req.params.ticketNumber as string, { ...(status ? { status } : {}), ...(note ? { note } : {}) }));
  });

  router.post('/api/v1/tickets/:ticketNumber/reassign', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['agency', 'reason']);
    const agency = textField(body, 'agency', { required: true, max: 64 })!;
    if (!AGENCY_PATTERN.test(agency)) throw new UserInputError(`Perangkat daerah '${agency}' tidak dikenal.`);
    const reason = textField(body, 'reason', { required: true, max: MAX_NOTE_LENGTH, label: 'reason' })!;
    res.status(200).json(await r.tickets.reassign(officerOf(res), req.params.ticketNumber as string, { agency, reason }));
  });

  // ---- canned responses
  router.get('/api/v1/canned-responses', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['agency']);
    if (q.agency !== undefined && !AGENCY_PATTERN.test(q.agency)) throw new UserInputError(`Perangkat daerah '${q.agency}' tidak dikenal.`);
    res.json({ cannedResponses: await r.canned.list(officerOf(res), q.agency) });
  });

  const cannedId = (req: Request) => {
    const id = req.params.cannedId as string;
    if (!CANNED_ID.test(id)) throw new UserInputError('Id balasan cepat: 1-40 huruf kecil, angka atau tanda minus.');
    return id;
  };

  router.put('/api/v1/canned-responses/:cannedId', authenticate, async (req, res) => {
    const id = cannedId(req);
    const body = bodyObject(req.body, ['agency', 'title', 'text']);
    const agency = textField(body, 'agency', { required: false, max: 64 });
    if (agency !== undefined && !AGENCY_PATTERN.test(agency)) throw new UserInputError(`Perangkat daerah '${agency}' tidak dikenal.`);
    const title = textField(body, 'title', { required: true, max: 80 })!;
    const text = textField(body, 'text', { required: true, max: MAX_MESSAGE_LENGTH })!;
    res.status(200).json(await r.canned.put(officerOf(res), { id, title, text, ...(agency ? { agency } : {}) }));
  });

  router.delete('/api/v1/canned-responses/:cannedId', authenticate, async (req, res) => {
    const id = cannedId(req);
    const q = queryObject(req.query, ['agency']);
    if (q.agency !== undefined && !AGENCY_PATTERN.test(q.agency)) throw new UserInputError(`Perangkat daerah '${q.agency}' tidak dikenal.`);
    await r.canned.remove(officerOf(res), { id, ...(q.agency ? { agency: q.agency } : {}) });
    res.status(200).json({ ok: true });
  });

  // ---- Telegram notification groups
  router.post('/api/v1/telegram/registration-codes', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['agency']);
    const agency = textField(body, 'agency', { required: true, max: 64 })!;
    if (!scope.canCreateGroupCode(officerOf(res))) throw new ForbiddenError('Hanya koordinator yang dapat membuat kode pendaftaran grup.');
    if (!AGENCY_PATTERN.test(agency)) throw new UserInputError(`Perangkat daerah '${agency}' tidak dikenal.`);
    res.status(201).json(await r.groups.createCode(officerOf(res), agency));
  });

  // ---- outbound deliveries (failed ones are kept, never silently dropped)
  router.get('/api/v1/deliveries', authenticate, async (req, res) => {
    if (!scope.canReadDeliveries(officerOf(res))) throw new ForbiddenError('Hanya koordinator yang dapat melihat daftar pengiriman pesan.');
    const q = queryObject(req.query, ['status', 'limit']);
    const status = q.status ?? 'failed';
    if (!DELIVERY_STATUSES.includes(status as Delivery['status'])) {
      throw new UserInputError(`Status pengiriman '${status}' tidak dikenal (pilih: ${DELIVERY_STATUSES.join(', ')}).`);
    }
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UserInputError('limit harus bilangan bulat 1-500.');
    const deliveries = await deps.store.listDeliveries({ status: status as Delivery['status'], limit });
    res.json({ deliveries });
  });

  // ---- live stream for the console (Server-Sent Events)
  // Subscriptions are confirmed before the headers. Every event's id is the cursor of each
  // watched conversation (`<id>.<seq>~...`): a reconnect (Last-Event-ID) or `after` replays the
  // entries missed since; inbox events only say "something changed", and the `ready` event
  // that starts every connection tells the console to reload its lists.
  router.get('/api/v1/console/stream', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['watch', 'after']);
    const { officer, expiresAt } = authedOf(res);
    const requested = (q.watch ?? '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 20);
    const watched: string[] = [];
    for (const id of requested) if (ID_PATTERN.test(id) && (await r.conversations.canWatch(officer, id))) watched.push(id);
    const cursors = parseConsoleCursor(req.get('last-event-id') ?? q.after ?? '');
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      res.end();
    };
    const eventId = () =>
      watched
        .map((id) => [id, feeds.get(id)!.cursor] as const)
        .filter(([, seq]) => seq !== null)
        .map(([id, seq]) => `${id}.${seq}`)
        .join('~');
    // Every event carries the id (an empty one when nothing is watched): a reconnect resumes from it.
    const send = (event: string, data: Record<string, unknown>) => {
      if (!ended) res.write(`id: ${eventId()}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const feeds = new Map(
      watched.map((id) => [
        id,
        new EntryFeed({
          store: deps.store,
          conversationId: async () => id,
          afterSeq: cursors.get(id) ?? 0,
          // without a cursor the console has just loaded the transcript: live entries only
          ...(cursors.has(id) ? {} : { startAtLive: true }),
          emit: (entry) =>
            send('entry', { conversationId: id, entry: { id: entry.id, seq: entry.seq, from: entry.from, text: entry.text, at: entry.at, officerId: entry.officerId, ...entryAttachments(id, entry) } }),
          onError: end,
        }),
      ]),
    );
    const unsubscribers: (() => void)[] = [];
    const stopAll = () => {
      for (const feed of feeds.values()) feed.close();
      for (const u of unsubscribers.splice(0)) u();
    };
    try {
      unsubscribers.push(
        await deps.events.listen(
          INBOX_TOPIC,
          (event) => {
            // Deactivation or a new password (src/officers/officer-accounts.ts): this stream ends too.
            if (event.kind === SESSIONS_ENDED) {
              if (event.officerId !== officer.id || event.except === hashToken(authedOf(res).token)) return;
              send('expired', {});
              end();
              return;
            }
            if (scope.seesInboxEvent(officer, event)) send('inbox', event);
          },
          end,
        ),
      );
      for (const id of watched) {
        unsubscribers.push(
          await deps.events.listen(
            conversationTopic(id),
            (event) => {
              const entry = event.entry as TranscriptEntry | undefined;
              if (entry && typeof entry.seq === 'number') feeds.get(id)!.push(entry);
            },
            end,
          ),
        );
      }
    } catch (err) {
      stopAll();
      throw err;
    }
    if (res.destroyed || req.socket.destroyed) {
      stopAll();
      return;
    }
    const heartbeat = setInterval(() => {
      if (deps.now() >= expiresAt) {
        send('expired', {});
        end();
        return;
      }
      res.write(': ping\n\n');
    }, heartbeatMs);
    res.on('close', () => {
      ended = true;
      clearInterval(heartbeat);
      stopAll();
    });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n');
    send('ready', { watching: watched, now: deps.now() });
    await Promise.all([...feeds.values()].map((feed) => feed.start()));
  });

  return router;
}
