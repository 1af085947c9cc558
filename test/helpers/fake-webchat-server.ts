/**
 * A test-only web chat server: the API of interfaces.md section 2 plus the SSE stream (same shapes
 * as channels/webchat/routes.ts), with canned bot replies and scripted failures, and the real
 * static router (page at `/`, widget.js). For exercising the widget in a browser without the engine.
 *
 *   const fake = await FakeWebchatServer.start();
 *   fake.failNextPosts('network', 2);          // the next 2 POSTs of messages drop the connection
 *   fake.pushBot(sessionId, 'Halo **dunia**');   // a message from the bot, out of band
 *   await fake.close();
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { webchatStaticRoutes } from '../../channels/webchat/static';

export interface FakeMessage {
  seq: number;
  id: string;
  from: 'user' | 'bot' | 'agent';
  text: string;
  options?: { label: string; value: string }[];
  at: string;
}

interface FakeSession {
  id: string;
  token: string;
  messages: FakeMessage[];
  byClientId: Map<string, string>;
  streams: Set<Response>;
  flow: null | 'nip' | 'attachment' | 'confirm';
}

export type PostFailure =
  | 'network' // the connection drops before the message is stored
  | 'network-after-store' // the message is stored, then the connection drops (the answer is lost)
  | 429
  | 400
  | 503;

export interface RecordedPost {
  sessionId: string;
  text: string;
  clientMessageId?: string;
  outcome: 'stored' | 'duplicate' | 'failed';
}

export class FakeWebchatServer {
  readonly sessions = new Map<string, FakeSession>();
  readonly posts: RecordedPost[] = [];
  streamOpens = 0;
  sessionsCreated = 0;
  /** false: the stream answers 503 (the widget must fall back to polling). */
  streamEnabled = true;
  private seq = 0;
  private failures: PostFailure[] = [];
  private ticketCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeWebchatServer> {
    let fake: FakeWebchatServer | null = null;
    const app = express();
    app.use(express.json({ limit: '64kb' }));
    app.use((req, res, next) => {
      if (!fake) {
        res.status(503).end();
        return;
      }
      fake.route(req, res, next);
    });
    app.use(webchatStaticRoutes());
    app.use((_req, res) => {
      res.status(404).json({ error: 'Alamat tidak ditemukan.' });
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    fake = new FakeWebchatServer(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  failNextPosts(kind: PostFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(kind);
  }

  /** Ends every open stream (the widget must reconnect and catch up). */
  dropStreams(): void {
    for (const session of this.sessions.values()) {
      for (const res of session.streams) res.destroy();
      session.streams.clear();
    }
  }

  /** Forgets a session (the widget's next call gets 404 and must start a new one). */
  forget(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    for (const res of session.streams) res.destroy();
    this.sessions.delete(sessionId);
  }

  pushBot(sessionId: string, text: string, options?: FakeMessage['options'], from: 'bot' | 'agent' = 'bot', publish = true): FakeMessage {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`unknown session ${sessionId}`);
    return this.append(session, { from, text, ...(options ? { options } : {}) }, publish);
  }

  onlySession(): FakeSession {
    const all = [...this.sessions.values()];
    if (all.length !== 1) throw new Error(`expected one session, found ${all.length}`);
    return all[0]!;
  }

  async close(): Promise<void> {
    this.dropStreams();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- HTTP
  private route(req: Request, res: Response, next: () => void): void {
    const path = req.path;
    if (req.method === 'POST' && path === '/api/v1/webchat/sessions') {
      const session: FakeSession = {
        id: randomBytes(12).toString('base64url'),
        token: randomBytes(24).toString('base64url'),
        messages: [],
        byClientId: new Map(),
        streams: new Set(),
        flow: null,
      };
      this.sessions.set(session.id, session);
      this.sessionsCreated += 1;
      res.status(201).json({ sessionId: session.id, token: session.token });
      return;
    }
    const m = /^\/api\/v1\/webchat\/sessions\/([^/]+)\/(messages|stream)$/.exec(path);
    if (!m) {
      next();
      return;
    }
    const session = this.sessions.get(m[1]!);
    if (!session) {
      res.status(404).json({ error: 'Sesi obrolan tidak ditemukan.' });
      return;
    }
    const header = req.get('authorization');
    const token = header?.replace(/^Bearer\s+/i, '') ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
    if (token !== session.token) {
      res.status(401).json({ error: 'Token sesi obrolan tidak valid.' });
      return;
    }
    if (m[2] === 'stream' && req.method === 'GET') return this.stream(session, req, res);
    if (m[2] === 'messages' && req.method === 'GET') {
      const after = typeof req.query.after === 'string' ? Number(req.query.after) : 0;
      const messages = session.messages.filter((x) => x.seq > after);
      const last = messages[messages.length - 1];
      res.json({ messages: messages.map(({ seq: _seq, ...rest }) => rest), cursor: String(last ? last.seq : after) });
      return;
    }
    if (m[2] === 'messages' && req.method === 'POST') return this.post(session, req, res);
    next();
  }

  private stream(session: FakeSession, req: Request, res: Response): void {
    if (!this.streamEnabled) {
      res.status(503).json({ error: 'Aliran tidak tersedia.' });
      return;
    }
    this.streamOpens += 1;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.write('retry: 500\n\n');
    session.streams.add(res);
    req.on('close', () => session.streams.delete(res));
  }

  private post(session: FakeSession, req: Request, res: Response): void {
    const body = req.body as { text?: unknown; clientMessageId?: unknown };
    const text = typeof body?.text === 'string' ? body.text : '';
    const clientMessageId = typeof body?.clientMessageId === 'string' ? body.clientMessageId : undefined;
    const failure = this.failures.shift();
    if (failure === 'network') {
      this.posts.push({ sessionId: session.id, text, clientMessageId, outcome: 'failed' });
      req.socket.destroy();
      return;
    }
    if (failure === 429) {
      this.posts.push({ sessionId: session.id, text, clientMessageId, outcome: 'failed' });
      res.status(429).json({ error: 'Terlalu banyak pesan. Mohon tunggu sebentar sebelum mengirim lagi.' });
      return;
    }
    if (failure === 400) {
      this.posts.push({ sessionId: session.id, text, clientMessageId, outcome: 'failed' });
      res.status(400).json({ error: 'Pesan kosong. Silakan tulis pesan Anda.' });
      return;
    }
    if (failure === 503) {
      this.posts.push({ sessionId: session.id, text, clientMessageId, outcome: 'failed' });
      res.status(503).json({ error: 'Antrean pesan sedang tidak tersedia. Silakan coba lagi sebentar lagi.' });
      return;
    }
    if (!text.trim()) {
      res.status(400).json({ error: 'Pesan kosong. Silakan tulis pesan Anda.' });
      return;
    }
    const known = clientMessageId ? session.byClientId.get(clientMessageId) : undefined;
    if (known) {
      this.posts.push({ sessionId: session.id, text, clientMessageId, outcome: 'duplicate' });
      if (failure === 'network-after-store') req.socket.destroy();
      else res.status(202).json({ id: known });
      return;
    }
    const entry = this.append(session, { from: 'user', text: text.trim() });
    if (clientMessageId) session.byClientId.set(clientMessageId, entry.id);
    this.posts.push({ sessionId: session.id, text, clientMessageId, outcome: 'stored' });
    if (failure === 'network-after-store') req.socket.destroy();
    else res.status(202).json({ id: entry.id });
    // the bot answers asynchronously, as the engine's drain does
    setTimeout(() => this.answer(session, text.trim()), 30);
  }

  private append(session: FakeSession, m: Omit<FakeMessage, 'seq' | 'id' | 'at'>, publish = true): FakeMessage {
    this.seq += 1;
    const message: FakeMessage = { seq: this.seq, id: `m${this.seq}-${randomBytes(3).toString('hex')}`, at: new Date().toISOString(), ...m };
    session.messages.push(message);
    if (publish) {
      const { seq, ...wire } = message;
      const frame = `id: ${seq}\nevent: message\ndata: ${JSON.stringify({ ...wire, cursor: String(seq) })}\n\n`;
      for (const res of session.streams) res.write(frame);
    }
    return message;
  }

  // ---------------------------------------------------------------- canned dialogue
  private answer(session: FakeSession, text: string): void {
    if (!this.sessions.has(session.id)) return;
    const lower = text.toLowerCase();
    const say = (reply: string, options?: FakeMessage['options']) => this.append(session, { from: 'bot', text: reply, ...(options ? { options } : {}) });
    if (lower.startsWith('echo:')) {
      say(text.slice(5).trim());
      return;
    }
    if (session.flow === 'nip') {
      session.flow = 'attachment';
      say('Terima kasih. Ada tangkapan layar? Kirim gambar atau ketik **lewati**.', [{ label: 'Lewati', value: 'lewati' }]);
      return;
    }
    if (session.flow === 'attachment') {
      session.flow = 'confirm';
      say('Ringkasan laporan:\n- Layanan: **SIMPEG**\n- Masalah: tidak bisa dibuka\nKirim laporan ini?', [
        { label: 'Ya', value: 'ya' },
        { label: 'Tidak', value: 'tidak' },
      ]);
      return;
    }
    if (session.flow === 'confirm') {
      session.flow = null;
      if (lower === 'ya') {
        this.ticketCounter += 1;
        say(`Laporan Anda tercatat dengan nomor tiket **HD-250101-${String(this.ticketCounter).padStart(4, '0')}**. Petugas akan menindaklanjuti.`);
      } else {
        say('Baik, laporan dibatalkan.');
      }
      return;
    }
    if (/simpeg/.test(lower) && /(link|alamat|situs|web)/.test(lower)) {
      say('Alamat **SIMPEG** Kabupaten Cirebon: www.simpeg.cirebonkab.go.id\n- Masuk dengan NIP Anda\n- Lupa kata sandi? Hubungi BKPSDM.');
      return;
    }
    if (/(tidak bisa|gangguan|error|rusak)/.test(lower)) {
      session.flow = 'nip';
      say('Maaf atas kendalanya. Mohon tuliskan **NIP** Anda (18 digit).');
      return;
    }
    say('Maaf, saya belum memahami pertanyaan Anda. Pilih salah satu:', [
      { label: 'Lapor gangguan', value: 'lapor gangguan' },
      { label: 'Bicara dengan petugas', value: 'petugas' },
    ]);
  }
}
