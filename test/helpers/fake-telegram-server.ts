/**
 * A local fake of the Telegram Bot API (HTTP, 127.0.0.1, random port) for protocol-level tests.
 * Point telegraf at it with `telegram: { apiRoot: server.apiRoot }`. Implements the methods the
 * adapter uses, answering `{ ok, result }` like Telegram; scripts failures; records every call.
 *
 *   const tg = await FakeTelegramServer.start();
 *   tg.pushUpdate(privateText({ chatId: 111, text: 'halo' }));
 *   const [sent] = await tg.waitForCalls('sendMessage', 1);
 *   tg.failNext('sendMessage', null, tooManyRequests(1)); // the 2nd sendMessage from now answers 429
 *   tg.failNext('sendMessage', BLOCKED);                  // 403 bot was blocked by the user
 *   await tg.close();
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- free-form Bot API JSON in a test fake */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  body: Record<string, any>;
  /** Order of arrival (a counter, not a clock: tests make no timed assertions). */
  seq: number;
  /** Arrival time (Date.now()), to place a call before or after an event such as a process kill. */
  at: number;
  /** What the fake answered (e.g. the sent message with its message_id). */
  result?: any;
}

export interface ScriptedFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  /** Answer with this HTTP status and no JSON (e.g. 502 from a proxy) instead of Telegram's error body. */
  httpStatus?: number;
}

export const BLOCKED: ScriptedFailure = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
export const DEACTIVATED: ScriptedFailure = { error_code: 403, description: 'Forbidden: user is deactivated' };
export const CHAT_NOT_FOUND: ScriptedFailure = { error_code: 400, description: 'Bad Request: chat not found' };
export const tooManyRequests = (retryAfter: number): ScriptedFailure => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

interface Waiter {
  method: string;
  count: number;
  resolve: (calls: RecordedCall[]) => void;
}

/** One getUpdates request as the fake saw it: when it arrived and when it ended (answered or dropped). */
export interface PollRecord {
  start: number;
  end: number | null;
  /** The long-poll timeout asked for (0 for a short call). */
  timeout: number;
}

export class FakeTelegramServer {
  readonly calls: RecordedCall[] = [];
  /** Every getUpdates, in order of arrival. */
  readonly polls: PollRecord[] = [];
  /** getUpdates requests open right now, and the most ever open at once (Telegram allows one). */
  openPolls = 0;
  maxOpenPolls = 0;
  readonly bot = { id: 7000001, is_bot: true, first_name: 'Helpdesk SPBE', username: 'helpdesk_spbe_test_bot' };
  webhook: { url: string; secret_token?: string } | null = null;
  private updates: Record<string, any>[] = [];
  private nextUpdateId = 100;
  private nextMessageId = 5000;
  private confirmed = 0;
  private failures = new Map<string, (ScriptedFailure | null)[]>();
  private files = new Map<string, { path: string; bytes: Buffer }>();
  private members = new Map<string, string>();
  private pollers = new Set<() => void>();
  private waiters: Waiter[] = [];
  private seq = 0;

  private constructor(
    private readonly server: http.Server,
    readonly token: string,
  ) {}

  static async start(token = '123456:TEST-token'): Promise<FakeTelegramServer> {
    const server = http.createServer();
    const fake = new FakeTelegramServer(server, token);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues an update for getUpdates (assigns update_id unless given); returns it. */
  pushUpdate(update: Record<string, any>): Record<string, any> {
    const full = { update_id: update.update_id ?? this.nextUpdateId++, ...update };
    this.updates.push(full);
    for (const wake of [...this.pollers]) wake();
    return full;
  }

  /** Updates getUpdates has handed out and a later offset confirmed. */
  get confirmedOffset(): number {
    return this.confirmed;
  }

  /** Scripts the next calls of `method`, in order: a failure, or null to let that call succeed. */
  failNext(method: string, ...failures: (ScriptedFailure | null)[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  addFile(fileId: string, bytes: Buffer, path = `documents/${fileId}.bin`): void {
    this.files.set(fileId, { path, bytes });
  }

  setChatMemberStatus(chatId: number | string, userId: number | string, status: string): void {
    this.members.set(`${chatId}:${userId}`, status);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `count` calls of `method` have arrived (counting from the start). */
  waitForCalls(method: string, count = 1): Promise<RecordedCall[]> {
    const have = this.callsOf(method);
    if (have.length >= count) return Promise.resolve(have);
    return new Promise((resolve) => this.waiters.push({ method, count, resolve }));
  }

  async close(): Promise<void> {
    for (const wake of [...this.pollers]) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === 'GET') return this.serveFile(file[1]!, file[2]!, res);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    let body: Record<string, any> = {};
    const raw = await readBody(req);
    if (raw.length > 0) {
      if (!String(req.headers['content-type']).includes('json')) {
        return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: fake supports JSON bodies only' });
      }
      body = JSON.parse(raw.toString('utf8'));
    }
    const call: RecordedCall = { method, body, seq: ++this.seq, at: Date.now() };
    this.calls.push(call);
    this.notify();
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if (failure.httpStatus) return send(res, failure.httpStatus, 'Bad Gateway');
      return send(res, failure.error_code, { ok: false, ...failure });
    }
    try {
      const result = await this.answer(method, body, req);
      if (result === undefined) return; // the client went away during a long poll
      call.result = result;
      send(res, 200, { ok: true, result });
    } catch (err) {
      const e = err as ScriptedFailure;
      send(res, e.error_code ?? 500, { ok: false, error_code: e.error_code ?? 500, description: e.description ?? String(err) });
    }
  }

  private async answer(method: string, body: Record<string, any>, req: http.IncomingMessage): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'getUpdates':
        return this.getUpdates(body, req);
      case 'setWebhook':
        this.webhook = { url: body.url, secret_token: body.secret_token };
        return true;
      case 'deleteWebhook':
        this.webhook = null;
        if (body.drop_pending_updates) this.updates = [];
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.updates.length };
      case 'sendMessage':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: Number(body.chat_id) < 0 ? 'group' : 'private' },
          from: this.bot,
          text: body.text,
        };
      case 'answerCallbackQuery':
        return true;
      case 'editMessageReplyMarkup':
        return true;
      case 'getFile': {
        const f = this.files.get(body.file_id);
        if (!f) throw { error_code: 400, description: 'Bad Request: invalid file_id' };
        return { file_id: body.file_id, file_unique_id: `u${body.file_id}`, file_size: f.bytes.length, file_path: f.path };
      }
      case 'getChatMember': {
        const status = this.members.get(`${body.chat_id}:${body.user_id}`) ?? 'member';
        return { status, user: { id: Number(body.user_id), is_bot: false, first_name: 'X' } };
      }
      default:
        throw { error_code: 404, description: `Not Found: method ${method} not faked` };
    }
  }

  private async getUpdates(body: Record<string, any>, req: http.IncomingMessage): Promise<unknown> {
    const poll: PollRecord = { start: Date.now(), end: null, timeout: Number(body.timeout ?? 0) };
    this.polls.push(poll);
    this.openPolls++;
    this.maxOpenPolls = Math.max(this.maxOpenPolls, this.openPolls);
    try {
      return await this.pollUpdates(body, req);
    } finally {
      poll.end = Date.now();
      this.openPolls--;
    }
  }

  private async pollUpdates(body: Record<string, any>, req: http.IncomingMessage): Promise<unknown> {
    if (this.webhook) throw { error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active" };
    const offset = Number(body.offset ?? 0);
    if (offset > 0) {
      this.confirmed = Math.max(this.confirmed, offset);
      this.updates = this.updates.filter((u) => u.update_id >= offset);
    }
    const limit = Number(body.limit ?? 100);
    const ready = () => this.updates.slice(0, limit);
    if (ready().length > 0 || !body.timeout) return ready();
    let gone = false;
    await new Promise<void>((resolve) => {
      const onClose = () => {
        gone = true;
        wake();
      };
      const wake = () => {
        this.pollers.delete(wake);
        clearTimeout(timer);
        // Keep-alive sockets carry many polls: drop this poll's listener so they do not pile up.
        req.socket.off('close', onClose);
        resolve();
      };
      const timer = setTimeout(wake, Number(body.timeout) * 1000);
      req.socket.once('close', onClose);
      this.pollers.add(wake);
    });
    return gone ? undefined : ready();
  }

  private serveFile(token: string, path: string, res: http.ServerResponse): void {
    if (token !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const f = [...this.files.values()].find((x) => x.path === path);
    if (!f) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.bytes.length });
    res.end(f.bytes);
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      const calls = this.callsOf(w.method);
      if (calls.length < w.count) return true;
      w.resolve(calls);
      return false;
    });
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// ---- Update builders (shapes as Telegram sends them) -------------------------------------------

let messageIds = 1;
const user = (id: number, firstName = 'Siti', lastName?: string) => ({
  id,
  is_bot: false,
  first_name: firstName,
  ...(lastName ? { last_name: lastName } : {}),
  language_code: 'id',
});

export interface PrivateTextInput {
  chatId: number;
  text: string;
  firstName?: string;
  lastName?: string;
  messageId?: number;
  date?: number;
}

/** A text message in a private chat (chat id = user id, as on Telegram). */
export function privateText(input: PrivateTextInput): Record<string, any> {
  const text = input.text;
  const command = /^\/\w+/.exec(text);
  return {
    message: {
      message_id: input.messageId ?? messageIds++,
      date: input.date ?? 1_760_000_000,
      chat: { id: input.chatId, type: 'private', first_name: input.firstName ?? 'Siti' },
      from: user(input.chatId, input.firstName, input.lastName),
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

export function groupText(input: { chatId: number; title?: string; fromId: number; text: string; firstName?: string; date?: number }): Record<string, any> {
  const command = /^\/[\w@]+/.exec(input.text);
  return {
    message: {
      message_id: messageIds++,
      date: input.date ?? 1_760_000_000,
      chat: { id: input.chatId, type: 'supergroup', title: input.title ?? 'Tim BKPSDM' },
      from: user(input.fromId, input.firstName ?? 'Budi'),
      text: input.text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** A photo in a private chat (the file must be added with addFile to be downloadable). */
export function privatePhoto(input: { chatId: number; fileId: string; caption?: string; messageId?: number; date?: number }): Record<string, any> {
  return {
    message: {
      message_id: input.messageId ?? messageIds++,
      date: input.date ?? 1_760_000_000,
      chat: { id: input.chatId, type: 'private', first_name: 'Siti' },
      from: user(input.chatId),
      photo: [{ file_id: input.fileId, file_unique_id: `u${input.fileId}`, width: 640, height: 480, file_size: 2048 }],
      ...(input.caption ? { caption: input.caption } : {}),
    },
  };
}

export function callbackQuery(input: {
  chatId: number;
  data: string;
  id?: string;
  messageId?: number;
  keyboard?: { text: string; callback_data?: string }[][];
}): Record<string, any> {
  return {
    callback_query: {
      id: input.id ?? `cbq-${messageIds++}`,
      from: user(input.chatId),
      chat_instance: '-99',
      data: input.data,
      message: {
        message_id: input.messageId ?? messageIds++,
        date: 1_760_000_000,
        chat: { id: input.chatId, type: 'private', first_name: 'Siti' },
        text: 'Pilih salah satu:',
        ...(input.keyboard ? { reply_markup: { inline_keyboard: input.keyboard } } : {}),
      },
    },
  };
}
