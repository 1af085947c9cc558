/**
 * A corpus of malformed input against EVERY HTTP endpoint of the service, public and officer:
 * wrong JSON, wrong types, operator objects ({"$ne": null}), huge and binary bodies, bodies of
 * other types, path traversal and junk in path ids, unknown ids, wrong tokens, malformed
 * cookies, repeated query parameters. Each must get a 4xx with an Indonesian {"error"} and leave
 * the store exactly as it was. Odd but valid input (emoji only, `'; DROP TABLE`, `<script>`,
 * a direction override) must never give a 5xx, and the store stays whole.
 *
 * The endpoints are read from the running app: a route that is not described in ENDPOINTS
 * fails the first test until it is added here (and so gets the corpus too).
 */
import { randomBytes } from 'node:crypto';
import { startTestService, type TestService } from '../helpers/service';
import { listRoutes } from '../helpers/express-routes';
import { FakeTelegramServer, privateText } from '../helpers/fake-telegram-server';
import { newTicket } from '../helpers/store-fixtures';
import { WebchatClient } from '../helpers/webchat-client';
import { hashPassword } from '../../src/officers/passwords';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { createEvaluationStores } from '../../src/store/create-evaluation-stores';
import type { Store } from '../../src/store/port';

jest.setTimeout(300_000);

type Auth = 'none' | 'webchat' | 'officer' | 'telegram';

interface Endpoint {
  auth: Auth;
  /** A valid body: the fields the endpoint reads (write endpoints). */
  body?: Record<string, unknown>;
  /** Query parameters the endpoint reads, with valid values. */
  query?: Record<string, string>;
  /** Opens a stream when everything is right (only invalid requests are sent). */
  stream?: boolean;
  /** Serves a file; the corpus only checks it never fails with a 5xx. */
  file?: boolean;
  /** PUT that creates what it does not find: an unknown id is valid. */
  upsert?: boolean;
  /** Takes multipart/form-data (a file upload) instead of JSON. */
  multipart?: boolean;
}

const WEBHOOK_PATH = '/telegram/webhook';
const SECRET = 'rahasia-webhook-0123456789';
const OFFICER = { email: 'koordinator@diskominfo.cirebonkab.go.id', password: 'kata-sandi-yang-panjang' };

const ENDPOINTS: Record<string, Endpoint> = {
  'GET /healthz': { auth: 'none' },
  'GET /readyz': { auth: 'none' },
  'POST /api/v1/analyze': { auth: 'none', body: { text: 'alamat simpeg apa', channel: 'webchat' } },
  'GET /': { auth: 'none', file: true },
  'GET /index.html': { auth: 'none', file: true },
  'GET /widget.js': { auth: 'none', file: true },
  'GET /page.css': { auth: 'none', file: true },
  'GET /page.js': { auth: 'none', file: true },
  'GET /favicon.svg': { auth: 'none', file: true },
  'GET /favicon.ico': { auth: 'none', file: true },
  'POST /api/v1/webchat/sessions': { auth: 'none', body: {} },
  'POST /api/v1/webchat/sessions/:sessionId/messages': { auth: 'webchat', body: { text: 'halo', clientMessageId: 'corpus-1' } },
  'GET /api/v1/webchat/sessions/:sessionId/messages': { auth: 'webchat', query: { after: '0' } },
  'GET /api/v1/webchat/sessions/:sessionId/stream': { auth: 'webchat', stream: true },
  // Valid only as multipart/form-data (a file): every JSON, text or binary body of the corpus is refused.
  'GET /konsol': { auth: 'none', file: true },
  'GET /konsol/': { auth: 'none', file: true },
  'GET /konsol/index.html': { auth: 'none', file: true },
  'GET /konsol/:file': { auth: 'none', file: true },
  'POST /api/v1/auth/login': { auth: 'none', body: { email: OFFICER.email, password: 'bukan-kata-sandinya' } },
  'POST /api/v1/auth/logout': { auth: 'officer', body: {} },
  'GET /api/v1/auth/me': { auth: 'officer' },
  'GET /api/v1/console/meta': { auth: 'officer' },
  'GET /api/v1/conversations': { auth: 'officer', query: { state: 'waiting' } },
  'GET /api/v1/conversations/:conversationId': { auth: 'officer' },
  'POST /api/v1/conversations/:conversationId/takeover': { auth: 'officer', body: {} },
  'POST /api/v1/conversations/:conversationId/messages': { auth: 'officer', body: { text: 'Baik, kami bantu.' } },
  'POST /api/v1/conversations/:conversationId/release': { auth: 'officer', body: {} },
  'POST /api/v1/conversations/:conversationId/close': { auth: 'officer', body: {} },
  'POST /api/v1/conversations/:conversationId/attach': { auth: 'officer', body: { ticket: 'HD-000000-0000' } },
  'GET /api/v1/tickets': { auth: 'officer', query: { status: 'baru' } },
  'GET /api/v1/tickets/:ticketNumber': { auth: 'officer' },
  'PATCH /api/v1/tickets/:ticketNumber': { auth: 'officer', body: { status: 'diproses', note: 'Sedang diperiksa.' } },
  'POST /api/v1/tickets/:ticketNumber/reassign': { auth: 'officer', body: { agency: 'bkpsdm', reason: 'Layanan milik BKPSDM.' } },
  'GET /api/v1/canned-responses': { auth: 'officer', query: { agency: 'diskominfo' } },
  'PUT /api/v1/canned-responses/:cannedId': { auth: 'officer', body: { title: 'Salam', text: 'Selamat pagi.' }, upsert: true },
  'DELETE /api/v1/canned-responses/:cannedId': { auth: 'officer' },
  'POST /api/v1/telegram/registration-codes': { auth: 'officer', body: { agency: 'bkpsdm' } },
  'GET /api/v1/deliveries': { auth: 'officer', query: { status: 'failed' } },
  'GET /api/v1/console/stream': { auth: 'officer', stream: true, query: { watch: '' } },
  [`POST ${WEBHOOK_PATH}`]: { auth: 'telegram', body: { update_id: 1, ...privateText({ chatId: 5550001, text: 'halo' }) } },
  // Metrics, status page, incidents and monitors (src/operations).
  'GET /metrics': { auth: 'none' },
  'GET /konsol/js/*path': { auth: 'none', file: true },
  'GET /api/v1/status': { auth: 'none' },
  'GET /status': { auth: 'none', file: true },
  'GET /status/': { auth: 'none', file: true },
  'GET /status/status.css': { auth: 'none', file: true },
  'GET /api/v1/incidents': { auth: 'officer', query: { state: 'open' } },
  'POST /api/v1/incidents': { auth: 'officer', body: { service: 'kepegawaian', title: 'SIMPEG tidak dapat diakses', message: 'Sedang diperiksa.' } },
  'GET /api/v1/incidents/:incidentId': { auth: 'officer' },
  'POST /api/v1/incidents/:incidentId/updates': { auth: 'officer', body: { message: 'Masih diperiksa.' } },
  'POST /api/v1/incidents/:incidentId/resolve': { auth: 'officer', body: { message: 'Sudah pulih.', resolveTickets: false } },
  'POST /api/v1/incidents/:incidentId/review': { auth: 'officer', body: { cause: 'Disk penuh.', action: 'Disk ditambah.' } },
  'GET /api/v1/monitors': { auth: 'officer' },
  'GET /api/v1/monitors/:service': { auth: 'officer' },
  'POST /api/v1/monitors/:service/check': { auth: 'officer', body: {} },
  // Attachments: web chat uploads (multipart) and officers' downloads.
  'POST /api/v1/webchat/sessions/:sessionId/attachments': { auth: 'webchat', multipart: true },
  'GET /api/v1/conversations/:conversationId/attachments/:storageKey': { auth: 'officer' },
  'GET /api/v1/tickets/:ticketNumber/attachments/:storageKey': { auth: 'officer' },
  // Evaluation reports and knowledge (interfaces.md section 8)
  'GET /api/v1/reports/summary': { auth: 'officer', query: { from: '2026-11-01', to: '2026-11-30', agency: 'bkpsdm', service: 'kepegawaian' } },
  'GET /api/v1/reports/export': { auth: 'officer', query: { from: '2026-11-01', to: '2026-11-30', format: 'csv', part: 'tiket' } },
  'GET /api/v1/knowledge/gaps': { auth: 'officer', query: { limit: '10', covered: '1' } },
  'GET /api/v1/knowledge/entries': { auth: 'officer', query: { state: 'draft' } },
  'POST /api/v1/knowledge/entries': { auth: 'officer', body: { service: 'kepegawaian', questions: ['cara daftar magang di pemkab'], answer: 'Lewat surat permohonan kampus ke BKPSDM.' } },
  'GET /api/v1/knowledge/entries/:entryId': { auth: 'officer' },
  'PATCH /api/v1/knowledge/entries/:entryId': { auth: 'officer', body: { answer: 'Lewat surat permohonan kampus ke BKPSDM Kabupaten Cirebon.' } },
  'POST /api/v1/knowledge/entries/:entryId/publish': { auth: 'officer', body: {} },
  'POST /api/v1/knowledge/entries/:entryId/withdraw': { auth: 'officer', body: { reason: 'Sudah digabung ke faq/.' } },
  'GET /api/v1/knowledge/export': { auth: 'officer' },
  'GET /konsol/vendor/chart.umd.min.js': { auth: 'none', file: true },
  // Ticket work: search, internal notes, assignment, priority (src/console/ticket-work-routes.ts).
  'GET /api/v1/search': { auth: 'officer', query: { q: 'simpeg', limit: '10', offset: '0' } },
  'POST /api/v1/tickets/:ticketNumber/notes': { auth: 'officer', body: { text: 'Catatan internal petugas.' } },
  'GET /api/v1/tickets/:ticketNumber/assignees': { auth: 'officer' },
  'POST /api/v1/tickets/:ticketNumber/assign': { auth: 'officer', body: { officerId: 'ofc-tidak-ada' } },
  'PATCH /api/v1/tickets/:ticketNumber/priority': { auth: 'officer', body: { priority: 'tinggi' } },
  'POST /api/v1/conversations/:conversationId/tickets': { auth: 'officer', body: { category: 'permintaan', service: 'kepegawaian', summary: 'Absensi tidak tercatat' } },
  // Officer accounts and the audit trail (interfaces.md section 9).
  'GET /api/v1/officers': { auth: 'officer', query: { q: 'koordinator', role: 'pengelola-layanan', agency: 'bkpsdm', active: '1', limit: '10', offset: '0' } },
  'POST /api/v1/officers': { auth: 'officer', body: { email: 'baru.corpus@cirebonkab.go.id', name: 'Petugas Baru', role: 'pengelola-layanan', agency: 'bkpsdm', password: 'kata-sandi-baru-123' } },
  'PATCH /api/v1/officers/:officerId': { auth: 'officer', body: { active: true, role: 'pengelola-teknis', agency: 'bkpsdm', password: 'kata-sandi-baru-123' } },
  // The console's contact view (a person's chats and tickets).
  'GET /api/v1/contacts/:channel/:senderId': { auth: 'officer', query: { limit: '10', offset: '0', full: '0' } },
  'GET /api/v1/audit': { auth: 'officer', query: { actor: 'corpus-koordinator', action: 'auth.login', target: 'officer:corpus-koordinator', from: '2026-11-01', to: '2026-11-30', limit: '10', offset: '0' } },
};

/** English that must not leak into an error (framework messages, stack traces). */
const ENGLISH = /\b(the|is|must|cannot|unexpected|not found|unauthori[sz]ed|syntaxerror|payload|undefined|stack|at Object)\b/i;

/** Odd values that are still text: accepted or refused, never a 5xx. */
const ODD_TEXTS = ['🙏😊👍', "'; DROP TABLE tickets; --", '<script>alert(1)</script><img src=x onerror=alert(2)>', 'lapor\u202Egnp.exe', 'x'.repeat(3990)];

/** Junk for each field in turn: operator objects, arrays, numbers, booleans. */
const WRONG_TYPES: unknown[] = [{ $ne: null }, { $gt: '' }, ['x'], 12345, true];

/** Junk for path ids (already URL-encoded). */
const BAD_IDS = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..%5C..%5Cwindows',
  '%00',
  '%E0%A4%A',
  encodeURIComponent('{"$ne":null}'),
  encodeURIComponent("' OR '1'='1"),
  encodeURIComponent('<script>'),
  encodeURIComponent('😀'),
  'x'.repeat(300),
];

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

describe('malformed input on every HTTP endpoint', () => {
  let service: TestService;
  let tg: FakeTelegramServer;
  let chat: WebchatClient;
  let other: WebchatClient;
  let officerToken = '';
  const ids: Record<string, string> = {};
  const unknownIds: Record<string, string> = {};

  beforeAll(async () => {
    tg = await FakeTelegramServer.start();
    service = await startTestService({
      redis: false,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://helpdesk.example${WEBHOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    const store = service.store;
    await store.upsertOfficer({ id: 'corpus-koordinator', email: OFFICER.email, name: 'Koordinator Uji', role: 'koordinator-layanan', agency: 'diskominfo', passwordHash: await hashPassword(OFFICER.password), active: true });
    await store.upsertOfficer({ id: 'corpus-target', email: 'sasaran@bkpsdm.cirebonkab.go.id', name: 'Petugas Sasaran', role: 'pengelola-layanan', agency: 'bkpsdm', passwordHash: await hashPassword(OFFICER.password), active: true });
    const login = await call('POST', '/api/v1/auth/login', { json: OFFICER });
    expect(login.status).toBe(200);
    officerToken = (JSON.parse(login.text) as { token: string }).token;

    chat = await new WebchatClient(service.url).open();
    other = await new WebchatClient(service.url).open();
    await chat.say('halo');
    const conversation = (await store.findConversation('webchat', chat.sessionId))!;
    const now = Date.now();
    const ticket = await store.createTicket(
      newTicket({ numberPrefix: 'HD-991231-', createdAt: now, sla: { responseDueAt: now + 30 * 86_400_000, resolveDueAt: now + 60 * 86_400_000, pausedMs: 0, pausedSince: null, escalated: [] } }),
    );
    const canned = await call('PUT', '/api/v1/canned-responses/salam-corpus', { json: { title: 'Salam', text: 'Selamat pagi.' }, auth: 'officer' });
    expect(canned.status).toBe(200);
    const incident = await call('POST', '/api/v1/incidents', { json: ENDPOINTS['POST /api/v1/incidents']!.body, auth: 'officer' });
    expect(incident.status).toBe(201);
    const entry = await call('POST', '/api/v1/knowledge/entries', { json: { service: null, questions: ['cara daftar magang di pemkab'], answer: 'Lewat surat permohonan kampus ke BKPSDM.' }, auth: 'officer' });
    expect(entry.status).toBe(201);
    Object.assign(ids, {
      sessionId: chat.sessionId,
      conversationId: conversation.id,
      ticketNumber: ticket.number,
      cannedId: 'salam-corpus',
      file: 'console.js',
      path: 'main.js',
      incidentId: (JSON.parse(incident.text) as { id: string }).id,
      service: 'kepegawaian',
      storageKey: `${'a'.repeat(64)}.png`,
      officerId: 'corpus-target',
      channel: 'webchat',
      senderId: chat.sessionId,
      entryId: (JSON.parse(entry.text) as { id?: string; entry?: { id: string } }).id ?? (JSON.parse(entry.text) as { entry: { id: string } }).entry.id,
    });
    Object.assign(unknownIds, {
      sessionId: randomBytes(16).toString('base64url'),
      conversationId: '00000000-0000-4000-8000-000000000000',
      ticketNumber: 'HD-991231-9999',
      cannedId: 'tidak-ada',
      file: 'tidak-ada.js',
      path: 'tidak/ada.js',
      incidentId: 'INS-991231-999',
      service: 'tidak-ada',
      storageKey: `${'b'.repeat(64)}.png`,
      entryId: 'kb-0000000000',
      officerId: 'ofc-tidak-ada',
      channel: 'faks',
      senderId: randomBytes(16).toString('base64url'),
    });
  });
  afterAll(async () => {
    await service?.cleanup();
    await tg?.close();
  });

  async function call(
    method: string,
    path: string,
    options: { json?: unknown; raw?: Buffer | string; contentType?: string; auth?: Auth | 'wrong'; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.auth === 'officer') headers.authorization = `Bearer ${officerToken}`;
    if (options.auth === 'webchat') headers.authorization = `Bearer ${chat.token}`;
    if (options.auth === 'telegram') headers['x-telegram-bot-api-secret-token'] = SECRET;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.raw !== undefined) {
      body = typeof options.raw === 'string' ? options.raw : (new Uint8Array(options.raw) as unknown as BodyInit);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const controller = new AbortController();
    const res = await fetch(`${service.url}${path}`, { method, headers, body, signal: controller.signal, redirect: 'manual' });
    // A stream that opened by mistake must not hang the test: read what is there and stop.
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      controller.abort();
      return { status: res.status, contentType: 'text/event-stream', text: '' };
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  /** What a request must never change: conversations, transcripts, tickets, officers, documents, deliveries. */
  async function fingerprint(store: Store): Promise<string> {
    const conversations = await store.listConversations({ limit: 10_000 });
    const transcripts = await Promise.all(conversations.map(async (c) => (await store.transcript(c.id)).map((e) => [e.id, e.from, e.text, e.state])));
    const docs: Record<string, unknown> = {};
    for (const collection of ['webchat-sessions', 'officer-sessions', 'canned-responses', 'telegram-groups', 'telegram-registration-codes']) {
      // lastSeenAt of a web chat session moves with legitimate use; the session itself must not.
      docs[collection] = (await store.listDocs<Record<string, unknown>>(collection)).map((d) => [d.key, { ...d.value, lastSeenAt: undefined }]);
    }
    return JSON.stringify({
      conversations: conversations.map((c) => ({ ...c, lastMessageAt: undefined })),
      transcripts,
      tickets: await store.listTickets({}),
      officers: await store.listOfficers(),
      docs,
      deliveries: await store.listDeliveries({ limit: 10_000 }),
      incidents: await service.operations.ops.listIncidents({ limit: 10_000 }),
      knowledge: await createEvaluationStores(store).knowledge.listEntries({ limit: 10_000 }),
    });
  }

  function pathOf(route: string, values: Record<string, string>): string {
    return route.replace(/[:*]([A-Za-z]+)/g, (_m, name: string) => values[name] ?? ids[name] ?? 'x');
  }

  function expectClientError(answer: Answer, what: string): void {
    if (answer.status < 400 || answer.status >= 500) throw new Error(`${what}: expected a 4xx, got ${answer.status} ${answer.text.slice(0, 300)}`);
    if (!answer.contentType.includes('application/json')) throw new Error(`${what}: a ${answer.status} that is not JSON (${answer.contentType}): ${answer.text.slice(0, 200)}`);
    const error = (JSON.parse(answer.text) as { error?: unknown }).error;
    if (typeof error !== 'string' || error.trim().length < 5 || ENGLISH.test(error)) throw new Error(`${what}: not a clear Indonesian error: ${answer.text.slice(0, 300)}`);
  }

  /** The malformed requests for one endpoint, each with the reason it is malformed. */
  function corpus(key: string, spec: Endpoint): { what: string; method: string; path: string; options: Parameters<typeof call>[2] }[] {
    const [method, route] = key.split(' ') as [string, string];
    const cases: { what: string; method: string; path: string; options: Parameters<typeof call>[2] }[] = [];
    const valid = { auth: spec.auth === 'none' ? undefined : spec.auth, ...(spec.body ? { json: spec.body } : {}) } as Parameters<typeof call>[2];
    const query = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
    const path = `${pathOf(route, {})}${query}`;
    const add = (what: string, p: string, options: Parameters<typeof call>[2]) => cases.push({ what: `${key}: ${what}`, method, path: p, options });

    // Wrong credentials.
    if (spec.auth === 'officer') {
      add('no token', path, { ...valid, auth: undefined });
      add('a wrong bearer token', path, { ...valid, auth: undefined, headers: { authorization: 'Bearer salah' } });
      add('a well-formed unknown token', path, { ...valid, auth: undefined, headers: { authorization: `Bearer ${randomBytes(32).toString('base64url')}` } });
      add('another scheme', path, { ...valid, auth: undefined, headers: { authorization: `Basic ${officerToken}` } });
      add('a malformed cookie', path, { ...valid, auth: undefined, headers: { cookie: 'hd_konsol=%E0%A4%A; x=%' } });
      add('a cookie with an operator object', path, { ...valid, auth: undefined, headers: { cookie: `hd_konsol=${encodeURIComponent('{"$ne":null}')}` } });
    }
    if (spec.auth === 'webchat') {
      add('no token', path, { ...valid, auth: undefined });
      add('a wrong token', path, { ...valid, auth: undefined, headers: { authorization: 'Bearer salah' } });
      add('the token of another session', path, { ...valid, auth: undefined, headers: { authorization: `Bearer ${other.token}` } });
      add('a malformed cookie instead of a token', path, { ...valid, auth: undefined, headers: { cookie: 'hd_konsol=%E0%A4%A' } });
    }
    if (spec.auth === 'telegram') {
      add('no secret', path, { ...valid, auth: undefined });
      add('a wrong secret', path, { ...valid, auth: undefined, headers: { 'x-telegram-bot-api-secret-token': 'salah' } });
    }
    // Junk and unknown ids in the path.
    for (const name of route.match(/[:*]([A-Za-z]+)/g)?.map((m) => m.slice(1)) ?? []) {
      for (const bad of BAD_IDS) add(`:${name} = ${decodeSafe(bad).slice(0, 30)}`, `${pathOf(route, { [name]: bad })}${query}`, valid);
      if (!spec.upsert) add(`an unknown :${name}`, `${pathOf(route, { [name]: unknownIds[name]! })}${query}`, valid);
    }
    // Repeated and over-long query parameters.
    for (const name of Object.keys(spec.query ?? {})) {
      add(`?${name} twice`, `${pathOf(route, {})}?${name}=a&${name}=b`, valid);
      add(`?${name} of 5000 characters`, `${pathOf(route, {})}?${name}=${'a'.repeat(5000)}`, valid);
    }
    // Bodies.
    if (spec.body && method !== 'GET') {
      const raw = (what: string, body: Buffer | string, contentType = 'application/json') => add(what, path, { auth: valid?.auth, raw: body, contentType });
      raw('truncated JSON', '{"text": "halo"');
      raw('JSON null', 'null');
      raw('a JSON array', '[{"text":"halo"}]');
      raw('a JSON string', '"halo"');
      raw('a JSON number', '42');
      raw('invalid UTF-8', Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"')]));
      raw('binary bytes as JSON', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37 + 11) % 256)));
      raw('binary bytes as octet-stream', randomBytes(512), 'application/octet-stream');
      raw('text/plain', 'halo', 'text/plain');
      raw('a form', 'text=halo&email=a', 'application/x-www-form-urlencoded');
      raw('a body of 200 KB', JSON.stringify({ ...spec.body, text: 'a'.repeat(200_000) }));
      add('only an unknown operator field', path, { auth: valid?.auth, json: { $where: 'sleep(1000)' } });
      for (const field of Object.keys(spec.body)) {
        const right = spec.body[field];
        const isWrong = (x: unknown) => (Array.isArray(right) ? !Array.isArray(x) : typeof x !== typeof right || typeof right === 'object');
        for (const wrong of WRONG_TYPES.filter(isWrong)) add(`"${field}" = ${JSON.stringify(wrong)}`, path, { auth: valid?.auth, json: { ...spec.body, [field]: wrong } });
      }
    }
    // Uploads: anything but a well-formed multipart body with a supported file.
    if (spec.multipart) {
      const multipart = () => 'multipart/form-data; boundary=xyz';
      const raw = (what: string, body: Buffer | string, contentType: string) => add(what, path, { auth: valid?.auth, raw: body, contentType });
      raw('a JSON body', '{"file": "halo"}', 'application/json');
      raw('a multipart body without a file', '--xyz\r\nContent-Disposition: form-data; name="text"\r\n\r\nhalo\r\n--xyz--\r\n', multipart());
      raw('a text file', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalo\r\n--xyz--\r\n', multipart());
      raw('a program disguised as a picture', `--xyz\r\nContent-Disposition: form-data; name="file"; filename="foto.png"\r\nContent-Type: image/png\r\n\r\nMZ\x90\x00program\r\n--xyz--\r\n`, multipart());
      raw('a broken multipart body', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n', multipart());
      raw('a multipart body without a boundary', 'halo', 'multipart/form-data');
      raw('binary bytes', randomBytes(512), 'application/octet-stream');
    }
    return cases;
  }

  it('every route of the app is described here (a new endpoint gets the corpus too)', () => {
    const routes = listRoutes(service.app!).map((r) => `${r.method} ${r.path}`);
    const missing = routes.filter((r) => !(r in ENDPOINTS));
    const stale = Object.keys(ENDPOINTS).filter((k) => !routes.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('every malformed request gets a 4xx with an Indonesian error, and nothing changes', async () => {
    const before = await fingerprint(service.store);
    let count = 0;
    for (const [key, spec] of Object.entries(ENDPOINTS)) {
      if (spec.file) continue;
      for (const c of corpus(key, spec)) {
        expectClientError(await call(c.method, c.path, c.options), c.what);
        count++;
        if ((await fingerprint(service.store)) !== before) throw new Error(`${c.what}: the store changed`);
      }
    }
    expect(count).toBeGreaterThan(500);
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).status).toBe(200);
  });

  it('files and pages: junk in paths and queries is never a 5xx, and never escapes the folder', async () => {
    for (const [key, spec] of Object.entries(ENDPOINTS)) {
      if (!spec.file) continue;
      const [method, route] = key.split(' ') as [string, string];
      const param = /[:*]([A-Za-z]+)/.exec(route)?.[1];
      const paths = param ? [...BAD_IDS, unknownIds[param]!].map((bad) => pathOf(route, { [param]: bad })) : [`${route}?%E0%A4%A=%`, `${route}?a=1&a=2`];
      for (const path of paths) {
        const answer = await call(method, path);
        if (answer.status >= 500) throw new Error(`${method} ${path}: ${answer.status}`);
        expect(answer.text).not.toMatch(/"name":\s*"helpdesk-spbe-cirebon"|root:x:0:0/);
        if (param) expectClientError(answer, `${method} ${path}`);
      }
    }
  });

  it('odd but valid text is never a 5xx, is stored as plain text, and the store stays whole', async () => {
    for (const [key, spec] of Object.entries(ENDPOINTS)) {
      if (!spec.body || spec.multipart || key.includes('/logout')) continue;
      const [method, route] = key.split(' ') as [string, string];
      for (const field of Object.keys(spec.body).filter((f) => typeof spec.body![f] === 'string')) {
        for (const odd of ODD_TEXTS) {
          const answer = await call(method, pathOf(route, {}), { auth: spec.auth === 'none' ? undefined : spec.auth, json: { ...spec.body, [field]: odd, ...(field !== 'clientMessageId' && 'clientMessageId' in spec.body ? { clientMessageId: `odd-${randomBytes(4).toString('hex')}` } : {}) } });
          if (answer.status >= 500) throw new Error(`${key} with "${field}" = ${JSON.stringify(odd.slice(0, 40))}: ${answer.status} ${answer.text.slice(0, 200)}`);
          if (answer.status >= 400) expectClientError(answer, `${key} "${field}"`);
        }
      }
    }
    // The injection went in as text: the tables are there and whole.
    const conversation = (await service.store.findConversation('webchat', chat.sessionId))!;
    const texts = (await service.store.transcript(conversation.id)).map((e) => e.text);
    expect(texts).toContain("'; DROP TABLE tickets; --");
    expect(texts).toContain('<script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(texts).toContain('laporgnp.exe'); // the direction override is gone
    expect((await service.store.listTickets({})).length).toBeGreaterThan(0);
    expect((service.store as SqliteStore).integrityCheck()).toBe('ok');
    expect((await call('GET', '/readyz')).status).toBe(200);
  });
});

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
