/**
 * The web chat API of interfaces.md section 2, plus a Server-Sent Events stream for the widget.
 * Thin: validates HTTP input (zod schemas) and translates to the WebchatBackend. An expired
 * session answers 401 with `code: "session_expired"`, which the widget recognises.
 */
import { Router, type ErrorRequestHandler, type Request } from 'express';
import { z } from 'zod';
import { SessionExpiredError, UserInputError } from '../../src/domain/errors';
import { NOT_AN_OBJECT, parseInput, queryString } from '../../src/http/validate';
import type { WebchatBackend } from './backend';
import { memoryWebchatLimits, type WebchatLimits } from './rate-limit';
import { webchatCors } from './cors';
import { readUpload } from './upload';
import { formatBytes, WEBCHAT_FILE_TYPES, WEBCHAT_MAX_FILE_BYTES } from '../../src/attachments/file-types';

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const messageBody = z.object(
  {
    text: z.string({ error: 'Kolom "text" wajib berupa teks.' }),
    clientMessageId: z
      .string({ error: 'Kolom "clientMessageId" harus berupa teks.' })
      .regex(CLIENT_MESSAGE_ID, { error: 'Kolom "clientMessageId" harus teks 1-100 karakter (huruf, angka, . _ : -).' })
      .nullish(),
  },
  { error: NOT_AN_OBJECT },
);
/** A new session takes no fields: the widget sends {} (or nothing). */
const sessionBody = z.strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Permintaan sesi baru tidak menerima kolom apa pun.' : NOT_AN_OBJECT) });
const historyQuery = z.object({
  after: queryString('after').regex(/^\d{1,15}$/, { error: 'Parameter "after" harus berupa kursor dari jawaban sebelumnya.' }).optional(),
});
const streamQuery = z.object({
  token: queryString('token').max(200, { error: 'Token sesi obrolan tidak valid.' }).optional(),
  after: queryString('after').optional(),
});

/** The client's session ended (idle too long): a code the widget can tell from a wrong token. */
const sessionExpired: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof SessionExpiredError)) return next(err);
  res.status(401).json({ error: err.message, code: 'session_expired' });
};

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Bodies far beyond the file limit are refused without being read (the connection is closed). */
const UPLOAD_BODY_CAP_FACTOR = 4;

const CURSOR = /^\d{1,15}$/;

/** Last-Event-ID (a reconnecting EventSource) wins over `after` (the URL it first opened). */
function streamCursor(req: Request): string | undefined {
  const lastEventId = req.get('last-event-id')?.trim();
  if (lastEventId && CURSOR.test(lastEventId)) return lastEventId;
  const after = typeof req.query.after === 'string' ? req.query.after : undefined;
  if (after !== undefined && !CURSOR.test(after)) throw new UserInputError('Parameter "after" harus berupa kursor dari jawaban sebelumnya.');
  return after;
}

export function webchatRoutes(
  backend: WebchatBackend,
  options: { heartbeatMs?: number; allowedOrigins?: readonly string[]; maxFileBytes?: number; limits?: WebchatLimits } = {},
): Router {
  const router = Router();
  router.use('/api/v1/webchat', webchatCors(options.allowedOrigins ?? []));
  const { sessionsPerIp, messagesPerSession, messagesPerIp, streamsPerIp } = options.limits ?? memoryWebchatLimits();
  const TOO_MANY_MESSAGES = 'Terlalu banyak pesan. Mohon tunggu sebentar sebelum mengirim lagi.';
  /** One more message (or file) of this session from this address: both limits must allow it. */
  const mayPost = async (req: Request, sessionId: string) => (await messagesPerSession.take(sessionId)) && (await messagesPerIp.take(req.ip ?? 'unknown'));
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const maxFileBytes = options.maxFileBytes ?? WEBCHAT_MAX_FILE_BYTES;

  router.post('/api/v1/webchat/sessions', async (req, res) => {
    if (req.body !== undefined) parseInput(sessionBody, req.body);
    if (!(await sessionsPerIp.take(req.ip ?? 'unknown'))) {
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
    const body = parseInput(messageBody, req.body);
    const clientMessageId = body.clientMessageId ?? undefined;
    if (!(await mayPost(req, sessionId))) {
      res.status(429).json({ error: TOO_MANY_MESSAGES });
      return;
    }
    res.status(202).json(await backend.send(sessionId, body.text, clientMessageId));
  });

  // Files (interfaces.md section 6): JPG, PNG, WEBP and PDF by their bytes, up to 10 MB.
  router.post('/api/v1/webchat/sessions/:sessionId/attachments', async (req, res) => {
    const sessionId = req.params.sessionId as string;
    const refuse = (status: number, error: string) => {
      res.status(status).json({ error });
    };
    const tooLarge = `Berkas terlalu besar. Ukuran maksimal ${formatBytes(maxFileBytes)}.`;
    const unsupported = 'Jenis berkas tidak didukung. Kirim foto JPG, PNG atau WEBP, atau dokumen PDF.';
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > maxFileBytes * UPLOAD_BODY_CAP_FACTOR) {
      res.setHeader('Connection', 'close');
      refuse(413, tooLarge);
      req.destroy();
      return;
    }
    try {
      await backend.authorize(sessionId, bearer(req));
    } catch (err) {
      req.resume(); // read the body away so the client receives the answer
      throw err;
    }
    if (!req.is('multipart/form-data')) {
      req.resume();
      return refuse(415, 'Kirim berkas sebagai multipart/form-data dengan kolom "file".');
    }
    if (!(await mayPost(req, sessionId))) {
      req.resume();
      return refuse(429, TOO_MANY_MESSAGES);
    }
    const upload = await readUpload(req, { maxBytes: maxFileBytes, types: WEBCHAT_FILE_TYPES });
    switch (upload.kind) {
      case 'too-large':
        return refuse(413, tooLarge);
      case 'unsupported':
        return refuse(415, unsupported);
      case 'no-file':
        throw new UserInputError('Kolom "file" wajib berisi satu berkas.');
      case 'empty':
        throw new UserInputError('Berkas kosong. Silakan pilih berkas lain.');
      case 'malformed':
        throw new UserInputError('Isi permintaan multipart/form-data tidak valid.');
    }
    if (upload.clientMessageId !== undefined && !CLIENT_MESSAGE_ID.test(upload.clientMessageId)) {
      throw new UserInputError('Kolom "clientMessageId" harus teks 1-100 karakter (huruf, angka, . _ : -).');
    }
    res.status(202).json(await backend.sendAttachment(sessionId, upload.file, upload.text, upload.clientMessageId));
  });

  router.get('/api/v1/webchat/sessions/:sessionId/messages', async (req, res) => {
    const sessionId = req.params.sessionId as string;
    await backend.authorize(sessionId, bearer(req));
    const { after } = parseInput(historyQuery, req.query);
    res.json(await backend.history(sessionId, after));
  });

  // EventSource cannot send headers: the token comes as a query parameter on this one route.
  // Every event's id is its cursor: a reconnecting EventSource sends it back as Last-Event-ID
  // and gets what it missed first; `after` gives the cursor on a fresh connection.
  router.get('/api/v1/webchat/sessions/:sessionId/stream', async (req, res) => {
    const sessionId = req.params.sessionId as string;
    const query = parseInput(streamQuery, req.query);
    const token = bearer(req) ?? query.token;
    await backend.authorize(sessionId, token);
    if (!(await streamsPerIp.take(req.ip ?? 'unknown'))) {
      res.setHeader('Retry-After', '60');
      res.status(429).json({ error: 'Terlalu banyak sambungan dari alamat ini. Coba lagi dalam satu menit.' });
      return;
    }
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

  router.use('/api/v1/webchat', sessionExpired);
  return router;
}
