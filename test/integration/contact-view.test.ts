/**
 * The console's contact view over HTTP on the real officer module and the embedded store: one
 * person who wrote on WhatsApp and on the web chat (where they gave the same number in another
 * form), their tickets in three agencies, and someone else. Scope per role, masking, the full view
 * and its audit, 404 alike for unknown and out-of-scope, paging.
 */
import type { AgencyId, Channel, OfficerRole } from '../../src/domain/ids';
import type { Conversation, Ticket } from '../../src/store/port';
import { type Harness, MINUTE, startHarness } from '../unit/officers/harness';

let h: Harness;
const tokens: Record<string, string> = {};
let wa: Conversation;
let web: Conversation;
let other: Conversation;
let t1: Ticket;
let t2: Ticket;
let t3: Ticket;
let tOther: Ticket;

const WA_ID = '6281234567890@c.us';
const NIP = '199001012015031001';

async function person(channel: Channel, threadId: string, over: Partial<Conversation>): Promise<Conversation> {
  const accepted = await h.store.acceptInbound({ channel, threadId, senderId: threadId, senderName: 'Budi Santoso', externalId: `m-${threadId}`, text: 'halo', at: h.clock.t });
  await h.store.appendEntries(accepted.conversation.id, [], [accepted.entry.id]);
  const c = accepted.conversation;
  return (await h.store.saveConversation({ ...c, ...over, identity: { ...c.identity, ...(over.identity ?? {}) }, processedSeq: accepted.entry.seq }, c.version))!;
}

async function ticketOf(c: Conversation, agency: AgencyId, reporter: Partial<Ticket['reporter']>, summary = 'SIMPEG tidak bisa dibuka'): Promise<Ticket> {
  h.clock.t += MINUTE;
  const t = await h.ticket({ conversationId: c.id, agency, category: 'keluhan' });
  return h.store.updateTicket(t.number, (x) => ({ ...x, summary, reporter: { conversationId: c.id, channel: c.channel, senderId: c.identity.senderId, name: 'Budi Santoso', ...reporter } }));
}

const view = (who: string, channel: string, senderId: string, query = '') => h.call('GET', `/api/v1/contacts/${channel}/${encodeURIComponent(senderId)}${query}`, tokens[who]);
const ids = (body: Record<string, unknown>, list: 'conversations' | 'tickets') =>
  (body[list] as { id?: string; number?: string }[]).map((x) => x.id ?? x.number).sort();

beforeAll(async () => {
  h = await startHarness();
  const actors: Record<string, [OfficerRole, AgencyId]> = {
    KL: ['koordinator-layanan', 'diskominfo'],
    KP: ['koordinator-pemulihan', 'diskominfo'],
    PT_D: ['pengelola-teknis', 'diskominfo'],
    PL_B: ['pengelola-layanan', 'bkpsdm'],
    PY_B: ['penyedia-layanan', 'bkpsdm'],
    PL_X: ['pengelola-layanan', 'bapenda'],
    PL_K: ['pengelola-layanan', 'dinkes'],
  };
  for (const [name, [role, agency]] of Object.entries(actors)) tokens[name] = (await h.addOfficer(role, agency)).token;

  wa = await person('whatsapp', WA_ID, { agency: 'bkpsdm', service: 'kepegawaian', owner: 'bot', identity: { senderId: WA_ID, contact: '081234567890' } });
  h.clock.t += MINUTE;
  web = await person('webchat', 'sesi-budi-1', { agency: 'bapenda', service: null, owner: 'closed', identity: { senderId: 'sesi-budi-1', contact: '+6281234567890' } });
  other = await person('webchat', 'sesi-orang-lain', { agency: 'bkpsdm', owner: 'bot', identity: { senderId: 'sesi-orang-lain', contact: 'siti@contoh.id' } });

  t1 = await ticketOf(wa, 'bkpsdm', { contact: '+6281234567890', nip: NIP }, 'Absensi tidak tercatat, NIK saya 3209123456780001');
  t2 = await ticketOf(wa, 'bapenda', { contact: '081234567890' });
  // Reported from the web chat with the same number in another form: found by the contact.
  t3 = await ticketOf(web, 'diskominfo', { contact: '6281234567890' });
  tOther = await ticketOf(other, 'bkpsdm', { contact: 'siti@contoh.id' });
  // The chats' linked tickets decide scope like the conversation list does.
  wa = (await h.store.saveConversation({ ...wa, ticketNumber: t1.number }, wa.version))!;
  web = (await h.store.saveConversation({ ...web, ticketNumber: t3.number }, web.version))!;
});

afterAll(async () => {
  await h.close();
});

describe('GET /api/v1/contacts/:channel/:senderId', () => {
  it('gives a koordinator every chat and ticket of the person, by sender and by the contact they gave, newest first', async () => {
    const r = await view('KL', 'whatsapp', WA_ID);
    expect(r.status).toBe(200);
    expect((r.body.conversations as { id: string }[]).map((c) => c.id)).toEqual([web.id, wa.id]);
    expect((r.body.tickets as { number: string }[]).map((t) => t.number)).toEqual([t3.number, t2.number, t1.number]);
    expect(r.body.tickets).toEqual(expect.not.arrayContaining([expect.objectContaining({ number: tOther.number })]));
    expect(r.body.conversations).toEqual([
      expect.objectContaining({ id: web.id, channel: 'webchat', state: 'closed', agency: 'bapenda', ticket: t3.number, via: 'kontak' }),
      expect.objectContaining({ id: wa.id, channel: 'whatsapp', state: 'bot', agency: 'bkpsdm', service: 'kepegawaian', ticket: t1.number, via: 'akun' }),
    ]);
    expect(r.body.tickets).toEqual([
      expect.objectContaining({ number: t3.number, agency: 'diskominfo', channel: 'webchat', via: 'kontak', statusLabel: expect.any(String), categoryLabel: expect.any(String) }),
      expect.objectContaining({ number: t2.number, agency: 'bapenda', via: 'akun' }),
      expect.objectContaining({ number: t1.number, agency: 'bkpsdm', via: 'akun' }),
    ]);
    expect(r.body).toMatchObject({ conversationsTotal: 2, ticketsTotal: 3, more: false });
    // The same person opened from the web chat finds the same records.
    const fromWeb = await view('KL', 'webchat', 'sesi-budi-1');
    expect(ids(fromWeb.body, 'conversations')).toEqual(ids(r.body, 'conversations'));
    expect(ids(fromWeb.body, 'tickets')).toEqual(ids(r.body, 'tickets'));
  });

  it('masks phone, e-mail, NIP and the WhatsApp number, and masks numbers in ticket summaries', async () => {
    const r = await view('KL', 'whatsapp', WA_ID);
    expect(r.body.person).toEqual({ channel: 'whatsapp', senderId: '0812*****890', name: 'Budi Santoso', contact: '0812*****890', nip: '1990************01', full: false });
    const text = JSON.stringify(r.body);
    for (const secret of ['81234567890', NIP, '3209123456780001']) expect(text).not.toContain(secret);
    expect((r.body.tickets as { number: string; summary: string }[]).find((t) => t.number === t1.number)!.summary).toBe('Absensi tidak tercatat, NIK saya [NIK]');
    const siti = await view('KL', 'webchat', 'sesi-orang-lain');
    expect((siti.body.person as { contact: string }).contact).toBe('si***@contoh.id');
  });

  it('shows the full contact on request, and audits that viewing (a masked view is not audited)', async () => {
    const before = await h.store.listAudit({ action: 'contact.view' });
    const masked = await view('PL_B', 'whatsapp', WA_ID);
    expect(masked.status).toBe(200);
    expect(await h.store.listAudit({ action: 'contact.view' })).toHaveLength(before.length);
    const full = await view('PL_B', 'whatsapp', WA_ID, '?full=1');
    expect(full.status).toBe(200);
    expect(full.body.person).toEqual({ channel: 'whatsapp', senderId: WA_ID, name: 'Budi Santoso', contact: '081234567890', nip: NIP, full: true });
    const events = await h.store.listAudit({ action: 'contact.view' });
    expect(events).toHaveLength(before.length + 1);
    expect(events[0]).toMatchObject({ action: 'contact.view', target: `conversation:${wa.id}`, details: { channel: 'whatsapp' } });
  });

  it('limits chats and tickets to the officer scope', async () => {
    // BKPSDM: its own chat and ticket; not the web chat (Bapenda, linked to a Diskominfo ticket).
    const b = await view('PL_B', 'whatsapp', WA_ID);
    expect(ids(b.body, 'conversations')).toEqual([wa.id]);
    expect(ids(b.body, 'tickets')).toEqual([t1.number]);
    // Bapenda: the web chat (its agency) and the ticket reassigned to it.
    const x = await view('PL_X', 'whatsapp', WA_ID);
    expect(ids(x.body, 'conversations')).toEqual([web.id]);
    expect(ids(x.body, 'tickets')).toEqual([t2.number]);
    // A Diskominfo worker: the web chat through its linked Diskominfo ticket, and that ticket.
    const d = await view('PT_D', 'webchat', 'sesi-budi-1');
    expect(ids(d.body, 'conversations')).toEqual([web.id]);
    expect(ids(d.body, 'tickets')).toEqual([t3.number]);
    // Who they are comes only from what the officer may read: the NIP is on a BKPSDM ticket.
    expect((d.body.person as { nip: string | null }).nip).toBeNull();
    expect((b.body.person as { nip: string | null }).nip).toBe('1990************01');
    // The koordinator-pemulihan reads everything too.
    expect(ids((await view('KP', 'whatsapp', WA_ID)).body, 'tickets')).toHaveLength(3);
  });

  it('answers an out-of-scope person exactly like an unknown one (404), and refuses the penyedia-layanan', async () => {
    const outOfScope = await view('PL_K', 'whatsapp', WA_ID);
    const unknown = await view('PL_K', 'whatsapp', '6289999999999@c.us');
    const unknownKl = await view('KL', 'telegram', '123456789');
    expect(outOfScope.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unknownKl.status).toBe(404);
    expect(outOfScope.body).toEqual(unknown.body);
    expect(unknownKl.body).toEqual(unknown.body);
    expect(JSON.stringify(outOfScope.body)).not.toContain('Budi');
    // Full view requested out of scope: still 404, and nothing audited.
    const before = (await h.store.listAudit({ action: 'contact.view' })).length;
    expect((await view('PL_K', 'whatsapp', WA_ID, '?full=1')).status).toBe(404);
    expect(await h.store.listAudit({ action: 'contact.view' })).toHaveLength(before);
    const py = await view('PY_B', 'whatsapp', WA_ID);
    expect(py.status).toBe(403);
    expect(JSON.stringify(py.body)).not.toContain('Budi');
    // A malformed channel or id is an unknown person too.
    expect((await view('KL', 'faks', WA_ID)).body).toEqual(unknown.body);
    expect((await view('KL', 'whatsapp', 'a b/c')).status).toBe(404);
  });

  it('pages both lists with limit and offset', async () => {
    const p1 = await view('KL', 'whatsapp', WA_ID, '?limit=1');
    expect(p1.status).toBe(200);
    expect((p1.body.conversations as { id: string }[]).map((c) => c.id)).toEqual([web.id]);
    expect((p1.body.tickets as { number: string }[]).map((t) => t.number)).toEqual([t3.number]);
    expect(p1.body).toMatchObject({ limit: 1, offset: 0, more: true, conversationsTotal: 2, ticketsTotal: 3 });
    const p3 = await view('KL', 'whatsapp', WA_ID, '?limit=1&offset=2');
    expect(p3.body.conversations).toEqual([]);
    expect((p3.body.tickets as { number: string }[]).map((t) => t.number)).toEqual([t1.number]);
    expect(p3.body.more).toBe(false);
    expect((await view('KL', 'whatsapp', WA_ID, '?limit=0')).status).toBe(400);
    expect((await view('KL', 'whatsapp', WA_ID, '?limit=51')).status).toBe(400);
    expect((await view('KL', 'whatsapp', WA_ID, '?full=ya')).status).toBe(400);
    expect((await view('KL', 'whatsapp', WA_ID, '?cari=budi')).status).toBe(400);
  });

  it('needs a log-in', async () => {
    expect((await h.call('GET', `/api/v1/contacts/whatsapp/${encodeURIComponent(WA_ID)}`, null)).status).toBe(401);
  });
});
