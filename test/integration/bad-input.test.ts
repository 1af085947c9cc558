/**
 * Bad input on the public HTTP API (web chat of interfaces.md section 2, and POST /api/v1/analyze):
 * every bad request gets a clear Indonesian error with the right status, the service keeps
 * answering, and nothing is stored wrongly (the transcript holds exactly the valid messages,
 * checked through GET .../messages and in the store). Embedded defaults (SQLite, in-process queue).
 */
import { randomBytes } from 'node:crypto';
import { startTestService, type TestService } from '../helpers/service';
import { type ChatMessage, WebchatClient } from '../helpers/webchat-client';

interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** Indonesian words our error messages use; and English that must not leak (framework messages). */
const INDONESIAN = /\b(tidak|wajib|harus|terlalu|kosong|silakan|ditemukan|berupa|isi|pesan|kolom|sesi|parameter|teks|permintaan)\b/i;
const ENGLISH = /\b(the|is|must|cannot|unexpected|invalid|not found|unauthori[sz]ed|error|syntaxerror|payload)\b/i;

function expectIndonesianError(answer: Answer, status: number): void {
  expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { error: expect.any(String) } });
  const error = String(answer.body.error);
  expect(error).toMatch(INDONESIAN);
  expect(error).not.toMatch(ENGLISH);
  expect(answer.contentType).toMatch(/application\/json/);
}

describe('bad input on the web chat and analyze APIs', () => {
  let service: TestService;
  let url: string;
  let chat: WebchatClient;
  let other: WebchatClient;
  /** The texts of the valid messages sent to `chat`, in order, as they must be stored. */
  const valid: string[] = [];

  beforeAll(async () => {
    service = await startTestService({ redis: false });
    url = service.url;
    chat = await new WebchatClient(url).open();
    other = await new WebchatClient(url).open();
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  async function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
    const res = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers: init.headers, body: typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body) });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsed: text };
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
  }

  const messagesPath = (sessionId = chat.sessionId) => `/api/v1/webchat/sessions/${sessionId}/messages`;
  const auth = (token = chat.token) => ({ authorization: `Bearer ${token}` });
  const postRaw = (body: string | Buffer, contentType = 'application/json', headers: Record<string, string> = auth(), sessionId?: string) =>
    request(messagesPath(sessionId), { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const postJson = (value: unknown, headers?: Record<string, string>, sessionId?: string) => postRaw(JSON.stringify(value), 'application/json', headers, sessionId);

  /** The service still lives and works: /healthz answers and a normal message would be accepted. */
  async function stillServing(): Promise<void> {
    expect((await request('/healthz')).status).toBe(200);
    expect((await request('/readyz')).status).toBe(200);
  }

  /** Sends a valid message, waits for its reply set, and returns the replies. */
  async function sendValid(text: string, stored = text): Promise<ChatMessage[]> {
    const sent = await postJson({ text, clientMessageId: `ok-${valid.length}` });
    expect(sent.status).toBe(202);
    valid.push(stored);
    return waitForReplies(String(sent.body.id));
  }

  async function waitForReplies(id: string): Promise<ChatMessage[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const all = (await chat.history('0')).messages;
      const replies = all.filter((m) => m.from !== 'user' && m.id.startsWith(`${id}:r`));
      if (replies.length) return replies;
      if (Date.now() > deadline) throw new Error(`no reply to ${id}: ${JSON.stringify(all)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  describe('POST .../messages with a bad text', () => {
    it.each([
      ['empty text', { text: '' }],
      ['whitespace only', { text: '   \n\t  ' }],
      ['only control characters (JSON escapes)', { text: '\u0000\u0001\u0007\u001b\u007f' }],
      ['a text of 5000 characters', { text: 'a'.repeat(5000) }],
      ['text as a NoSQL operator object', { text: { $ne: null } }],
      ['text as an array', { text: ['a'] }],
      ['text as a number', { text: 42 }],
      ['no text at all', { clientMessageId: 'no-text' }],
      ['clientMessageId as a NoSQL operator object', { text: 'halo', clientMessageId: { $gt: '' } }],
      ['clientMessageId with a path', { text: 'halo', clientMessageId: '../../etc/passwd' }],
      ['clientMessageId too long', { text: 'halo', clientMessageId: 'x'.repeat(101) }],
    ])('%s -> 400', async (_name, body) => {
      const answer = await postJson(body);
      expectIndonesianError(answer, 400);
      await stillServing();
    });

    it('a 100 KB text -> 413 (or 400), never stored', async () => {
      const answer = await postJson({ text: 'lapor '.repeat(17_000) });
      expect([400, 413]).toContain(answer.status);
      expectIndonesianError(answer, answer.status);
      await stillServing();
    });

    it.each([
      ['invalid UTF-8 bytes inside the JSON string', Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xfe, 0x80, 0xbf, 0xc0, 0xc1, 0xf5]), Buffer.from('"}')])],
      ['raw control bytes inside the JSON string', Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0x00, 0x01, 0x1b]), Buffer.from('"}')])],
      ['binary garbage', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256))],
      ['not JSON at all', Buffer.from('halo, apakah ini json?')],
      ['truncated JSON', Buffer.from('{"text": "halo"')],
      ['JSON null', Buffer.from('null')],
      ['a JSON string', Buffer.from('"halo"')],
      ['a JSON array', Buffer.from('["halo"]')],
    ])('%s with content-type application/json -> 400', async (_name, body) => {
      expectIndonesianError(await postRaw(body), 400);
      await stillServing();
    });

    it.each([
      ['text/plain', 'halo', 415],
      ['application/x-www-form-urlencoded', 'text=halo', 415],
      ['application/octet-stream', 'halo', 415],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhalo\r\n--x--\r\n', 400],
    ])('a body of type %s -> %d', async (contentType, body, status) => {
      expectIndonesianError(await postRaw(body, contentType), status);
      await stillServing();
    });
  });

  describe('POST .../messages with unusual but valid text', () => {
    it('an emoji-only message is accepted and answered politely', async () => {
      const replies = await sendValid('🙏😊👍');
      const text = WebchatClient.text(replies);
      expect(text).toMatch(/bantu|silakan|maaf/i);
      expect(text).not.toMatch(/error|kesalahan pada server/i);
    });

    it('HTML and script are stored and returned as the same plain text, and not echoed as markup', async () => {
      const html = '<script>alert("xss")</script><img src=x onerror="alert(1)"> <b>halo</b> & "kutip" \'satu\'';
      const replies = await sendValid(html);
      const all = (await chat.history('0')).messages;
      const stored = all.filter((m) => m.from === 'user' && m.text === html);
      expect(stored).toHaveLength(1);
      const text = WebchatClient.text(replies);
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/<script|onerror|<img/i);
      // The API answers JSON, never HTML that a browser could render.
      const page = await request(`${messagesPath()}?after=0`, { headers: auth() });
      expect(page.contentType).toMatch(/application\/json/);
      expect(page.status).toBe(200);
    });

    it('control characters inside a normal text are removed before storing', async () => {
      await sendValid('halo\u0000 selamat\u0007 pagi\u001b', 'halo selamat pagi');
    });

    it('invalid UTF-8 bytes inside a normal text are removed before storing', async () => {
      const body = Buffer.concat([Buffer.from('{"clientMessageId":"ok-utf8","text":"selamat '), Buffer.from([0xff, 0xfe]), Buffer.from(' siang"}')]);
      const sent = await postRaw(body);
      expect(sent.status).toBe(202);
      valid.push('selamat  siang');
      expect((await waitForReplies(String(sent.body.id))).length).toBeGreaterThan(0);
    });
  });

  describe('sessions, tokens and cursors', () => {
    const unknownId = randomBytes(16).toString('base64url');

    it.each([
      ['an unknown session', () => unknownId],
      ['a malformed session id (too short)', () => 'abc'],
      ['a malformed session id (too long)', () => 'a'.repeat(65)],
      ['a session id with a path', () => '..%2F..%2Fadmin'],
      ['a session id with a NUL byte', () => `${chat.sessionId}%00`],
    ])('%s -> 404 on POST and GET', async (_name, id) => {
      expectIndonesianError(await postJson({ text: 'halo' }, auth(), id()), 404);
      expectIndonesianError(await request(messagesPath(id()), { headers: auth() }), 404);
      await stillServing();
    });

    it.each([
      ['a wrong token', () => auth(randomBytes(32).toString('base64url'))],
      ['no Authorization header', () => ({})],
      ['an empty bearer token', () => ({ authorization: 'Bearer ' })],
      ['another scheme', () => ({ authorization: `Basic ${chat.token}` })],
      ['the token of another session', () => auth(other.token)],
    ])('%s -> 401 on POST and GET', async (_name, headers) => {
      expectIndonesianError(await postJson({ text: 'halo dari penyusup' }, headers()), 401);
      expectIndonesianError(await request(messagesPath(), { headers: headers() }), 401);
      await stillServing();
    });

    it.each(['abc', '-1', '1e3', '1.5', '0x10', '9'.repeat(20), "1' OR '1'='1", '%00'])('cursor after=%s -> 400', async (after) => {
      expectIndonesianError(await request(`${messagesPath()}?after=${encodeURIComponent(after)}`, { headers: auth() }), 400);
      await stillServing();
    });
  });

  describe('POST /api/v1/analyze', () => {
    it.each([
      ['empty text', { text: '' }],
      ['whitespace only', { text: '  \n ' }],
      ['over-long text', { text: 'a'.repeat(4001) }],
      ['text as a number', { text: 7 }],
      ['text as an operator object', { text: { $ne: null } }],
      ['text as an array', { text: ['halo'] }],
      ['no text', {}],
      ['an unknown channel', { text: 'halo', channel: 'fax' }],
    ])('%s -> 400 {error}', async (_name, body) => {
      const answer = await request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expectIndonesianError(answer, 400);
      await stillServing();
    });

    it.each([
      ['not JSON', 'application/json', 'halo', 400],
      ['no body', 'application/json', '', 400],
      ['text/plain', 'text/plain', 'halo', 415],
    ])('%s -> %d {error}', async (_name, contentType, body, status) => {
      const answer = await request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': contentType }, body });
      expectIndonesianError(answer, status);
      await stillServing();
    });

    it('still analyzes a normal text afterwards', async () => {
      const answer = await request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'alamat website simpeg apa' }) });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(expect.objectContaining({ type: expect.any(String), reply: expect.any(String) }));
    });
  });

  describe('afterwards', () => {
    it('still answers a normal message', async () => {
      const replies = await sendValid('alamat website simpeg apa');
      expect(WebchatClient.text(replies)).toMatch(/simpeg/i);
    });

    it('stored exactly the valid messages, nothing else (API and store agree)', async () => {
      const all = (await chat.history('0')).messages;
      expect(all.filter((m) => m.from === 'user').map((m) => m.text)).toEqual(valid);
      const conversation = await service.store.findConversation('webchat', chat.sessionId);
      const entries = await service.store.transcript(conversation!.id, 0, 500);
      expect(entries.filter((e) => e.from === 'user').map((e) => e.text)).toEqual(valid);
      expect(entries.filter((e) => e.from === 'user').every((e) => e.state !== 'pending')).toBe(true);
      // Nobody else's transcript was touched: the other session and the unknown ones have none.
      expect(await service.store.findConversation('webchat', other.sessionId)).toBeNull();
      expect((await other.history('0')).messages).toEqual([]);
      await stillServing();
    });
  });
});
