/** One owner per conversation, replies only by the owner, hand-back, ticket updates told to the reporter, surveys. */
import { type Harness, startHarness } from './harness';

let h: Harness;
let a: { token: string; officer: { id: string; name: string } };
let b: { token: string; officer: { id: string; name: string } };

beforeAll(async () => {
  h = await startHarness();
  a = await h.addOfficer('pengelola-layanan', 'bkpsdm');
  b = await h.addOfficer('pengelola-teknis', 'bkpsdm');
});
afterAll(async () => {
  await h.close();
});

it('two officers taking the same chat at once: exactly one wins, the other gets 409 naming who has it', async () => {
  for (let round = 0; round < 5; round++) {
    const c = await h.conversation();
    const [ra, rb] = await Promise.all([
      h.call('POST', `/api/v1/conversations/${c.id}/takeover`, a.token),
      h.call('POST', `/api/v1/conversations/${c.id}/takeover`, b.token),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    const winner = ra.status === 200 ? a : b;
    expect(loser.body.error).toContain(winner.officer.name);
    const stored = (await h.store.getConversation(c.id))!;
    expect(stored.owner).toBe('officer');
    expect(stored.officerId).toBe(winner.officer.id);
    // The user was told once.
    expect((await h.store.transcript(c.id)).filter((e) => e.id.includes(':takeover:'))).toHaveLength(1);
  }
});

it('taking over again is harmless; only the owner replies; release hands back to the bot', async () => {
  const c = await h.conversation();
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/messages`, a.token, { text: 'halo' })).status).toBe(409); // not taken yet
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/takeover`, a.token)).status).toBe(200);
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/takeover`, a.token)).status).toBe(200);
  const reply = await h.call('POST', `/api/v1/conversations/${c.id}/messages`, a.token, { text: 'Selamat pagi\u0007, data Anda sudah kami cek.' });
  expect(reply.status).toBe(202);
  expect(String(reply.body.id)).toMatch(new RegExp(`^${c.id}:agent:`));
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/messages`, b.token, { text: 'saya juga' })).status).toBe(409);
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/release`, b.token)).status).toBe(409);

  const detail = await h.call('GET', `/api/v1/conversations/${c.id}`, b.token);
  const transcript = detail.body.transcript as { from: string; text: string; officerId?: string }[];
  const agentEntry = transcript.find((e) => e.from === 'agent')!;
  expect(agentEntry.text).toBe('Selamat pagi, data Anda sudah kami cek.'); // control character stripped
  expect(agentEntry.officerId).toBe(a.officer.id);
  expect(transcript[0]!.from).toBe('user');

  const released = await h.call('POST', `/api/v1/conversations/${c.id}/release`, a.token);
  expect(released.status).toBe(200);
  const stored = (await h.store.getConversation(c.id))!;
  expect(stored).toMatchObject({ owner: 'bot', officerId: null, flow: null });
  expect((await h.store.transcript(c.id)).at(-1)!.text).toMatch(/Asisten virtual .* kembali melayani/);
  const audit = await h.store.listAudit({ target: `conversation:${c.id}` });
  expect(audit.map((x) => x.action).sort()).toEqual(['conversation.release', 'conversation.reply', 'conversation.takeover']);
});

it('lists waiting chats with the fields of interfaces.md, and mine=1 lists the officer\'s own', async () => {
  const c = await h.conversation({ text: 'mau tanya soal SIMPEG' });
  const list = await h.call('GET', '/api/v1/conversations?state=waiting', a.token);
  const row = (list.body.conversations as Record<string, unknown>[]).find((x) => x.id === c.id)!;
  expect(row).toMatchObject({ id: c.id, channel: 'webchat', state: 'waiting', agency: 'bkpsdm', service: 'kepegawaian', lastMessage: 'mau tanya soal SIMPEG' });
  expect(row.waitingSince).toBe(c.waitingSince);
  await h.call('POST', `/api/v1/conversations/${c.id}/takeover`, a.token);
  const mine = await h.call('GET', '/api/v1/conversations?state=officer&mine=1', a.token);
  expect((mine.body.conversations as { id: string }[]).map((x) => x.id)).toContain(c.id);
  const theirs = await h.call('GET', '/api/v1/conversations?state=officer&mine=1', b.token);
  expect((theirs.body.conversations as { id: string }[]).map((x) => x.id)).not.toContain(c.id);
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/close`, a.token)).status).toBe(200);
  expect((await h.store.getConversation(c.id))!.owner).toBe('closed');
  expect((await h.call('POST', `/api/v1/conversations/${c.id}/takeover`, a.token)).status).toBe(409);
});

it('every status change is told to the reporter on their own conversation; selesai asks for a rating', async () => {
  const t = await h.ticket({ category: 'gangguan' });
  for (const status of ['ditugaskan', 'diproses']) expect((await h.call('PATCH', `/api/v1/tickets/${t.number}`, a.token, { status })).status).toBe(200);
  const done = await h.call('PATCH', `/api/v1/tickets/${t.number}`, a.token, { status: 'selesai', note: 'Server sudah dipulihkan.' });
  expect(done.status).toBe(200);
  expect(done.body.status).toBe('selesai');
  const texts = (await h.store.transcript(t.reporter.conversationId)).map((e) => e.text);
  expect(texts.filter((x) => x.includes(t.number) && x.includes('Pembaruan tiket'))).toHaveLength(3);
  expect(texts.some((x) => x.includes('Server sudah dipulihkan.'))).toBe(true);
  expect(texts.at(-1)).toMatch(/penilaian.*\*\*1\*\*.*\*\*5\*\*/is);
  const stored = (await h.store.getTicket(t.number))!;
  expect(stored.history.filter((x) => x.action === 'status').map((x) => x.to)).toEqual(['ditugaskan', 'diproses', 'selesai']);
  expect(stored.assignee).toBe(a.officer.id);
  // Forbidden transitions: 409, nothing changed.
  const back = await h.call('PATCH', `/api/v1/tickets/${t.number}`, a.token, { status: 'baru' });
  expect(back.status).toBe(409);
  expect((await h.store.getTicket(t.number))!.history).toHaveLength(stored.history.length);
});

it('uses the dialogue survey flow when given, and shows the rating on the ticket', async () => {
  const started: string[] = [];
  const h2 = await startHarness({
    startSurvey: (ticketNumber) => {
      started.push(ticketNumber);
      return { flow: { id: 'survei-kepuasan', ticket: ticketNumber }, reply: { text: `Nilai tiket ${ticketNumber}: 1-5`, options: [{ label: '5', value: '5' }] } };
    },
  });
  try {
    const o = await h2.addOfficer('koordinator-layanan', 'diskominfo');
    const t = await h2.ticket({ category: 'keluhan' });
    for (const status of ['ditugaskan', 'diproses', 'selesai']) expect((await h2.call('PATCH', `/api/v1/tickets/${t.number}`, o.token, { status })).status).toBe(200);
    expect(started).toEqual([t.number]);
    const conv = (await h2.store.getConversation(t.reporter.conversationId))!;
    expect(conv.flow).toEqual({ id: 'survei-kepuasan', ticket: t.number });
    expect((await h2.store.transcript(conv.id)).at(-1)!.text).toBe(`Nilai tiket ${t.number}: 1-5`);
    await h2.store.updateTicket(t.number, (x) => ({ ...x, survey: { rating: 4, comment: 'Cepat', at: h2.clock.t } }));
    const view = await h2.call('GET', `/api/v1/tickets/${t.number}`, o.token);
    expect(view.body.survey).toMatchObject({ rating: 4, comment: 'Cepat' });
  } finally {
    await h2.close();
  }
});

it('reassigns with a reason (history dialihkan) and the new agency sees it', async () => {
  const t = await h.ticket({ category: 'keluhan' });
  const r = await h.call('POST', `/api/v1/tickets/${t.number}/reassign`, a.token, { agency: 'bapenda', reason: 'Terkait pajak daerah.' });
  expect(r.status).toBe(200);
  const stored = (await h.store.getTicket(t.number))!;
  expect(stored.agency).toBe('bapenda');
  expect(stored.history.at(-1)).toMatchObject({ action: 'dialihkan', from: 'bkpsdm', to: 'bapenda', note: 'Terkait pajak daerah.', by: a.officer.id });
  const x = await h.addOfficer('pengelola-teknis', 'bapenda');
  expect((await h.call('GET', `/api/v1/tickets/${t.number}`, x.token)).status).toBe(200);
  expect((await h.call('GET', `/api/v1/tickets/${t.number}`, a.token)).status).toBe(404); // out of its scope now: answered like a missing ticket
});

it('canned responses: create, list, delete; Telegram registration code redeemed once', async () => {
  const put = await h.call('PUT', '/api/v1/canned-responses/jam-layanan', a.token, { title: 'Jam layanan', text: 'Layanan kami buka Senin-Jumat.' });
  expect(put.status).toBe(200);
  const list = await h.call('GET', '/api/v1/canned-responses', b.token);
  expect((list.body.cannedResponses as { id: string; agency: string }[]).some((c) => c.id === 'jam-layanan' && c.agency === 'bkpsdm')).toBe(true);
  expect((await h.call('DELETE', '/api/v1/canned-responses/jam-layanan', b.token)).status).toBe(200);
  expect((await h.call('DELETE', '/api/v1/canned-responses/jam-layanan', b.token)).status).toBe(404);

  const kl = await h.addOfficer('koordinator-layanan', 'diskominfo');
  const code = await h.call('POST', '/api/v1/telegram/registration-codes', kl.token, { agency: 'bkpsdm' });
  expect(code.status).toBe(201);
  const registry = h.module.groupRegistry;
  expect(await registry.register(String(code.body.code), { id: '-100123', title: 'Grup BKPSDM' }, { id: '42', name: 'Admin' })).toMatchObject({ agencyName: expect.stringMatching(/Kepegawaian/i) });
  expect(await registry.register(String(code.body.code), { id: '-100999', title: 'Lain' }, { id: '42', name: 'Admin' })).toBeNull();
  expect(await registry.groupsOf('bkpsdm')).toEqual(['-100123']);
  expect(await registry.unregister('-100123')).toBe(true);
  expect(await registry.groupsOf('bkpsdm')).toEqual([]);
});
