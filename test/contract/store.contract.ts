/**
 * The one suite every Store adapter must pass (src/store/port.ts). Each adapter's test file calls
 * runStoreContract with a factory for an opened, empty store and a cleanup.
 * Tests share one store per suite and isolate themselves with unique ids, agencies and prefixes.
 */
import type { Store, Ticket } from '../../src/store/port';
import { TICKET_NUMBER_PATTERN } from '../../src/domain/ids';
import { inbound, newTicket, officer, uniq } from '../helpers/store-fixtures';

function prefix(): string {
  return `HD-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}-${uniq('')}-`.replace(/-+-/g, '-');
}

export function runStoreContract(name: string, makeStore: () => Promise<Store>, cleanup: (store: Store) => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      if (store) await cleanup(store);
    });

    describe('lifecycle', () => {
      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('acceptInbound and the transcript', () => {
      it('creates the conversation once per (channel, threadId) and stores the entry as pending', async () => {
        const threadId = uniq('t');
        const a = await store.acceptInbound(inbound({ threadId, senderName: 'Ani', text: 'pertama' }));
        const b = await store.acceptInbound(inbound({ threadId, text: 'kedua' }));
        expect(a.duplicate).toBe(false);
        expect(b.duplicate).toBe(false);
        expect(b.conversation.id).toBe(a.conversation.id);
        expect(a.conversation).toMatchObject({ channel: 'telegram', threadId, owner: 'bot', version: 0, ticketNumber: null, officerId: null });
        expect(a.conversation.identity.name).toBe('Ani');
        expect(a.entry).toMatchObject({ conversationId: a.conversation.id, from: 'user', text: 'pertama', state: 'pending' });
        expect(a.entry.id).toBe(`${a.conversation.id}:in:${a.entry.externalId}`);
        const other = await store.acceptInbound(inbound({ threadId, channel: 'whatsapp' }));
        expect(other.conversation.id).not.toBe(a.conversation.id);
        expect((await store.findConversation('telegram', threadId))?.id).toBe(a.conversation.id);
        expect((await store.getConversation(a.conversation.id))?.threadId).toBe(threadId);
        expect(await store.findConversation('telegram', uniq('none'))).toBeNull();
        expect(await store.getConversation(uniq('none'))).toBeNull();
      });

      it('detects duplicates by (channel, externalId), and only on the same channel', async () => {
        const externalId = uniq('ext');
        const threadId = uniq('t');
        const first = await store.acceptInbound(inbound({ threadId, externalId, text: 'asli' }));
        const again = await store.acceptInbound(inbound({ threadId, externalId, text: 'kiriman ulang' }));
        expect(again.duplicate).toBe(true);
        expect(again.entry).toEqual(first.entry);
        expect(again.conversation.id).toBe(first.conversation.id);
        expect(await store.transcript(first.conversation.id)).toHaveLength(1);
        const elsewhere = await store.acceptInbound(inbound({ channel: 'whatsapp', threadId, externalId }));
        expect(elsewhere.duplicate).toBe(false);
      });

      it('de-duplicates concurrent redeliveries of one message', async () => {
        const input = inbound();
        const results = await Promise.all(Array.from({ length: 8 }, () => store.acceptInbound({ ...input })));
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
        expect(await store.pendingEntries(results[0]!.conversation.id)).toHaveLength(1);
      });

      it('creates one conversation under concurrent first messages of a thread', async () => {
        const threadId = uniq('t');
        const results = await Promise.all(Array.from({ length: 8 }, () => store.acceptInbound(inbound({ threadId }))));
        expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
        const seqs = results.map((r) => r.entry.seq);
        expect(new Set(seqs).size).toBe(8);
      });

      it('gives strictly increasing seq shared by user and bot entries, and a transcript cursor', async () => {
        const threadId = uniq('t');
        const u1 = await store.acceptInbound(inbound({ threadId, text: 'u1', at: 1000 }));
        const convId = u1.conversation.id;
        const replies = await store.appendEntries(
          convId,
          [
            { id: `${u1.entry.id}:r0`, from: 'bot', text: 'b1', options: [{ label: 'Ya', value: '1' }], at: 1001 },
            { id: `${u1.entry.id}:r1`, from: 'bot', text: 'b2', links: [{ label: 'Portal', url: 'https://cirebonkab.go.id' }], at: 1002 },
          ],
          [u1.entry.id],
        );
        const u2 = await store.acceptInbound(inbound({ threadId, text: 'u2', at: 1003 }));
        const all = await store.transcript(convId);
        expect(all.map((e) => e.text)).toEqual(['u1', 'b1', 'b2', 'u2']);
        const seqs = all.map((e) => e.seq);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
        expect(replies.map((r) => r.seq)).toEqual([seqs[1], seqs[2]]);
        expect(replies[0]).toMatchObject({ conversationId: convId, options: [{ label: 'Ya', value: '1' }] });
        expect(all[2]!.links).toEqual([{ label: 'Portal', url: 'https://cirebonkab.go.id' }]);
        expect(all[0]!.state).toBe('processed');
        expect(all[1]!.state).toBeUndefined();
        expect(u2.entry.seq).toBe(seqs[3]);
        expect((await store.transcript(convId, seqs[1])).map((e) => e.text)).toEqual(['b2', 'u2']);
        expect((await store.transcript(convId, seqs[0], 2)).map((e) => e.text)).toEqual(['b1', 'b2']);
        expect(await store.transcript(convId, seqs[3])).toEqual([]);
      });

      it('stores media of inbound entries', async () => {
        const media = [{ kind: 'image' as const, mimeType: 'image/jpeg', sizeBytes: 1234, storageKey: 'att/1.jpg' }];
        const r = await store.acceptInbound(inbound({ media, text: '' }));
        expect((await store.transcript(r.conversation.id))[0]!.media).toEqual(media);
      });

      it('lists pending entries in seq order, with a limit', async () => {
        const threadId = uniq('t');
        const texts = ['satu', 'dua', 'tiga'];
        let convId = '';
        for (const text of texts) convId = (await store.acceptInbound(inbound({ threadId, text }))).conversation.id;
        expect((await store.pendingEntries(convId)).map((e) => e.text)).toEqual(texts);
        expect((await store.pendingEntries(convId, 2)).map((e) => e.text)).toEqual(['satu', 'dua']);
      });

      it('withdrawInbound removes only a pending entry and frees its de-duplication key', async () => {
        const threadId = uniq('t');
        const input = inbound({ threadId });
        const a = await store.acceptInbound(input);
        await store.withdrawInbound(a.entry.id);
        expect(await store.pendingEntries(a.conversation.id)).toEqual([]);
        const again = await store.acceptInbound(input);
        expect(again.duplicate).toBe(false);
        await store.appendEntries(a.conversation.id, [], [again.entry.id]);
        await store.withdrawInbound(again.entry.id);
        const t = await store.transcript(a.conversation.id);
        expect(t.map((e) => e.id)).toEqual([again.entry.id]);
        expect(t[0]!.state).toBe('processed');
        await expect(store.withdrawInbound(uniq('missing'))).resolves.toBeUndefined();
      });

      it('conversationsWithPending finds conversations with pending entries older than the cut-off', async () => {
        const old = await store.acceptInbound(inbound({ at: 5000 }));
        const fresh = await store.acceptInbound(inbound({ at: 9_000_000_000_000 }));
        const done = await store.acceptInbound(inbound({ at: 5000 }));
        await store.appendEntries(done.conversation.id, [], [done.entry.id]);
        const ids = await store.conversationsWithPending(10_000, 100_000);
        expect(ids).toContain(old.conversation.id);
        expect(ids).not.toContain(fresh.conversation.id);
        expect(ids).not.toContain(done.conversation.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect((await store.conversationsWithPending(10_000, 1)).length).toBeLessThanOrEqual(1);
      });

      it('appendEntries is idempotent by entry id and marks processed entries', async () => {
        const u = await store.acceptInbound(inbound());
        const convId = u.conversation.id;
        const reply = { id: `${u.entry.id}:r0`, from: 'bot' as const, text: 'Baik, kami bantu.', at: 2000 };
        const first = await store.appendEntries(convId, [reply], [u.entry.id]);
        const second = await store.appendEntries(convId, [reply, { ...reply, id: `${u.entry.id}:r1`, text: 'lanjut' }], [u.entry.id]);
        expect(second[0]).toEqual(first[0]);
        const t = await store.transcript(convId);
        expect(t.map((e) => e.id)).toEqual([u.entry.id, reply.id, `${u.entry.id}:r1`]);
        expect(await store.pendingEntries(convId)).toEqual([]);
        const concurrent = { id: `${u.entry.id}:r2`, from: 'agent' as const, text: 'petugas', officerId: 'o1', at: 3000 };
        await Promise.all([store.appendEntries(convId, [concurrent]), store.appendEntries(convId, [concurrent])]);
        const t2 = await store.transcript(convId);
        expect(t2.filter((e) => e.id === concurrent.id)).toHaveLength(1);
        expect(t2.find((e) => e.id === concurrent.id)?.officerId).toBe('o1');
      });

      it('appendEntries does not mark entries of another conversation', async () => {
        const a = await store.acceptInbound(inbound());
        const b = await store.acceptInbound(inbound());
        await store.appendEntries(a.conversation.id, [], [b.entry.id]);
        expect(await store.pendingEntries(b.conversation.id)).toHaveLength(1);
      });

      it('raises lastMessageAt and never lowers it on save', async () => {
        const threadId = uniq('t');
        const a = await store.acceptInbound(inbound({ threadId, at: 10_000 }));
        await store.acceptInbound(inbound({ threadId, at: 20_000 }));
        const c = (await store.getConversation(a.conversation.id))!;
        expect(c.lastMessageAt).toBe(20_000);
        const saved = await store.saveConversation({ ...c, lastMessageAt: 15_000 }, c.version);
        expect(saved?.lastMessageAt).toBe(20_000);
      });
    });

    describe('saveConversation and listConversations', () => {
      it('saves with a version check and returns null on conflict', async () => {
        const { conversation } = await store.acceptInbound(inbound());
        const next = {
          ...conversation,
          owner: 'waiting' as const,
          agency: 'bkpsdm',
          service: 'simpeg',
          flow: { name: 'lapor', step: 2, slots: { a: '$ne' } },
          processedSeq: 1,
          outbox: [{ id: 'x:r0', from: 'bot' as const, text: 'Mohon tunggu', at: 5 }],
          waitingSince: 12345,
          updatedAt: 12345,
        };
        const saved = await store.saveConversation(next, conversation.version);
        expect(saved).toEqual({ ...next, version: conversation.version + 1 });
        expect(await store.getConversation(conversation.id)).toEqual(saved);
        expect(await store.saveConversation({ ...next, owner: 'bot' }, conversation.version)).toBeNull();
        expect((await store.getConversation(conversation.id))?.owner).toBe('waiting');
        const racers = await Promise.all([store.saveConversation({ ...saved!, owner: 'officer' }, saved!.version), store.saveConversation({ ...saved!, owner: 'closed' }, saved!.version)]);
        expect(racers.filter((r) => r !== null)).toHaveLength(1);
      });

      it('keeps the conversation version independent of new inbound messages', async () => {
        const threadId = uniq('t');
        const a = await store.acceptInbound(inbound({ threadId }));
        const b = await store.acceptInbound(inbound({ threadId }));
        expect(b.conversation.version).toBe(a.conversation.version);
        expect(await store.saveConversation({ ...a.conversation, owner: 'waiting' }, a.conversation.version)).not.toBeNull();
      });

      it('lists by owner and agency, most recent first, with a limit', async () => {
        const agency = uniq('agency');
        const mk = async (owner: 'waiting' | 'officer' | 'bot', at: number) => {
          const { conversation } = await store.acceptInbound(inbound({ at }));
          return (await store.saveConversation({ ...conversation, owner, agency }, conversation.version))!;
        };
        const w1 = await mk('waiting', 1000);
        const w2 = await mk('waiting', 3000);
        const o1 = await mk('officer', 2000);
        await mk('bot', 4000);
        const waiting = await store.listConversations({ owner: ['waiting'], agencies: [agency] });
        expect(waiting.map((c) => c.id)).toEqual([w2.id, w1.id]);
        const both = await store.listConversations({ owner: ['waiting', 'officer'], agencies: [agency, uniq('other')] });
        expect(both.map((c) => c.id)).toEqual([w2.id, o1.id, w1.id]);
        expect(await store.listConversations({ agencies: [agency], limit: 2 })).toHaveLength(2);
        expect(await store.listConversations({ owner: ['waiting'], agencies: [uniq('none')] })).toEqual([]);
        const anyWaiting = await store.listConversations({ owner: ['waiting'], limit: 1000 });
        expect(anyWaiting.map((c) => c.id)).toEqual(expect.arrayContaining([w1.id, w2.id]));
        expect(anyWaiting.every((c) => c.owner === 'waiting')).toBe(true);
      });
    });

    describe('tickets', () => {
      it('creates a ticket with the next number of its prefix, status baru and a history', async () => {
        const p = prefix();
        const t1 = await store.createTicket(newTicket({ numberPrefix: p, coAgencies: ['diskominfo'] }));
        const t2 = await store.createTicket(newTicket({ numberPrefix: p }));
        const other = await store.createTicket(newTicket({ numberPrefix: prefix() }));
        expect(t1.number).toBe(`${p}0001`);
        expect(t2.number).toBe(`${p}0002`);
        expect(other.number.endsWith('-0001')).toBe(true);
        expect(t1).toMatchObject({ status: 'baru', survey: null, assignee: null, category: 'gangguan', agency: 'bkpsdm', coAgencies: ['diskominfo'] });
        expect(t1.history).toEqual([expect.objectContaining({ action: 'dibuat', by: 'bot', at: t1.createdAt })]);
        expect(t1).not.toHaveProperty('idempotencyKey');
        expect(t1).not.toHaveProperty('numberPrefix');
        expect(await store.getTicket(t1.number)).toEqual(t1);
        expect(await store.getTicket('HD-000000-0000')).toBeNull();
      });

      it('produces numbers matching HD-YYMMDD-NNNN', async () => {
        const day = `HD-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}-`;
        const t = await store.createTicket(newTicket({ numberPrefix: day }));
        expect(t.number).toMatch(TICKET_NUMBER_PATTERN);
      });

      it('gives 20 concurrent creates 20 distinct consecutive numbers', async () => {
        const p = prefix();
        const tickets = await Promise.all(Array.from({ length: 20 }, () => store.createTicket(newTicket({ numberPrefix: p }))));
        const nums = tickets.map((t) => Number(t.number.slice(p.length))).sort((a, b) => a - b);
        expect(nums).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('is idempotent by key, also under concurrency', async () => {
        const p = prefix();
        const input = newTicket({ numberPrefix: p });
        const tickets = await Promise.all(Array.from({ length: 5 }, () => store.createTicket({ ...input })));
        expect(new Set(tickets.map((t) => t.number)).size).toBe(1);
        const again = await store.createTicket({ ...input, summary: 'berbeda' });
        expect(again).toEqual(await store.getTicket(tickets[0]!.number));
        expect(again.summary).toBe(input.summary);
        expect(await store.listTickets({ reporterConversationId: input.reporter.conversationId })).toHaveLength(1);
      });

      it('updateTicket applies changes atomically without lost updates', async () => {
        const t = await store.createTicket(newTicket({ numberPrefix: prefix() }));
        const updated = await store.updateTicket(t.number, (cur) => ({
          ...cur,
          status: 'ditugaskan',
          assignee: 'o1',
          updatedAt: cur.updatedAt + 1,
          history: [...cur.history, { at: 2, by: 'o1', action: 'status', from: cur.status, to: 'ditugaskan', note: 'diambil' }],
        }));
        expect(updated.status).toBe('ditugaskan');
        expect(await store.getTicket(t.number)).toEqual(updated);
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.updateTicket(t.number, (cur) => ({ ...cur, history: [...cur.history, { at: 100 + i, by: `o${i}`, action: 'catatan', note: `catatan ${i}` }] })),
          ),
        );
        const final = (await store.getTicket(t.number))!;
        expect(final.history).toHaveLength(2 + 20);
        expect(new Set(final.history.filter((h) => h.action === 'catatan').map((h) => h.note)).size).toBe(20);
        const kept = await store.updateTicket(t.number, (cur) => ({ ...cur, number: 'HD-999999-9999' }));
        expect(kept.number).toBe(t.number);
        await expect(store.updateTicket('HD-000000-0001', (c) => c)).rejects.toMatchObject({ code: 'not_found' });
        await expect(
          store.updateTicket(t.number, () => {
            throw new Error('ditolak domain');
          }),
        ).rejects.toThrow('ditolak domain');
        expect(await store.getTicket(t.number)).toEqual(kept);
      });

      it('listTickets filters by status, category, service, agencies (incl. co-agencies), reporter; newest first; limit', async () => {
        const agency = uniq('dinas');
        const co = uniq('co');
        const service = uniq('svc');
        const reporter = uniq('conv');
        const rep = (conversationId: string) => ({ conversationId, channel: 'telegram' as const, senderId: 's' });
        const a = await store.createTicket(newTicket({ numberPrefix: prefix(), agency, service, createdAt: 1000, category: 'keluhan', reporter: rep(reporter) }));
        const b = await store.createTicket(newTicket({ numberPrefix: prefix(), agency: uniq('x'), coAgencies: [co, agency], service, createdAt: 2000 }));
        const c = await store.createTicket(newTicket({ numberPrefix: prefix(), agency: co, service: uniq('svc2'), createdAt: 3000, category: 'permintaan' }));
        await store.updateTicket(c.number, (t) => ({ ...t, status: 'selesai' }));
        const nums = (ts: Ticket[]) => ts.map((t) => t.number);
        expect(nums(await store.listTickets({ agencies: [agency] }))).toEqual([b.number, a.number]);
        expect(nums(await store.listTickets({ agencies: [co] }))).toEqual([c.number, b.number]);
        expect(nums(await store.listTickets({ agencies: [agency, co] }))).toEqual([c.number, b.number, a.number]);
        expect(nums(await store.listTickets({ agencies: [agency, co], status: ['selesai', 'ditutup'] }))).toEqual([c.number]);
        expect(nums(await store.listTickets({ agencies: [agency, co], status: ['baru'] }))).toEqual([b.number, a.number]);
        expect(nums(await store.listTickets({ agencies: [agency, co], category: 'keluhan' }))).toEqual([a.number]);
        expect(nums(await store.listTickets({ service }))).toEqual([b.number, a.number]);
        expect(nums(await store.listTickets({ reporterConversationId: reporter }))).toEqual([a.number]);
        expect(nums(await store.listTickets({ agencies: [agency, co], limit: 1 }))).toEqual([c.number]);
        expect(await store.listTickets({ agencies: [] })).toEqual([]);
        expect(await store.listTickets({ agencies: [agency], status: [] })).toEqual([]);
      });

      it('listTickets overdueAt uses the running resolve deadline (pause shifts it, closed never overdue)', async () => {
        const service = uniq('svc');
        const sla = (resolveDueAt: number, pausedMs = 0, pausedSince: number | null = null) => ({ responseDueAt: 0, resolveDueAt, pausedMs, pausedSince, escalated: [] });
        const late = await store.createTicket(newTicket({ numberPrefix: prefix(), service, sla: sla(1000) }));
        const shifted = await store.createTicket(newTicket({ numberPrefix: prefix(), service, sla: sla(1000, 5000) }));
        const paused = await store.createTicket(newTicket({ numberPrefix: prefix(), service, sla: sla(1000, 0, 500) }));
        const closed = await store.createTicket(newTicket({ numberPrefix: prefix(), service, sla: sla(1000) }));
        await store.updateTicket(closed.number, (t) => ({ ...t, status: 'ditutup' }));
        const overdue = (await store.listTickets({ service, overdueAt: 2000 })).map((t) => t.number);
        expect(overdue).toEqual([late.number]);
        expect((await store.listTickets({ service, overdueAt: 10_000 })).map((t) => t.number).sort()).toEqual([late.number, shifted.number].sort());
        await store.updateTicket(paused.number, (t) => ({ ...t, sla: { ...t.sla, pausedSince: null, pausedMs: 100 } }));
        expect((await store.listTickets({ service, overdueAt: 2000 })).map((t) => t.number).sort()).toEqual([late.number, paused.number].sort());
      });
    });

    describe('searchTickets', () => {
      const nums = (r: { tickets: Ticket[] }) => r.tickets.map((t) => t.number);

      it('finds tickets by a word of the summary or description, any case and diacritics, and by the start of a word', async () => {
        const word = uniq('kata');
        const a = await store.createTicket(newTicket({ numberPrefix: prefix(), summary: `Aplikasi ${word.toUpperCase()} galat`, description: 'Tidak jalan.', createdAt: 1000 }));
        const b = await store.createTicket(newTicket({ numberPrefix: prefix(), description: `Sejak pagi ${word} tidak bisa dibuka, café tutup`, createdAt: 2000 }));
        await store.createTicket(newTicket({ numberPrefix: prefix(), summary: 'lain sama sekali', createdAt: 3000 }));
        expect(nums(await store.searchTickets({ text: word, limit: 10 }))).toEqual([b.number, a.number]);
        expect(nums(await store.searchTickets({ text: word.slice(0, -2), limit: 10 }))).toEqual(expect.arrayContaining([b.number, a.number]));
        expect(nums(await store.searchTickets({ text: `${word} pagi`, limit: 10 }))).toEqual([b.number]);
        expect(nums(await store.searchTickets({ text: `${word} cafe`, limit: 10 }))).toEqual([b.number]);
        expect(nums(await store.searchTickets({ text: `${word} ${uniq('tidakada')}`, limit: 10 }))).toEqual([]);
      });

      it("finds tickets by a word of the reporter's or an officer's message, not of a bot reply", async () => {
        const userWord = uniq('warga');
        const agentWord = uniq('petugas');
        const botWord = uniq('bot');
        const { conversation, entry } = await store.acceptInbound(inbound({ text: `Tolong, ${userWord} saya hilang` }));
        await store.appendEntries(
          conversation.id,
          [
            { id: `${entry.id}:r0`, from: 'bot', text: `Baik ${botWord}`, at: 1 },
            { id: `${entry.id}:a1`, from: 'agent', text: `Kami cek ${agentWord}`, at: 2, officerId: 'o1' },
          ],
          [entry.id],
        );
        const t = await store.createTicket(newTicket({ numberPrefix: prefix(), reporter: { conversationId: conversation.id, channel: 'telegram', senderId: 's' } }));
        expect(nums(await store.searchTickets({ text: userWord, limit: 10 }))).toEqual([t.number]);
        expect(nums(await store.searchTickets({ text: agentWord, limit: 10 }))).toEqual([t.number]);
        expect(nums(await store.searchTickets({ text: botWord, limit: 10 }))).toEqual([]);
      });

      it('finds tickets by the start of their number', async () => {
        const day = String(100000 + Math.floor(Math.random() * 899999));
        const a = await store.createTicket(newTicket({ numberPrefix: `HD-${day}-`, createdAt: 1 }));
        const b = await store.createTicket(newTicket({ numberPrefix: `HD-${day}-`, createdAt: 2 }));
        expect(nums(await store.searchTickets({ text: `hd-${day}`, limit: 10 }))).toEqual([b.number, a.number]);
        expect(nums(await store.searchTickets({ text: ` ${a.number} `, limit: 10 }))).toEqual([a.number]);
      });

      it('keeps to the scope (primary or co-agency), pages with more, and treats operators as plain words', async () => {
        const word = uniq('cakupan');
        const agency = uniq('dinas');
        const co = uniq('co');
        const mine = await store.createTicket(newTicket({ numberPrefix: prefix(), agency, summary: `${word} satu`, createdAt: 1 }));
        const shared = await store.createTicket(newTicket({ numberPrefix: prefix(), agency: uniq('x'), coAgencies: [agency], summary: `${word} dua`, createdAt: 2 }));
        const other = await store.createTicket(newTicket({ numberPrefix: prefix(), agency: co, summary: `${word} tiga`, createdAt: 3 }));
        expect(nums(await store.searchTickets({ text: word, agencies: [agency], limit: 10 }))).toEqual([shared.number, mine.number]);
        expect(nums(await store.searchTickets({ text: word, agencies: [], limit: 10 }))).toEqual([]);
        const first = await store.searchTickets({ text: word, limit: 2 });
        expect(nums(first)).toEqual([other.number, shared.number]);
        expect(first.more).toBe(true);
        const second = await store.searchTickets({ text: word, limit: 2, offset: 2 });
        expect(nums(second)).toEqual([mine.number]);
        expect(second.more).toBe(false);
        for (const text of [`"${word}" OR *`, `${word} AND (`, `${word}*`, `-${word}`, `NEAR(${word})`, `{"$gt": ""}`, '***', '']) {
          await expect(store.searchTickets({ text, limit: 5 })).resolves.toBeDefined();
        }
        expect(nums(await store.searchTickets({ text: `"${word}" OR *`, limit: 10 }))).toEqual([]); // "or" is just a word
        expect(nums(await store.searchTickets({ text: `(${word})`, agencies: [co], limit: 10 }))).toEqual([other.number]);
        expect(await store.searchTickets({ text: '***', limit: 5 })).toEqual({ tickets: [], more: false });
      });

      it('follows changes: a changed summary no longer matches its old words', async () => {
        const before = uniq('lama');
        const after = uniq('baru');
        const t = await store.createTicket(newTicket({ numberPrefix: prefix(), summary: `Masalah ${before}` }));
        await store.updateTicket(t.number, (c) => ({ ...c, summary: `Masalah ${after}` }));
        expect(nums(await store.searchTickets({ text: before, limit: 10 }))).toEqual([]);
        expect(nums(await store.searchTickets({ text: after, limit: 10 }))).toEqual([t.number]);
      });
    });

    describe('listTickets by assignee and priority, paged', () => {
      it('filters by assignee and priority and skips with offset', async () => {
        const service = uniq('svc');
        const who = uniq('ofc');
        const a = await store.createTicket(newTicket({ numberPrefix: prefix(), service, createdAt: 1, priority: 'tinggi' }));
        const b = await store.createTicket(newTicket({ numberPrefix: prefix(), service, createdAt: 2 }));
        const c = await store.createTicket(newTicket({ numberPrefix: prefix(), service, createdAt: 3, priority: 'kritis' }));
        await store.updateTicket(a.number, (t) => ({ ...t, assignee: who }));
        await store.updateTicket(c.number, (t) => ({ ...t, assignee: who }));
        const nums = (ts: Ticket[]) => ts.map((t) => t.number);
        expect(nums(await store.listTickets({ assignee: who }))).toEqual([c.number, a.number]);
        expect(nums(await store.listTickets({ service, priority: ['tinggi', 'kritis'] }))).toEqual([c.number, a.number]);
        expect(nums(await store.listTickets({ service, priority: ['sedang'] }))).toEqual([b.number]);
        expect(nums(await store.listTickets({ service, limit: 1, offset: 1 }))).toEqual([b.number]);
        expect(nums(await store.listTickets({ service, offset: 2 }))).toEqual([a.number]);
      });
    });

    describe('by contact (the console contact view)', () => {
      it('lists tickets whose reporter contact and conversations whose identity contact is one of the given values', async () => {
        const phone = `08${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
        const email = `${uniq('warga')}@contoh.id`.toLowerCase();
        const nums = (ts: Ticket[]) => ts.map((t) => t.number);
        const a = await store.createTicket(newTicket({ numberPrefix: prefix(), createdAt: 1, reporter: { conversationId: uniq('c'), channel: 'telegram', senderId: uniq('s'), contact: phone } }));
        const b = await store.createTicket(newTicket({ numberPrefix: prefix(), createdAt: 2, reporter: { conversationId: uniq('c'), channel: 'webchat', senderId: uniq('s'), contact: `+62${phone.slice(1)}` } }));
        const c = await store.createTicket(newTicket({ numberPrefix: prefix(), createdAt: 3, reporter: { conversationId: uniq('c'), channel: 'webchat', senderId: uniq('s'), contact: email } }));
        await store.createTicket(newTicket({ numberPrefix: prefix(), createdAt: 4, reporter: { conversationId: uniq('c'), channel: 'webchat', senderId: uniq('s') } }));
        expect(nums(await store.listTickets({ reporterContacts: [phone, `+62${phone.slice(1)}`] }))).toEqual([b.number, a.number]);
        expect(nums(await store.listTickets({ reporterContacts: [email, phone], limit: 1 }))).toEqual([c.number]);
        expect(await store.listTickets({ reporterContacts: [] })).toEqual([]);
        expect(await store.listTickets({ reporterContacts: [{ $ne: null } as unknown as string] }).catch(() => [])).toEqual([]);

        const first = await store.acceptInbound(inbound({ threadId: uniq('t'), at: 10 }));
        const second = await store.acceptInbound(inbound({ threadId: uniq('t'), channel: 'webchat', at: 20 }));
        await store.acceptInbound(inbound({ threadId: uniq('t'), at: 30 }));
        for (const [conv, contact] of [
          [first.conversation, phone],
          [second.conversation, email],
        ] as const) {
          expect(await store.saveConversation({ ...conv, identity: { ...conv.identity, contact } }, conv.version)).not.toBeNull();
        }
        expect((await store.listConversations({ contacts: [phone, email] })).map((x) => x.id)).toEqual([second.conversation.id, first.conversation.id]);
        expect((await store.listConversations({ contacts: [email] })).map((x) => x.id)).toEqual([second.conversation.id]);
        expect(await store.listConversations({ contacts: [`+62${phone.slice(1)}`] })).toEqual([]);
      });
    });

    describe('counters', () => {
      it('starts at 1 and is unique under concurrency', async () => {
        const name = uniq('ctr');
        expect(await store.nextCounter(name)).toBe(1);
        const values = await Promise.all(Array.from({ length: 30 }, () => store.nextCounter(name)));
        expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
        expect(await store.nextCounter(uniq('ctr'))).toBe(1);
      });
    });

    describe('officers and audit', () => {
      it('upserts officers, finds them by e-mail case-insensitively, lists by agency and role', async () => {
        const agency = uniq('dinas');
        const o = officer({ agency, email: `Siti.${uniq('p')}@CirebonKab.go.id`, role: 'pengelola-teknis' });
        const created = await store.upsertOfficer({ ...o, createdAt: 42 });
        expect(created).toMatchObject({ ...o, createdAt: 42 });
        expect(typeof created.updatedAt).toBe('number');
        expect(await store.getOfficer(o.id)).toEqual(created);
        expect(await store.findOfficerByEmail(o.email.toLowerCase())).toEqual(created);
        expect(await store.findOfficerByEmail(`  ${o.email.toUpperCase()} `)).toEqual(created);
        const updated = await store.upsertOfficer({ ...o, name: 'Siti Aminah', active: false });
        expect(updated).toMatchObject({ name: 'Siti Aminah', active: false, createdAt: 42 });
        const head = await store.upsertOfficer(officer({ agency, role: 'penyedia-layanan' }));
        expect((await store.listOfficers({ agency })).map((x) => x.id).sort()).toEqual([o.id, head.id].sort());
        expect((await store.listOfficers({ agency, role: 'penyedia-layanan' })).map((x) => x.id)).toEqual([head.id]);
        expect((await store.listOfficers()).map((x) => x.id)).toEqual(expect.arrayContaining([o.id, head.id]));
        expect(await store.getOfficer(uniq('none'))).toBeNull();
        expect(await store.findOfficerByEmail(`${uniq('none')}@x.id`)).toBeNull();
      });

      it('refuses a second officer with the same e-mail', async () => {
        const o = officer();
        await store.upsertOfficer(o);
        await expect(store.upsertOfficer(officer({ email: o.email.toUpperCase() }))).rejects.toMatchObject({ code: 'conflict' });
      });

      it('appends and lists audit events by target and actor, newest first', async () => {
        const target = `ticket:${uniq('HD')}`;
        const actor = uniq('officer');
        await store.appendAudit({ at: 1, actor, action: 'ticket.status', target, details: { from: 'baru', to: 'diproses' } });
        await store.appendAudit({ at: 2, actor: 'bot', action: 'ticket.create', target });
        await store.appendAudit({ at: 3, actor, action: 'login', target: `officer:${actor}` });
        const byTarget = await store.listAudit({ target });
        expect(byTarget.map((e) => e.at)).toEqual([2, 1]);
        expect(byTarget[1]).toEqual({ at: 1, actor, action: 'ticket.status', target, details: { from: 'baru', to: 'diproses' } });
        expect((await store.listAudit({ actor })).map((e) => e.at)).toEqual([3, 1]);
        expect((await store.listAudit({ actor, target })).map((e) => e.at)).toEqual([1]);
        expect(await store.listAudit({ target, limit: 1 })).toHaveLength(1);
      });

      it('filters audit events by action and time range and pages them with offset', async () => {
        const actor = uniq('officer');
        const base = 1_800_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
        for (let i = 0; i < 5; i++) await store.appendAudit({ at: base + i, actor, action: i % 2 ? 'officer.update' : 'officer.create', target: `officer:${uniq('o')}` });
        expect((await store.listAudit({ actor, action: 'officer.update' })).map((e) => e.at)).toEqual([base + 3, base + 1]);
        expect((await store.listAudit({ actor, from: base + 1, to: base + 3 })).map((e) => e.at)).toEqual([base + 2, base + 1]);
        expect((await store.listAudit({ actor, action: 'officer.create', from: base + 1 })).map((e) => e.at)).toEqual([base + 4, base + 2]);
        expect((await store.listAudit({ actor, limit: 2 })).map((e) => e.at)).toEqual([base + 4, base + 3]);
        expect((await store.listAudit({ actor, limit: 2, offset: 2 })).map((e) => e.at)).toEqual([base + 2, base + 1]);
        expect((await store.listAudit({ actor, limit: 2, offset: 4 })).map((e) => e.at)).toEqual([base]);
        expect(await store.listAudit({ actor, action: 'tidak.ada' })).toEqual([]);
        // Operator-looking values are plain values: they match nothing.
        expect(await store.listAudit({ actor, action: { $ne: null } as unknown as string }).catch(() => [])).toEqual([]);
      });
    });

    describe('deliveries', () => {
      it('records, updates and lists deliveries by status', async () => {
        const id = `${uniq('conv')}:in:1:r0`;
        const base = { id, conversationId: 'c', channel: 'whatsapp' as const, attempts: 1, lastError: null, updatedAt: 9_000_000_000_001 };
        await store.recordDelivery({ ...base, status: 'pending' });
        await store.recordDelivery({ ...base, status: 'failed', attempts: 5, lastError: 'kena batas kirim', updatedAt: 9_000_000_000_002 });
        const failed = await store.listDeliveries({ status: 'failed', limit: 1000 });
        expect(failed.filter((d) => d.id === id)).toEqual([{ ...base, status: 'failed', attempts: 5, lastError: 'kena batas kirim', updatedAt: 9_000_000_000_002 }]);
        expect((await store.listDeliveries({ status: 'pending', limit: 1000 })).some((d) => d.id === id)).toBe(false);
        await store.recordDelivery({ ...base, status: 'sent', attempts: 6, updatedAt: 9_000_000_000_003 });
        expect((await store.listDeliveries({ status: 'failed', limit: 1000 })).some((d) => d.id === id)).toBe(false);
        expect((await store.listDeliveries({ limit: 1 }))[0]?.id).toBe(id);
      });

      it('fails pending deliveries not updated since a time, keeping their last error; fresh and final ones stay', async () => {
        const conv = uniq('conv');
        const at = 5_000_000_000_000;
        const base = { conversationId: conv, channel: 'telegram' as const, attempts: 3 };
        await store.recordDelivery({ ...base, id: `${conv}:stale`, status: 'pending', lastError: 'Telegram 502', updatedAt: at });
        await store.recordDelivery({ ...base, id: `${conv}:stale-no-error`, status: 'pending', lastError: null, updatedAt: at + 1 });
        await store.recordDelivery({ ...base, id: `${conv}:fresh`, status: 'pending', lastError: 'Telegram 502', updatedAt: at + 60_000 });
        await store.recordDelivery({ ...base, id: `${conv}:sent`, status: 'sent', lastError: null, updatedAt: at });
        expect(await store.failStaleDeliveries(at + 30_000, 'Batas waktu coba ulang terlewati', at + 90_000)).toBeGreaterThanOrEqual(2);
        const mine = async (status: 'pending' | 'sent' | 'failed') =>
          (await store.listDeliveries({ status, limit: 1000 })).filter((d) => d.conversationId === conv).sort((a, b) => a.id.localeCompare(b.id));
        expect(await mine('failed')).toEqual([
          { ...base, id: `${conv}:stale`, status: 'failed', lastError: 'Batas waktu coba ulang terlewati (Telegram 502)', updatedAt: at + 90_000 },
          { ...base, id: `${conv}:stale-no-error`, status: 'failed', lastError: 'Batas waktu coba ulang terlewati', updatedAt: at + 90_000 },
        ]);
        expect((await mine('pending')).map((d) => d.id)).toEqual([`${conv}:fresh`]);
        expect((await mine('sent')).map((d) => d.id)).toEqual([`${conv}:sent`]);
        expect(await store.failStaleDeliveries(at + 30_000, 'lagi', at + 99_000)).toBe(0);
      });
    });

    describe('documents', () => {
      it('puts, gets, lists and deletes documents per collection', async () => {
        const coll = uniq('coll');
        await store.putDoc(coll, 'b', { secret: 's1', n: 1 });
        await store.putDoc(coll, 'a', ['x', { y: null }]);
        await store.putDoc(uniq('other'), 'a', 1);
        expect(await store.getDoc(coll, 'b')).toEqual({ secret: 's1', n: 1 });
        await store.putDoc(coll, 'b', { secret: 's2' });
        expect(await store.getDoc(coll, 'b')).toEqual({ secret: 's2' });
        expect(await store.listDocs(coll)).toEqual([
          { key: 'a', value: ['x', { y: null }] },
          { key: 'b', value: { secret: 's2' } },
        ]);
        await store.deleteDoc(coll, 'a');
        expect(await store.getDoc(coll, 'a')).toBeNull();
        expect((await store.listDocs(coll)).map((d) => d.key)).toEqual(['b']);
        await expect(store.deleteDoc(coll, 'missing')).resolves.toBeUndefined();
      });
    });

    describe('operator-looking input is plain data', () => {
      const evil: unknown = { $ne: null };
      const evilString = '{"$ne": null}';

      it('stores texts, ids and e-mails that look like operators verbatim', async () => {
        const r = await store.acceptInbound(inbound({ threadId: '$where', externalId: '$gt', text: evilString, senderName: '$ne' }));
        expect(r.conversation.threadId).toBe('$where');
        expect((await store.findConversation('telegram', '$where'))?.id).toBe(r.conversation.id);
        expect((await store.transcript(r.conversation.id))[0]).toMatchObject({ text: evilString, externalId: '$gt' });
        const o = await store.upsertOfficer(officer({ email: `{"$ne":null}.${uniq('e')}@x.id` }));
        expect((await store.findOfficerByEmail(o.email))?.id).toBe(o.id);
        await store.putDoc(uniq('c'), '$where', { $set: { a: 1 }, 'a.b': 2 });
      });

      it('never lets an object where a string is expected match everything', async () => {
        await store.acceptInbound(inbound());
        await store.upsertOfficer(officer());
        await store.createTicket(newTicket({ numberPrefix: prefix() }));
        const tryIt = async <T>(p: Promise<T>): Promise<T | 'rejected'> => p.catch(() => 'rejected' as const);
        const found = await tryIt(store.findConversation('telegram', evil as string));
        expect(found === null || found === 'rejected').toBe(true);
        const conv = await tryIt(store.getConversation(evil as string));
        expect(conv === null || conv === 'rejected').toBe(true);
        const off = await tryIt(store.findOfficerByEmail(evil as string));
        expect(off === null || off === 'rejected').toBe(true);
        const offId = await tryIt(store.getOfficer(evil as string));
        expect(offId === null || offId === 'rejected').toBe(true);
        const t = await tryIt(store.getTicket(evil as string));
        expect(t === null || t === 'rejected').toBe(true);
        const listed = await tryIt(store.listTickets({ reporterConversationId: evil as string }));
        expect(listed === 'rejected' || (Array.isArray(listed) && listed.length === 0)).toBe(true);
        const doc = await tryIt(store.getDoc(evil as string, evil as string));
        expect(doc === null || doc === 'rejected').toBe(true);
        const pend = await tryIt(store.pendingEntries(evil as string));
        expect(pend === 'rejected' || (Array.isArray(pend) && pend.length === 0)).toBe(true);
        const audit = await tryIt(store.listAudit({ target: evil as string }));
        expect(audit === 'rejected' || (Array.isArray(audit) && audit.length === 0)).toBe(true);
      });

      it('does not let an operator-looking entry id withdraw other entries', async () => {
        const r = await store.acceptInbound(inbound());
        await store.withdrawInbound(evil as string).catch(() => undefined);
        expect(await store.pendingEntries(r.conversation.id)).toHaveLength(1);
      });
    });
  });
}
