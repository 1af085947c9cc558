/**
 * Bad input on every officer endpoint: a clear 4xx with an Indonesian message, and nothing changed
 * in the store (conversation, transcript, ticket, canned responses, registration codes).
 */
import { type Harness, startHarness } from './harness';

let h: Harness;
let token: string;
let convId: string;
let ticketNumber: string;

beforeAll(async () => {
  h = await startHarness();
  token = (await h.addOfficer('koordinator-layanan', 'diskominfo')).token;
  const c = await h.conversation();
  convId = c.id;
  const r = await h.call('POST', `/api/v1/conversations/${convId}/takeover`, token);
  expect(r.status).toBe(200);
  ticketNumber = (await h.ticket({ conversationId: convId })).number;
  await h.call('PUT', '/api/v1/canned-responses/salam', token, { agency: 'bkpsdm', title: 'Salam', text: 'Halo' });
});
afterAll(async () => {
  await h.close();
});

async function snapshot() {
  return JSON.stringify({
    conversation: await h.store.getConversation(convId),
    transcript: await h.store.transcript(convId),
    ticket: await h.store.getTicket(ticketNumber),
    tickets: (await h.store.listTickets({})).length,
    canned: await h.store.listDocs('canned-responses'),
    codes: await h.store.listDocs('telegram-registration-codes'),
  });
}

const op = { $ne: null };
type Row = [string, string, () => string, unknown, number];
const rows: Row[] = [
  ['messages: empty object', 'POST', () => `/api/v1/conversations/${convId}/messages`, {}, 400],
  ['messages: empty text', 'POST', () => `/api/v1/conversations/${convId}/messages`, { text: '  \u0007 ' }, 400],
  ['messages: operator', 'POST', () => `/api/v1/conversations/${convId}/messages`, { text: op }, 400],
  ['messages: number', 'POST', () => `/api/v1/conversations/${convId}/messages`, { text: 12 }, 400],
  ['messages: too long', 'POST', () => `/api/v1/conversations/${convId}/messages`, { text: 'a'.repeat(4001) }, 400],
  ['messages: unknown field', 'POST', () => `/api/v1/conversations/${convId}/messages`, { text: 'ok', $where: '1' }, 400],
  ['messages: array body', 'POST', () => `/api/v1/conversations/${convId}/messages`, ['halo'], 400],
  ['messages: malformed JSON', 'POST', () => `/api/v1/conversations/${convId}/messages`, '{"text": ', 400],
  ['messages: huge body', 'POST', () => `/api/v1/conversations/${convId}/messages`, { text: 'a'.repeat(200_000) }, 413],
  ['messages: unknown conversation', 'POST', () => '/api/v1/conversations/tidak-ada/messages', { text: 'halo' }, 404],
  ['messages: bad id', 'POST', () => '/api/v1/conversations/%24ne/messages', { text: 'halo' }, 404],
  ['takeover: operator body', 'POST', () => `/api/v1/conversations/${convId}/takeover`, { $where: 'sleep(1)' }, 400],
  ['release: operator body', 'POST', () => `/api/v1/conversations/${convId}/release`, { officerId: op }, 400],
  ['close: operator body', 'POST', () => `/api/v1/conversations/${convId}/close`, { state: op }, 400],
  ['attach: operator', 'POST', () => `/api/v1/conversations/${convId}/attach`, { ticket: op }, 400],
  ['attach: bad number', 'POST', () => `/api/v1/conversations/${convId}/attach`, { ticket: 'HD-1' }, 400],
  ['attach: missing', 'POST', () => `/api/v1/conversations/${convId}/attach`, {}, 400],
  ['attach: unknown ticket', 'POST', () => `/api/v1/conversations/${convId}/attach`, { ticket: 'HD-991231-9999' }, 404],
  ['conversations: unknown state', 'GET', () => '/api/v1/conversations?state=semua', undefined, 400],
  ['conversations: operator in query', 'GET', () => '/api/v1/conversations?state[$ne]=x', undefined, 400],
  ['conversations: repeated param', 'GET', () => '/api/v1/conversations?state=waiting&state=bot', undefined, 400],
  ['conversations: bad mine', 'GET', () => '/api/v1/conversations?mine=ya', undefined, 400],
  ['conversation: unknown', 'GET', () => '/api/v1/conversations/tidak-ada', undefined, 404],
  ['tickets: unknown status', 'GET', () => '/api/v1/tickets?status=dibuang', undefined, 400],
  ['tickets: operator in query', 'GET', () => '/api/v1/tickets?status[$ne]=baru', undefined, 400],
  ['tickets: unknown category', 'GET', () => '/api/v1/tickets?category=lainnya', undefined, 400],
  ['tickets: unknown agency', 'GET', () => '/api/v1/tickets?agency=atlantis', undefined, 400],
  ['tickets: unknown service', 'GET', () => '/api/v1/tickets?service=atlantis', undefined, 400],
  ['tickets: bad overdue', 'GET', () => '/api/v1/tickets?overdue=mungkin', undefined, 400],
  ['ticket: unknown', 'GET', () => '/api/v1/tickets/HD-991231-9999', undefined, 404],
  ['ticket: malformed number', 'GET', () => '/api/v1/tickets/abc', undefined, 404],
  ['patch: operator status', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, { status: op }, 400],
  ['patch: unknown status', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, { status: 'dibuang' }, 400],
  ['patch: empty body', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, {}, 400],
  ['patch: operator note', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, { status: 'ditugaskan', note: { $gt: '' } }, 400],
  ['patch: note required', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, { status: 'ditolak' }, 400],
  ['patch: unknown field', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, { status: 'ditugaskan', agency: 'bapenda' }, 400],
  ['patch: transition not allowed', 'PATCH', () => `/api/v1/tickets/${ticketNumber}`, { status: 'selesai' }, 409],
  ['patch: unknown ticket', 'PATCH', () => '/api/v1/tickets/HD-991231-9999', { status: 'ditugaskan' }, 404],
  ['reassign: operator agency', 'POST', () => `/api/v1/tickets/${ticketNumber}/reassign`, { agency: op, reason: 'x' }, 400],
  ['reassign: unknown agency', 'POST', () => `/api/v1/tickets/${ticketNumber}/reassign`, { agency: 'atlantis', reason: 'x' }, 400],
  ['reassign: no reason', 'POST', () => `/api/v1/tickets/${ticketNumber}/reassign`, { agency: 'bapenda' }, 400],
  ['reassign: blank reason', 'POST', () => `/api/v1/tickets/${ticketNumber}/reassign`, { agency: 'bapenda', reason: '   ' }, 400],
  ['reassign: same agency', 'POST', () => `/api/v1/tickets/${ticketNumber}/reassign`, { agency: 'bkpsdm', reason: 'x' }, 409],
  ['canned: operator title', 'PUT', () => '/api/v1/canned-responses/salam', { agency: 'bkpsdm', title: op, text: 'x' }, 400],
  ['canned: missing text', 'PUT', () => '/api/v1/canned-responses/salam', { agency: 'bkpsdm', title: 'x' }, 400],
  ['canned: bad id', 'PUT', () => '/api/v1/canned-responses/Bad_ID', { agency: 'bkpsdm', title: 'x', text: 'y' }, 400],
  ['canned: unknown agency', 'PUT', () => '/api/v1/canned-responses/salam', { agency: 'atlantis', title: 'x', text: 'y' }, 400],
  ['canned: list unknown agency', 'GET', () => '/api/v1/canned-responses?agency=atlantis', undefined, 400],
  ['canned: delete unknown', 'DELETE', () => '/api/v1/canned-responses/tidak-ada?agency=bkpsdm', undefined, 404],
  ['codes: operator agency', 'POST', () => '/api/v1/telegram/registration-codes', { agency: op }, 400],
  ['codes: unknown agency', 'POST', () => '/api/v1/telegram/registration-codes', { agency: 'atlantis' }, 400],
  ['codes: missing agency', 'POST', () => '/api/v1/telegram/registration-codes', {}, 400],
  ['login: operator email', 'POST', () => '/api/v1/auth/login', { email: op, password: 'rahasia-panjang-1' }, 400],
  ['login: operator password', 'POST', () => '/api/v1/auth/login', { email: 'a@cirebonkab.go.id', password: op }, 400],
];

it.each(rows)('%s -> %s %#', async (_name, method, path, body, expected) => {
  const before = await snapshot();
  const res = await h.call(method, path(), token, body);
  expect(res.status).toBe(expected);
  expect(typeof res.body.error).toBe('string');
  expect(String(res.body.error)).toMatch(/tidak|wajib|harus|terlalu|tiket|kolom|parameter|perangkat|status|isi|id/i);
  expect(await snapshot()).toBe(before);
});
