/**
 * The role/agency matrix over every officer endpoint: for each BAB IV role in Diskominfo, BKPSDM
 * (the owning agency) and Bapenda (another agency), allowed vs 403; and 401 without a token, with
 * a bad token and with an expired one.
 */
import type { AgencyId, OfficerRole } from '../../../src/domain/ids';
import type { Officer } from '../../../src/store/port';
import { type Harness, startHarness } from './harness';

type Actor = 'KL' | 'KP' | 'PT_D' | 'PL_B' | 'PT_B' | 'PY_B' | 'PL_X' | 'PT_X' | 'PY_X';
const ACTORS: Record<Actor, [OfficerRole, AgencyId]> = {
  KL: ['koordinator-layanan', 'diskominfo'],
  KP: ['koordinator-pemulihan', 'diskominfo'],
  PT_D: ['pengelola-teknis', 'diskominfo'],
  PL_B: ['pengelola-layanan', 'bkpsdm'],
  PT_B: ['pengelola-teknis', 'bkpsdm'],
  PY_B: ['penyedia-layanan', 'bkpsdm'],
  PL_X: ['pengelola-layanan', 'bapenda'],
  PT_X: ['pengelola-teknis', 'bapenda'],
  PY_X: ['penyedia-layanan', 'bapenda'],
};
const ALL = Object.keys(ACTORS) as Actor[];
/** Who reads a BKPSDM ticket (the others get 404 for it). */
const BKPSDM_READERS: Actor[] = ['KL', 'KP', 'PL_B', 'PT_B', 'PY_B'];

interface Call {
  method: string;
  path: string;
  body?: unknown;
}
interface Case {
  name: string;
  allowed: Actor[];
  okStatus: number;
  /** The answer to an actor not allowed (default 403; 404 where a ticket out of scope answers like a missing one). */
  deniedStatus?: (actor: Actor) => number;
  /** Builds the request for this actor (may prepare state, e.g. take the chat over first when allowed). */
  prepare(h: Harness, actor: Actor, allowed: boolean): Promise<Call>;
}

let h: Harness;
const who: Record<string, { officer: Officer; token: string }> = {};

beforeAll(async () => {
  h = await startHarness();
  for (const a of ALL) who[a] = await h.addOfficer(...ACTORS[a]);
});
afterAll(async () => {
  await h.close();
});

const takeoverAs = async (actor: Actor, id: string) => {
  const r = await h.call('POST', `/api/v1/conversations/${id}/takeover`, who[actor]!.token);
  if (r.status !== 200) throw new Error(`takeover as ${actor}: ${r.status} ${JSON.stringify(r.body)}`);
};

const CASES: Case[] = [
  {
    name: 'GET /api/v1/conversations?state=waiting',
    allowed: ['KL', 'KP', 'PT_D', 'PL_B', 'PT_B', 'PL_X', 'PT_X'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/conversations?state=waiting' }),
  },
  {
    name: 'GET /api/v1/conversations/:id',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: `/api/v1/conversations/${(await h.conversation()).id}` }),
  },
  {
    name: 'POST /api/v1/conversations/:id/takeover',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async () => ({ method: 'POST', path: `/api/v1/conversations/${(await h.conversation()).id}/takeover` }),
  },
  {
    name: 'POST /api/v1/conversations/:id/messages',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 202,
    prepare: async (_h, actor, allowed) => {
      const c = await h.conversation();
      await takeoverAs(allowed ? actor : 'KL', c.id);
      return { method: 'POST', path: `/api/v1/conversations/${c.id}/messages`, body: { text: 'Selamat pagi, saya bantu.' } };
    },
  },
  {
    name: 'POST /api/v1/conversations/:id/release',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async (_h, actor, allowed) => {
      const c = await h.conversation();
      await takeoverAs(allowed ? actor : 'PL_B', c.id);
      return { method: 'POST', path: `/api/v1/conversations/${c.id}/release` };
    },
  },
  {
    name: 'POST /api/v1/conversations/:id/close',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async (_h, actor, allowed) => {
      const c = await h.conversation();
      if (allowed) await takeoverAs(actor, c.id);
      return { method: 'POST', path: `/api/v1/conversations/${c.id}/close` };
    },
  },
  {
    name: 'POST /api/v1/conversations/:id/attach',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => {
      const c = await h.conversation();
      const t = await h.ticket({ category: 'keluhan' });
      return { method: 'POST', path: `/api/v1/conversations/${c.id}/attach`, body: { ticket: t.number } };
    },
  },
  {
    name: 'POST takeover of a chat linked to an incident (koordinator-pemulihan acts on incidents)',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async () => {
      const t = await h.ticket({ category: 'gangguan' });
      const c = await h.conversation({ ticketNumber: t.number });
      return { method: 'POST', path: `/api/v1/conversations/${c.id}/takeover` };
    },
  },
  {
    name: 'POST takeover of a general-queue chat (no agency: Diskominfo)',
    allowed: ['KL', 'KP', 'PT_D'],
    okStatus: 200,
    prepare: async () => ({ method: 'POST', path: `/api/v1/conversations/${(await h.conversation({ agency: null, service: null })).id}/takeover` }),
  },
  {
    name: 'GET /api/v1/tickets',
    allowed: ALL,
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/tickets' }),
  },
  {
    name: 'GET /api/v1/tickets?agency=bkpsdm',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B', 'PY_B'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/tickets?agency=bkpsdm' }),
  },
  {
    name: 'GET /api/v1/tickets/:number',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B', 'PY_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'GET', path: `/api/v1/tickets/${(await h.ticket()).number}` }),
  },
  {
    name: 'GET /api/v1/tickets/:number of a co-owned ticket (Bapenda co-owner)',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B', 'PY_B', 'PL_X', 'PT_X', 'PY_X'],
    okStatus: 200,
    deniedStatus: () => 404, // out of scope answers like a missing ticket
    prepare: async () => ({ method: 'GET', path: `/api/v1/tickets/${(await h.ticket({ coAgencies: ['bapenda'] })).number}` }),
  },
  {
    name: 'PATCH /api/v1/tickets/:number (incident)',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'PATCH', path: `/api/v1/tickets/${(await h.ticket({ category: 'gangguan' })).number}`, body: { status: 'ditugaskan', note: 'Diteruskan ke tim teknis.' } }),
  },
  {
    name: 'PATCH /api/v1/tickets/:number (complaint)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'PATCH', path: `/api/v1/tickets/${(await h.ticket({ category: 'keluhan' })).number}`, body: { status: 'ditugaskan' } }),
  },
  {
    name: 'POST /api/v1/tickets/:number/reassign (incident)',
    allowed: ['KL', 'KP', 'PL_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'POST', path: `/api/v1/tickets/${(await h.ticket({ category: 'gangguan' })).number}/reassign`, body: { agency: 'diskominfo', reason: 'Gangguan jaringan pusat data.' } }),
  },
  {
    name: 'POST /api/v1/tickets/:number/reassign (complaint)',
    allowed: ['KL', 'PL_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'POST', path: `/api/v1/tickets/${(await h.ticket({ category: 'keluhan' })).number}/reassign`, body: { agency: 'bapenda', reason: 'Salah instansi.' } }),
  },
  {
    name: 'GET /api/v1/canned-responses?agency=bkpsdm',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B', 'PY_B'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/canned-responses?agency=bkpsdm' }),
  },
  {
    name: 'PUT /api/v1/canned-responses/:id (BKPSDM)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async () => ({ method: 'PUT', path: '/api/v1/canned-responses/salam-pembuka', body: { agency: 'bkpsdm', title: 'Salam', text: 'Selamat pagi, ada yang bisa kami bantu?' } }),
  },
  {
    name: 'DELETE /api/v1/canned-responses/:id (BKPSDM)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    prepare: async () => {
      const r = await h.call('PUT', '/api/v1/canned-responses/hapus-saya', who.KL!.token, { agency: 'bkpsdm', title: 'Sementara', text: 'Teks' });
      if (r.status !== 200) throw new Error('canned setup failed');
      return { method: 'DELETE', path: '/api/v1/canned-responses/hapus-saya?agency=bkpsdm' };
    },
  },
  {
    name: 'POST /api/v1/telegram/registration-codes',
    allowed: ['KL', 'KP'],
    okStatus: 201,
    prepare: async () => ({ method: 'POST', path: '/api/v1/telegram/registration-codes', body: { agency: 'bkpsdm' } }),
  },
  {
    name: 'GET /api/v1/deliveries?status=failed',
    allowed: ['KL', 'KP'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/deliveries?status=failed' }),
  },
  // Ticket work (src/console/ticket-work-routes.ts): out of scope answers 404, in scope but read-only 403.
  {
    name: 'GET /api/v1/search?q=...',
    allowed: ALL,
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/search?q=simpeg' }),
  },
  {
    name: 'POST /api/v1/tickets/:number/notes (complaint)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 201,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'POST', path: `/api/v1/tickets/${(await h.ticket({ category: 'keluhan' })).number}/notes`, body: { text: 'Catatan internal.' } }),
  },
  {
    name: 'POST /api/v1/tickets/:number/notes (incident)',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B'],
    okStatus: 201,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'POST', path: `/api/v1/tickets/${(await h.ticket({ category: 'gangguan' })).number}/notes`, body: { text: 'Catatan internal.' } }),
  },
  {
    name: 'GET /api/v1/tickets/:number/assignees',
    allowed: BKPSDM_READERS,
    okStatus: 200,
    deniedStatus: () => 404,
    prepare: async () => ({ method: 'GET', path: `/api/v1/tickets/${(await h.ticket({ category: 'keluhan' })).number}/assignees` }),
  },
  {
    name: 'POST /api/v1/tickets/:number/assign (complaint)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'POST', path: `/api/v1/tickets/${(await h.ticket({ category: 'keluhan' })).number}/assign`, body: { officerId: who.PT_B!.officer.id } }),
  },
  {
    name: 'PATCH /api/v1/tickets/:number/priority (complaint)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 200,
    deniedStatus: (a) => (BKPSDM_READERS.includes(a) ? 403 : 404),
    prepare: async () => ({ method: 'PATCH', path: `/api/v1/tickets/${(await h.ticket({ category: 'keluhan' })).number}/priority`, body: { priority: 'kritis' } }),
  },
  {
    name: 'POST /api/v1/conversations/:id/tickets (BKPSDM chat)',
    allowed: ['KL', 'PL_B', 'PT_B'],
    okStatus: 201,
    deniedStatus: (a) => (a === 'KP' || a.startsWith('PY') ? 403 : 404),
    prepare: async () => ({ method: 'POST', path: `/api/v1/conversations/${(await h.conversation()).id}/tickets`, body: { category: 'permintaan', summary: 'Dibuat dari percakapan.' } }),
  },
  {
    // The person behind a BKPSDM chat and its ticket: chats need a chat role, the reporter's
    // details a role that sees them (not the penyedia-layanan); nothing in scope answers 404.
    name: 'GET /api/v1/contacts/:channel/:senderId',
    allowed: ['KL', 'KP', 'PL_B', 'PT_B'],
    okStatus: 200,
    deniedStatus: (a) => (a.startsWith('PY') ? 403 : 404),
    prepare: async () => {
      const id = `kontak-${Math.random().toString(36).slice(2)}`;
      const accepted = await h.store.acceptInbound({ channel: 'telegram', threadId: id, senderId: id, senderName: 'Warga', externalId: `m-${id}`, text: 'halo', at: h.clock.t });
      const c = accepted.conversation;
      await h.store.saveConversation({ ...c, agency: 'bkpsdm', service: 'kepegawaian' }, c.version);
      const t = await h.ticket({ category: 'keluhan', conversationId: c.id });
      // Its own contact: the harness gives every ticket the same one, which would link them all.
      await h.store.updateTicket(t.number, (x) => ({ ...x, reporter: { ...x.reporter, contact: `${id}@contoh.id` } }));
      return { method: 'GET', path: `/api/v1/contacts/telegram/${id}` };
    },
  },
  {
    name: 'GET /api/v1/officers',
    allowed: ['KL'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/officers?limit=10' }),
  },
  {
    name: 'POST /api/v1/officers',
    allowed: ['KL'],
    okStatus: 201,
    prepare: async (_h, actor) => ({
      method: 'POST',
      path: '/api/v1/officers',
      body: { email: `matriks.${actor.toLowerCase()}@cirebonkab.go.id`, name: 'Petugas Matriks', role: 'pengelola-layanan', agency: 'bkpsdm', password: 'rahasia-panjang-1' },
    }),
  },
  {
    name: 'PATCH /api/v1/officers/:id (deactivate)',
    allowed: ['KL'],
    okStatus: 200,
    prepare: async () => ({ method: 'PATCH', path: `/api/v1/officers/${(await h.addOfficer('pengelola-teknis', 'bkpsdm')).officer.id}`, body: { active: false } }),
  },
  {
    name: 'PATCH /api/v1/officers/:id (role, agency, password)',
    allowed: ['KL'],
    okStatus: 200,
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/v1/officers/${(await h.addOfficer('pengelola-teknis', 'bkpsdm')).officer.id}`,
      body: { role: 'pengelola-layanan', agency: 'bapenda', password: 'kata-sandi-baru-99' },
    }),
  },
  {
    name: 'GET /api/v1/audit',
    allowed: ['KL', 'KP'],
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/audit?action=auth.login&limit=5' }),
  },
  {
    name: 'GET /api/v1/auth/me',
    allowed: ALL,
    okStatus: 200,
    prepare: async () => ({ method: 'GET', path: '/api/v1/auth/me' }),
  },
];

const ROWS = CASES.flatMap((c) => ALL.map((a) => [c.name, a, c.allowed.includes(a)] as const));

describe('role and agency matrix', () => {
  it.each(ROWS)('%s as %s (allowed: %s)', async (name, actor, allowed) => {
    const c = CASES.find((x) => x.name === name)!;
    const call = await c.prepare(h, actor, allowed);
    const res = await h.call(call.method, call.path, who[actor]!.token, call.body);
    expect({ status: res.status, body: res.body }).toEqual(expect.objectContaining({ status: allowed ? c.okStatus : (c.deniedStatus?.(actor) ?? 403) }));
    if (!allowed) expect(typeof res.body.error).toBe('string');
  });

  it('lists only conversations and tickets in scope', async () => {
    const conv = await h.conversation({ agency: 'bkpsdm' });
    const t = await h.ticket({ agency: 'bkpsdm' });
    const seesConv = async (a: Actor) =>
      ((await h.call('GET', '/api/v1/conversations?state=waiting', who[a]!.token)).body.conversations as { id: string }[]).some((x) => x.id === conv.id);
    const seesTicket = async (a: Actor) => ((await h.call('GET', '/api/v1/tickets', who[a]!.token)).body.tickets as { number: string }[]).some((x) => x.number === t.number);
    for (const a of ['KL', 'KP', 'PL_B', 'PT_B'] as Actor[]) expect(await seesConv(a)).toBe(true);
    for (const a of ['PT_D', 'PL_X', 'PT_X'] as Actor[]) expect(await seesConv(a)).toBe(false);
    for (const a of ['KL', 'KP', 'PL_B', 'PT_B', 'PY_B'] as Actor[]) expect(await seesTicket(a)).toBe(true);
    for (const a of ['PT_D', 'PL_X', 'PT_X', 'PY_X'] as Actor[]) expect(await seesTicket(a)).toBe(false);
  });

  it("withholds the reporter's contact details from penyedia-layanan", async () => {
    const t = await h.ticket();
    const res = await h.call('GET', `/api/v1/tickets/${t.number}`, who.PY_B!.token);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('081234567890');
    const officer = await h.call('GET', `/api/v1/tickets/${t.number}`, who.PL_B!.token);
    expect(JSON.stringify(officer.body)).toContain('0812*****890'); // masked until asked for
    const full = await h.call('GET', `/api/v1/tickets/${t.number}?full=1`, who.PL_B!.token);
    expect(JSON.stringify(full.body)).toContain('081234567890');
    expect((await h.call('GET', `/api/v1/tickets/${t.number}?full=1`, who.PY_B!.token)).status).toBe(403);
  });
});

describe('401 without a valid session', () => {
  const ENDPOINTS: Call[] = [
    { method: 'GET', path: '/api/v1/auth/me' },
    { method: 'POST', path: '/api/v1/auth/logout' },
    { method: 'GET', path: '/api/v1/console/meta' },
    { method: 'GET', path: '/api/v1/console/stream' },
    { method: 'GET', path: '/api/v1/conversations?state=waiting' },
    { method: 'GET', path: '/api/v1/conversations/abc' },
    { method: 'POST', path: '/api/v1/conversations/abc/takeover' },
    { method: 'POST', path: '/api/v1/conversations/abc/messages', body: { text: 'halo' } },
    { method: 'POST', path: '/api/v1/conversations/abc/release' },
    { method: 'POST', path: '/api/v1/conversations/abc/close' },
    { method: 'POST', path: '/api/v1/conversations/abc/attach', body: { ticket: 'HD-261123-0001' } },
    { method: 'GET', path: '/api/v1/tickets' },
    { method: 'GET', path: '/api/v1/tickets/HD-261123-0001' },
    { method: 'PATCH', path: '/api/v1/tickets/HD-261123-0001', body: { status: 'ditugaskan' } },
    { method: 'POST', path: '/api/v1/tickets/HD-261123-0001/reassign', body: { agency: 'bapenda', reason: 'x' } },
    { method: 'GET', path: '/api/v1/canned-responses' },
    { method: 'PUT', path: '/api/v1/canned-responses/x', body: { title: 'a', text: 'b' } },
    { method: 'DELETE', path: '/api/v1/canned-responses/x' },
    { method: 'POST', path: '/api/v1/telegram/registration-codes', body: { agency: 'bkpsdm' } },
    { method: 'GET', path: '/api/v1/deliveries' },
    { method: 'GET', path: '/api/v1/search?q=simpeg' },
    { method: 'POST', path: '/api/v1/tickets/HD-261123-0001/notes', body: { text: 'x' } },
    { method: 'GET', path: '/api/v1/tickets/HD-261123-0001/assignees' },
    { method: 'POST', path: '/api/v1/tickets/HD-261123-0001/assign', body: { officerId: 'ofc-x' } },
    { method: 'PATCH', path: '/api/v1/tickets/HD-261123-0001/priority', body: { priority: 'tinggi' } },
    { method: 'POST', path: '/api/v1/conversations/abc/tickets', body: { category: 'permintaan', summary: 'x' } },
    { method: 'GET', path: '/api/v1/officers' },
    { method: 'POST', path: '/api/v1/officers', body: { email: 'x@cirebonkab.go.id', name: 'X', role: 'pengelola-layanan', agency: 'bkpsdm', password: 'rahasia-panjang-1' } },
    { method: 'PATCH', path: '/api/v1/officers/ofc-x', body: { active: false } },
    { method: 'GET', path: '/api/v1/audit' },
  ];
  const rows = ENDPOINTS.flatMap((e) => (['none', 'bad', 'expired'] as const).map((kind) => [`${e.method} ${e.path}`, kind, e] as const));

  let expiredToken = '';
  beforeAll(async () => {
    const saved = h.clock.t;
    h.clock.t -= 9 * 60 * 60_000;
    expiredToken = (await h.addOfficer('koordinator-layanan', 'diskominfo')).token;
    h.clock.t = saved;
  });

  it.each(rows)('%s with %s token -> 401', async (_name, kind, e) => {
    const token = kind === 'none' ? null : kind === 'bad' ? 'x'.repeat(43) : expiredToken;
    const res = await h.call(e.method, e.path, token, e.body);
    expect(res.status).toBe(401);
    expect(typeof res.body.error).toBe('string');
  });

  it("a deactivated officer's token: 401 at once, on every endpoint", async () => {
    const { officer, token } = await h.addOfficer('pengelola-layanan', 'bkpsdm');
    const koordinator = await h.addOfficer('koordinator-layanan', 'diskominfo');
    expect((await h.call('GET', '/api/v1/tickets', token)).status).toBe(200);
    expect((await h.call('PATCH', `/api/v1/officers/${officer.id}`, koordinator.token, { active: false })).status).toBe(200);
    for (const e of ENDPOINTS) expect([`${e.method} ${e.path}`, (await h.call(e.method, e.path, token, e.body)).status]).toEqual([`${e.method} ${e.path}`, 401]);
  });

  it('a logged-out token no longer works', async () => {
    const { token } = await h.addOfficer('pengelola-layanan', 'bkpsdm');
    expect((await h.call('POST', '/api/v1/auth/logout', token)).status).toBe(200);
    expect((await h.call('GET', '/api/v1/auth/me', token)).status).toBe(401);
  });
});
