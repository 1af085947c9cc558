/**
 * Search, internal notes, assignment and priority over the officer API (src/officers/ticket-work.ts,
 * src/console/ticket-work-routes.ts) on the real embedded store: scope per role, 400s in
 * Indonesian, unknown and out-of-scope tickets 404, notes never reach the reporter, the assignee
 * is told nothing by the bot, every change audited.
 */
import type { Officer } from '../../../src/store/port';
import { type Harness, startHarness } from './harness';

let h: Harness;
let kl: { officer: Officer; token: string };
let plB: { officer: Officer; token: string };
let ptB: { officer: Officer; token: string };
let pyB: { officer: Officer; token: string };
let plX: { officer: Officer; token: string };

beforeAll(async () => {
  h = await startHarness();
  kl = await h.addOfficer('koordinator-layanan', 'diskominfo');
  plB = await h.addOfficer('pengelola-layanan', 'bkpsdm');
  ptB = await h.addOfficer('pengelola-teknis', 'bkpsdm');
  pyB = await h.addOfficer('penyedia-layanan', 'bkpsdm');
  plX = await h.addOfficer('pengelola-layanan', 'bapenda');
});
afterAll(async () => {
  await h.close();
});

const numbers = (body: Record<string, unknown>) => (body.tickets as { number: string }[]).map((t) => t.number);
const isIndonesianError = (body: Record<string, unknown>) => typeof body.error === 'string' && !/\b(the|must|is|not found)\b/i.test(body.error);

describe('GET /api/v1/search', () => {
  it('finds a ticket by a word of its text, of its reporter messages or by its number, within the scope', async () => {
    const word = `printer${Date.now().toString(36)}`;
    const conversation = await h.conversation({ text: `Tolong, ${word} di ruang arsip rusak` });
    const byMessage = await h.ticket({ conversationId: conversation.id, category: 'keluhan' });
    const other = await h.ticket({ agency: 'bapenda', category: 'keluhan' });
    await h.store.updateTicket(other.number, (t) => ({ ...t, summary: `Keluhan ${word} pajak` }));

    const mine = await h.call('GET', `/api/v1/search?q=${encodeURIComponent(word)}`, plB.token);
    expect(mine.status).toBe(200);
    expect(numbers(mine.body)).toEqual([byMessage.number]);
    expect(mine.body).toMatchObject({ more: false, offset: 0 });
    expect((mine.body.tickets as Record<string, unknown>[])[0]).toMatchObject({ statusLabel: 'Baru diterima', agencyName: expect.any(String) });

    const all = await h.call('GET', `/api/v1/search?q=${encodeURIComponent(word.toUpperCase())}`, kl.token);
    expect(numbers(all.body).sort()).toEqual([byMessage.number, other.number].sort());
    const bapenda = await h.call('GET', `/api/v1/search?q=${encodeURIComponent(word)}`, plX.token);
    expect(numbers(bapenda.body)).toEqual([other.number]);

    const byNumber = await h.call('GET', `/api/v1/search?q=${encodeURIComponent(byMessage.number.toLowerCase())}`, pyB.token);
    expect(numbers(byNumber.body)).toEqual([byMessage.number]);
    expect(numbers((await h.call('GET', `/api/v1/search?q=${encodeURIComponent(byMessage.number)}`, plX.token)).body)).toEqual([]);
  });

  it('pages with limit and offset', async () => {
    const word = `halaman${Date.now().toString(36)}`;
    const made = [];
    for (let i = 0; i < 3; i++) {
      h.clock.t += 1000;
      const t = await h.ticket({ category: 'keluhan' });
      await h.store.updateTicket(t.number, (c) => ({ ...c, summary: `${word} ${i}` }));
      made.push(t.number);
    }
    const first = await h.call('GET', `/api/v1/search?q=${word}&limit=2`, plB.token);
    expect(numbers(first.body)).toEqual([made[2], made[1]]);
    expect(first.body.more).toBe(true);
    const next = await h.call('GET', `/api/v1/search?q=${word}&limit=2&offset=2`, plB.token);
    expect(numbers(next.body)).toEqual([made[0]]);
    expect(next.body.more).toBe(false);
  });

  it.each([
    ['', 'q'],
    ['?q=', 'q'],
    ['?q=%20%20', 'q'],
    ['?q=***', 'huruf'],
    [`?q=${'a'.repeat(121)}`, 'panjang'],
    ['?q=x&limit=0', 'limit'],
    ['?q=x&limit=abc', 'limit'],
    ['?q=x&offset=-1', 'offset'],
    ['?q=x&sort=1', 'sort'],
    ['?q=a&q=b', 'q'],
  ])('answers 400 in Indonesian for %s', async (query, mentions) => {
    const res = await h.call('GET', `/api/v1/search${query}`, plB.token);
    expect(res.status).toBe(400);
    expect(isIndonesianError(res.body)).toBe(true);
    expect(String(res.body.error)).toContain(mentions);
  });
});

describe('POST /api/v1/tickets/:number/notes', () => {
  it('adds an internal note to the history, audited, and never tells the reporter', async () => {
    const t = await h.ticket({ category: 'keluhan' });
    const before = await h.store.transcript(t.reporter.conversationId);
    const saidBefore = h.said.length;
    const res = await h.call('POST', `/api/v1/tickets/${t.number}/notes`, ptB.token, { text: 'Sudah dicek ke server, menunggu vendor.' });
    expect(res.status).toBe(201);
    const history = res.body.history as { action: string; note?: string; by: string }[];
    expect(history[history.length - 1]).toMatchObject({ action: 'catatan', note: 'Sudah dicek ke server, menunggu vendor.', by: ptB.officer.id });
    // Nothing for the reporter: no transcript entry, no channel send.
    expect(h.said.length).toBe(saidBefore);
    expect(await h.store.transcript(t.reporter.conversationId)).toEqual(before);
    expect(await h.store.listDeliveries({})).toEqual([]);
    expect((await h.store.listAudit({ target: `ticket:${t.number}` })).map((a) => a.action)).toContain('ticket.note');
    // The detail shows it with the officer's name.
    const detail = await h.call('GET', `/api/v1/tickets/${t.number}`, plB.token);
    expect((detail.body.history as { action: string; byName: string }[]).find((x) => x.action === 'catatan')?.byName).toBe(ptB.officer.name);
  });

  it('refuses empty or foreign input (400), unknown and out-of-scope tickets (404), read-only roles (403)', async () => {
    const t = await h.ticket({ category: 'keluhan' });
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: { $ne: null } }, { text: 'x'.repeat(2001) }, { text: 'a', extra: 1 }]) {
      const res = await h.call('POST', `/api/v1/tickets/${t.number}/notes`, plB.token, body);
      expect(res.status).toBe(400);
      expect(isIndonesianError(res.body)).toBe(true);
    }
    expect((await h.call('POST', '/api/v1/tickets/HD-991231-9999/notes', plB.token, { text: 'a' })).status).toBe(404);
    expect((await h.call('POST', '/api/v1/tickets/bukan-tiket/notes', plB.token, { text: 'a' })).status).toBe(404);
    const foreign = await h.call('POST', `/api/v1/tickets/${t.number}/notes`, plX.token, { text: 'a' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toBe((await h.call('POST', '/api/v1/tickets/HD-991231-9999/notes', plX.token, { text: 'a' })).body.error?.toString().replace('HD-991231-9999', t.number));
    expect((await h.call('POST', `/api/v1/tickets/${t.number}/notes`, pyB.token, { text: 'a' })).status).toBe(403);
  });
});

describe('assignment', () => {
  it('lists the officers who can work the ticket and assigns one; "Tiket saya" lists it; the bot tells nobody', async () => {
    const t = await h.ticket({ category: 'keluhan' });
    const list = await h.call('GET', `/api/v1/tickets/${t.number}/assignees`, plB.token);
    expect(list.status).toBe(200);
    const ids = (list.body.officers as { id: string; name: string; roleLabel: string }[]).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([plB.officer.id, ptB.officer.id, kl.officer.id]));
    expect(ids).not.toContain(pyB.officer.id); // reads only
    expect(ids).not.toContain(plX.officer.id); // another agency

    const saidBefore = h.said.length;
    const res = await h.call('POST', `/api/v1/tickets/${t.number}/assign`, plB.token, { officerId: ptB.officer.id });
    expect(res.status).toBe(200);
    expect(res.body.assignee).toBe(ptB.officer.id);
    expect(res.body.assigneeName).toBe(ptB.officer.name);
    expect(h.said.length).toBe(saidBefore);
    expect((await h.store.listAudit({ target: `ticket:${t.number}` })).find((a) => a.action === 'ticket.assign')?.details).toEqual({ from: null, to: ptB.officer.id });

    const mine = await h.call('GET', '/api/v1/tickets?assignee=me', ptB.token);
    expect(numbers(mine.body)).toContain(t.number);
    expect(numbers((await h.call('GET', '/api/v1/tickets?assignee=me', plB.token)).body)).not.toContain(t.number);

    const cleared = await h.call('POST', `/api/v1/tickets/${t.number}/assign`, plB.token, { officerId: null });
    expect(cleared.body.assignee).toBeNull();
    expect(numbers((await h.call('GET', '/api/v1/tickets?assignee=me', ptB.token)).body)).not.toContain(t.number);
  });

  it('refuses officers who cannot work it (400), out-of-scope tickets (404), read-only roles (403)', async () => {
    const t = await h.ticket({ category: 'keluhan' });
    for (const body of [{}, { officerId: plX.officer.id }, { officerId: pyB.officer.id }, { officerId: 'tidak-ada' }, { officerId: { $ne: null } }, { officerId: '../x' }]) {
      const res = await h.call('POST', `/api/v1/tickets/${t.number}/assign`, plB.token, body);
      expect(res.status).toBe(400);
      expect(isIndonesianError(res.body)).toBe(true);
    }
    expect((await h.call('POST', `/api/v1/tickets/${t.number}/assign`, plX.token, { officerId: plX.officer.id })).status).toBe(404);
    expect((await h.call('GET', `/api/v1/tickets/${t.number}/assignees`, plX.token)).status).toBe(404);
    expect((await h.call('POST', `/api/v1/tickets/${t.number}/assign`, pyB.token, { officerId: plB.officer.id })).status).toBe(403);
    expect((await h.call('POST', '/api/v1/tickets/HD-991231-9999/assign', kl.token, { officerId: plB.officer.id })).status).toBe(404);
  });
});

describe('PATCH /api/v1/tickets/:number/priority', () => {
  it('changes the priority, moves the SLA targets, audits, filters the list', async () => {
    const t = await h.ticket({ category: 'keluhan', priority: 'rendah' });
    const res = await h.call('PATCH', `/api/v1/tickets/${t.number}/priority`, plB.token, { priority: 'kritis' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 'kritis', priorityLabel: 'Kritis' });
    expect((res.body.sla as { resolveDueAt: number }).resolveDueAt).toBeLessThan(t.sla.resolveDueAt);
    const history = res.body.history as { action: string; from?: string; to?: string }[];
    expect(history[history.length - 1]).toMatchObject({ action: 'prioritas', from: 'rendah', to: 'kritis' });
    expect((await h.store.listAudit({ target: `ticket:${t.number}` })).map((a) => a.action)).toContain('ticket.priority');
    expect(numbers((await h.call('GET', '/api/v1/tickets?priority=kritis', plB.token)).body)).toContain(t.number);
    expect(numbers((await h.call('GET', '/api/v1/tickets?priority=rendah,sedang', plB.token)).body)).not.toContain(t.number);
    expect((await h.call('GET', '/api/v1/tickets?priority=darurat', plB.token)).status).toBe(400);
  });

  it('refuses unknown priorities (400), out-of-scope tickets (404), read-only roles (403)', async () => {
    const t = await h.ticket({ category: 'keluhan' });
    for (const body of [{}, { priority: 'darurat' }, { priority: 3 }, { priority: ['tinggi'] }]) {
      const res = await h.call('PATCH', `/api/v1/tickets/${t.number}/priority`, plB.token, body);
      expect(res.status).toBe(400);
      expect(isIndonesianError(res.body)).toBe(true);
    }
    expect((await h.call('PATCH', `/api/v1/tickets/${t.number}/priority`, plX.token, { priority: 'tinggi' })).status).toBe(404);
    expect((await h.call('PATCH', `/api/v1/tickets/${t.number}/priority`, pyB.token, { priority: 'tinggi' })).status).toBe(403);
  });
});

describe('ticket list paging', () => {
  it('pages with limit and offset and says whether there is more', async () => {
    const first = await h.call('GET', '/api/v1/tickets?status=baru&limit=1', kl.token);
    expect(first.status).toBe(200);
    expect(numbers(first.body)).toHaveLength(1);
    expect(first.body.more).toBe(true);
    const second = await h.call('GET', '/api/v1/tickets?status=baru&limit=1&offset=1', kl.token);
    expect(numbers(second.body)[0]).not.toBe(numbers(first.body)[0]);
    expect((await h.call('GET', '/api/v1/tickets?limit=9999', kl.token)).status).toBe(400);
    expect((await h.call('GET', '/api/v1/tickets?assignee=%24ne', kl.token)).status).toBe(400);
  });
});

describe('POST /api/v1/conversations/:id/tickets', () => {
  it('opens a ticket for the person of the chat, links the chat, tells the reporter nothing', async () => {
    const c = await h.conversation({ text: 'Absen saya tidak tercatat sejak Senin' });
    const saidBefore = h.said.length;
    const res = await h.call('POST', `/api/v1/conversations/${c.id}/tickets`, plB.token, { category: 'permintaan', service: 'kepegawaian', summary: 'Absensi tidak tercatat' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ category: 'permintaan', service: 'kepegawaian', agency: 'bkpsdm', status: 'baru', summary: 'Absensi tidak tercatat' });
    expect(res.body.description).toContain('Absen saya tidak tercatat sejak Senin');
    expect(res.body.reporter).toMatchObject({ conversationId: c.id, channel: c.channel, senderId: c.identity.senderId });
    const number = String(res.body.number);
    expect((await h.store.getConversation(c.id))!.ticketNumber).toBe(number);
    expect((await h.store.getTicket(number))!.history[0]).toMatchObject({ action: 'dibuat', by: plB.officer.id });
    expect(h.said.length).toBe(saidBefore);
    expect((await h.store.listAudit({ target: `ticket:${number}` })).map((a) => a.action)).toContain('ticket.create');
  });

  it('refuses bad input (400), chats out of scope or unknown (404), roles without chats (403)', async () => {
    const c = await h.conversation();
    for (const body of [{}, { category: 'permintaan' }, { category: 'lain', summary: 'x' }, { category: 'permintaan', summary: 'x', service: 'tidak-ada' }, { category: 'permintaan', summary: 'x', priority: 'darurat' }, { category: { $ne: null }, summary: 'x' }]) {
      const res = await h.call('POST', `/api/v1/conversations/${c.id}/tickets`, plB.token, body);
      expect(res.status).toBe(400);
      expect(isIndonesianError(res.body)).toBe(true);
    }
    const valid = { category: 'permintaan', summary: 'Butuh bantuan' };
    expect((await h.call('POST', `/api/v1/conversations/${c.id}/tickets`, plX.token, valid)).status).toBe(404);
    expect((await h.call('POST', '/api/v1/conversations/tidak-ada/tickets', plB.token, valid)).status).toBe(404);
    expect((await h.call('POST', `/api/v1/conversations/${c.id}/tickets`, pyB.token, valid)).status).toBe(403);
    expect((await h.call('POST', `/api/v1/conversations/${c.id}/tickets`, plB.token, { ...valid, agency: 'bapenda' })).status).toBe(403);
  });
});
