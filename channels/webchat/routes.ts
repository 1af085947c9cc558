/**
 * The web chat API of interfaces.md section 2, plus a Server-Sent Events stream for the widget.
 * Thin: validates HTTP input and translates to the WebchatBackend.
 */
import { Router, type Request } from 'express';
import { UserInputError } from '../../src/domain/errors';
import type { WebchatBackend } from './backend';
import { RateLimiter } from './rate-limit';
import { webchatCors } from './cors';

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

const CURSOR = /^\d{1,15}$/;

/** Last-Event-ID (a reconnecting EventSource) wins over `after` (the URL it first opened). */
function streamCursor(req: Request): string | undefined {
  const lastEventId = req.get('last-event-id')?.trim();
  if (lastEventId && CURSOR.test(lastEventId)) return lastEventId;
  const after = typeof req.query.after === 'string' ? req.query.after : undefined;
  if (after !== undefined && !CURSOR.test(after)) throw new UserInputError('Parameter "after" harus berupa kursor dari jawaban sebelumnya.');
  return after;
}

export function webchatRoutes(backend: WebchatBackend, options: { heartbeatMs?: number; allowedOrigins?: readonly string[] } = {}): Router {
  const router = Router();
  router.use('/api/v1/webchat', webchatCors(options.allowedOrigins ?? []));
  const sessionsPerIp = new RateLimiter(30, 60_000);
  const messagesPerSession = new RateLimiter(30, 60_000);
  const heartbeatMs = options.heartbeatMs ?? 25_000;

  router.post('/api/v1/webchat/sessions', async (req, res) => {
    if (!sessionsPerIp.take(req.ip ?? 'unknown')) {
      res.status(429).json({ error: 'Terlalu banyak sesi baru dari alamat ini. Coba lagi dalam satu menit.' });
      return;
    }
    res.status(201).json(await backend.createSession());
  });

  router.param('sessionId', (_req, res, next, value: string) => {
    if (!SESSION_ID.test(value)) {
      res.status(404).json({ error: 'Sesi obrolan tidak ditemukan.' });
      return;
    }
    next();
  });

  router.post('/api/v1/webchat/sessions/:sessionId/messages', async (req, res) => {
    const sessionId = req.params.sessionId as string;
    await backend.authorize(sessionId, bearer(req));
    const body = req.body as { text?: unknown; clientMessageId?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new UserInputError('Isi permintaan harus berupa objek JSON.');
    if (typeof body.text !== 'string') throw new UserInputError('Kolom "text" wajib berupa teks.');
    let clientMessageId: string | undefined;
    if (body.clientMessageId !== undefined && body.clientMessageId !== null) {
      if (typeof body.clientMessageId !== 'string' || !CLIENT_MESSAGE_ID.test(body.clientMessageId)) {
        throw new UserInputError('Kolom "clientMessageId" harus teks 1-100 karakter (huruf, angka, . _ : -).');
      }
      clientMessageId = body.clientMessageId;
    }
    if (!messagesPerSession.take(sessionId)) {
      res.status(429).json({ error: 'Terlalu banyak pesan. Mohon tunggu sebentar sebelum mengirim lagi.' });
      return;
    }
    res.status(202).json(await backend.send(sessionId, body.text, clientMessageId));
  });

  router.get('/api/v1/webchat/sessions/:sessionId/messages', async (req, res) => {
    const sessionId = req.params.sessionId as string;
    await backend.authorize(sessionId, bearer(req));
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    if (after !== undefined && !CURSOR.test(after)) throw new UserInputError('Parameter "after" harus berupa kursor dari jawaban sebelumnya.');
    res.json(await backend.history(sessionId, after));
  });

  // EventSource cannot send headers: the token comes as a query parameter on this one route.
  // Every event's id is its cursor: a reconnecting EventSource sends it back as Last-Event-ID
  // and gets what it missed first; `after` gives the cursor on a fresh connection.
  router.get('/api/v1/webchat/sessions/:sessionId/stream', async (req, res) => {
    const sessionId = req.params.sessionId as string;
    const token = bearer(req) ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
    await backend.authorize(sessionId, token);
    const after = streamCursor(req);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      res.end();
    };
    // Subscribed and confirmed before the headers: nothing published from here on is missed.
    const follow = await backend.follow(
      sessionId,
      after,
      (message) => {
        if (!ended) res.write(`id: ${message.cursor}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);
      },
      end,
    );
    if (res.destroyed || req.socket.destroyed) {
      follow.close(); // the client left while the subscription was being confirmed
      return;
    }
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    res.on('close', () => {
      ended = true;
      clearInterval(heartbeat);
      follow.close();
    });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    await follow.start();
  });

  return router;
}
