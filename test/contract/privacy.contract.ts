/**
 * The personal-data contract: the PersonalDataStore port (src/privacy/port.ts) with the core
 * holders and the privacy service on top, run against every store adapter (SQLite always,
 * MongoDB when MONGODB_URI is set). Data is written through the Store port as the service
 * writes it; every instant is relative to T0 and the clock is the test's.
 *
 * - export finds the person by WhatsApp number, by the contact given in a report (any phone
 *   form), and the messages elsewhere that mention them; never another person's data;
 * - erase leaves no trace of them (texts, ids, identities, files, deliveries, sessions, audit)
 *   and keeps the statistics; a second erase changes nothing;
 * - retention anonymises exactly what is past its period (flows/retensi.yaml), day by day.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAttachmentStore } from '../../src/attachments/file-attachment-store';
import { WEBCHAT_SESSIONS, type WebchatSessionDoc } from '../../src/engine/webchat-backend';
import type { MediaRef } from '../../src/domain/messages';
import { createPrivacyModule, type PrivacyModule } from '../../src/app/privacy-module';
import { DAY_MS } from '../../src/privacy/retention-policy';
import type { Conversation, Store, Ticket } from '../../src/store/port';
import type { ExportedData } from '../helpers/privacy-export';
import { newTicket, uniq } from '../helpers/store-fixtures';
import { operationsStoreFor } from '../../src/app/operations-module';
import { incidentFixture } from './operations-store.contract';
import { createEvaluationStores } from '../../src/store/create-evaluation-stores';

const T0 = 1_700_000_000_000;

/** A unique Indonesian mobile number: national digits, and the 62 form. */
function phone(): { local: string; intl: string; dashed: string } {
  const rest = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const national = `812${rest}`;
  return { local: `0${national}`, intl: `62${national}`, dashed: `0812-${rest.slice(0, 4)}-${rest.slice(4)}` };
}

/** 16-digit NIK that cannot be mistaken for a phone number. */
const nik = () => `3209${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;

interface World {
  store: Store;
  privacy: PrivacyModule;
  files: FileAttachmentStore;
  filesDir: string;
  clock: { now: number };
}

async function makeWorld(makeStore: () => Promise<Store>): Promise<World> {
  const store = await makeStore();
  const filesDir = mkdtempSync(join(tmpdir(), 'hd-privacy-files-'));
  const files = new FileAttachmentStore(filesDir);
  const clock = { now: T0 };
  const privacy = createPrivacyModule({ config: { FLOWS_DIR: undefined }, store, attachments: files, now: () => clock.now });
  return { store, privacy, files, filesDir, clock };
}

/** A WhatsApp chat: each text gets a bot reply; returns the conversation. */
async function whatsappChat(store: Store, intl: string, name: string, texts: string[], at = T0, media?: MediaRef[]): Promise<Conversation> {
  const threadId = `${intl}@c.us`;
  let conversation: Conversation | null = null;
  for (const [i, text] of texts.entries()) {
    const accepted = await store.acceptInbound({
      channel: 'whatsapp',
      threadId,
      senderId: threadId,
      senderName: name,
      externalId: `false_${threadId}_${uniq('3EB0')}`,
      text,
      ...(i === 0 && media ? { media } : {}),
      at: at + i,
    });
    conversation = accepted.conversation;
    await store.appendEntries(conversation.id, [{ id: `${accepted.entry.id}:r0`, from: 'bot', text: `Terima kasih ${name}, pesan Anda kami catat.`, at: at + i }], [accepted.entry.id]);
  }
  return (await store.getConversation(conversation!.id))!;
}

async function webchat(store: Store, texts: string[], at = T0, contact?: string): Promise<Conversation> {
  const sessionId = uniq('sess');
  let conversation: Conversation | null = null;
  for (const [i, text] of texts.entries()) {
    const accepted = await store.acceptInbound({ channel: 'webchat', threadId: sessionId, senderId: sessionId, externalId: uniq('w'), text, at: at + i });
    conversation = accepted.conversation;
    await store.appendEntries(conversation.id, [{ id: `${accepted.entry.id}:r0`, from: 'bot', text: 'Baik.', at: at + i }], [accepted.entry.id]);
  }
  await store.putDoc<WebchatSessionDoc>(WEBCHAT_SESSIONS, sessionId, { tokenHash: 'ab'.repeat(32), createdAt: at, lastSeenAt: at + texts.length });
  let c = (await store.getConversation(conversation!.id))!;
  if (contact) c = (await store.saveConversation({ ...c, identity: { ...c.identity, contact } }, c.version))!;
  return c;
}

async function ticketFor(store: Store, c: Conversation, over: Partial<Parameters<Store['createTicket']>[0]> = {}): Promise<Ticket> {
  return store.createTicket(
    newTicket({
      reporter: { conversationId: c.id, channel: c.channel, senderId: c.identity.senderId, ...(c.identity.name ? { name: c.identity.name } : {}) },
      createdAt: T0,
      ...over,
    }),
  );
}

async function close(store: Store, number: string, at: number, rating?: number): Promise<void> {
  await store.updateTicket(number, (t) => ({
    ...t,
    status: 'ditutup',
    history: [...t.history, { at, by: 'officer-1', action: 'status', from: t.status, to: 'ditutup', note: 'Sudah selesai.' }],
    survey: rating ? { rating, comment: 'Petugas ramah', at } : t.survey,
    updatedAt: at,
  }));
}

/** Category/agency/service/status/priority/SLA/rating of every ticket: what statistics read. */
async function statistics(store: Store): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of await store.listTickets({})) {
    out[t.number] = { category: t.category, agency: t.agency, service: t.service, status: t.status, priority: t.priority, sla: t.sla, rating: t.survey?.rating ?? null, createdAt: t.createdAt };
  }
  return out;
}

/** Everything readable about one conversation, as one string to search. */
async function dump(store: Store, conversationId: string): Promise<string> {
  return JSON.stringify({ c: await store.getConversation(conversationId), t: await store.transcript(conversationId) });
}

export function runPrivacyContract(name: string, makeStore: () => Promise<Store>, cleanup: (store: Store) => Promise<void>): void {
  describe(`privacy contract: ${name}`, () => {
    describe('export and erase of one person', () => {
      let w: World;
      const a = phone();
      const aNik = nik();
      const aName = 'Budi Santoso';
      const aEmail = `budi.${uniq('s')}@example.com`;
      const b = phone();
      let aChat: Conversation;
      let aWeb: Conversation;
      let mentionChat: Conversation;
      let bChat: Conversation;
      let aTicket: Ticket;
      let bTicket: Ticket;
      let aFile: MediaRef;
      let sharedFile: MediaRef;

      beforeAll(async () => {
        w = await makeWorld(makeStore);
        const { store } = w;
        aFile = await w.files.save({ bytes: Buffer.from(`%PDF-1.4 KTP ${aName} NIK ${aNik}`), mimeType: 'application/pdf', fileName: `ktp-${aName}.pdf` });
        sharedFile = await w.files.save({ bytes: Buffer.from('sama-sama dikirim dua orang'), mimeType: 'image/png' });
        aChat = await whatsappChat(
          store,
          a.intl,
          aName,
          [`SIMPEG error. NIK saya ${aNik}, email ${aEmail}, nama saya ${aName}`, `hubungi saya di ${a.dashed}`],
          T0,
          [aFile, sharedFile],
        );
        aTicket = await ticketFor(store, aChat, {
          description: `Tidak bisa login. NIK ${aNik}, HP ${a.dashed}`,
          summary: `Gangguan SIMPEG: ${aName} tidak bisa login`,
          category: 'gangguan',
          agency: 'bkpsdm',
          attachments: [aFile],
          reporter: { conversationId: aChat.id, channel: 'whatsapp', senderId: aChat.threadId, name: aName, contact: `+${a.intl}`, nip: '199001012015031001' },
        });
        await close(store, aTicket.number, T0 + 1000, 5);
        // A web chat where A gave their number in another form in a report: theirs too.
        aWeb = await webchat(store, ['mau lapor jalan rusak', `kontak saya ${a.local}`], T0, a.local);
        // ... and gave their e-mail in that report.
        await ticketFor(store, aWeb, {
          category: 'keluhan',
          agency: 'dpupr',
          service: null,
          description: 'Jalan rusak di depan kantor desa',
          reporter: { conversationId: aWeb.id, channel: 'webchat', senderId: aWeb.threadId, contact: aEmail },
        });
        // Someone else's chat that mentions A's number: only that message is A's.
        mentionChat = await webchat(store, ['lacak tiket', `nomor pelapornya +62 ${a.intl.slice(2, 5)} ${a.intl.slice(5, 9)} ${a.intl.slice(9)}`, 'terima kasih']);
        // B: another citizen, untouched by A's erasure; sent the same picture.
        bChat = await whatsappChat(store, b.intl, 'Siti Aminah', ['SIKATON tidak bisa dibuka'], T0, [sharedFile]);
        bTicket = await ticketFor(store, bChat, { category: 'gangguan', agency: 'diskominfo', reporter: { conversationId: bChat.id, channel: 'whatsapp', senderId: bChat.threadId, name: 'Siti Aminah', contact: b.local } });
        const aEntries = await store.transcript(aChat.id);
        for (const e of aEntries.filter((x) => x.from === 'bot')) {
          await store.recordDelivery({ id: e.id, conversationId: aChat.id, channel: 'whatsapp', status: 'failed', attempts: 3, lastError: `tidak terkirim ke ${a.intl}@c.us`, updatedAt: T0 });
        }
        await store.recordDelivery({ id: `${bChat.id}:x`, conversationId: bChat.id, channel: 'whatsapp', status: 'sent', attempts: 1, lastError: null, updatedAt: T0 });
        await store.appendAudit({ at: T0, actor: 'anonymous', action: 'auth.login-failed', target: `email:${aEmail}`, details: { ip: '10.0.0.9' } });
        // A's report was attached to a service incident.
        const ops = operationsStoreFor(store);
        await ops.open();
        const incident = incidentFixture(`svc-${uniq('i')}`);
        await ops.openIncident(incident, []);
        await ops.linkTicket({ incidentId: incident.id, ticket: aTicket.number, conversationId: aChat.id, channel: 'whatsapp', linkedAt: T0 });
        // A question of A's the bot could not answer (a knowledge gap; numbers already masked).
        const { knowledge } = createEvaluationStores(store);
        await knowledge.init();
        const gap = { kind: 'unanswered' as const, at: T0, channel: 'whatsapp' as const, agency: null, service: null };
        await knowledge.recordBotEvent({ ...gap, id: `unanswered:${aChat.id}:1`, conversationId: aChat.id, text: `kenapa data ${aName} hilang?`, normalized: `kenapa data ${aName.toLowerCase()} hilang` });
        await knowledge.recordBotEvent({ ...gap, id: `unanswered:${bChat.id}:1`, conversationId: bChat.id, text: 'kenapa data Siti Aminah hilang?', normalized: 'kenapa data siti aminah hilang' });
        await store.appendAudit({ at: T0, actor: 'officer-1', action: 'conversation.takeover', target: `conversation:${aChat.id}` });
      });
      afterAll(async () => {
        await cleanup(w.store);
        rmSync(w.filesDir, { recursive: true, force: true });
      });

      it('export finds the person by their number in any form, and nothing of anyone else', async () => {
        for (const form of [a.local, a.dashed, `+${a.intl}`, a.intl]) {
          const out = await w.privacy.service.exportSubject(form);
          const data = out.data as unknown as ExportedData;
          expect(out.kontak).toBe(form);
          expect(data.percakapan.milikSendiri.map((x) => x.percakapan.id).sort()).toEqual([aChat.id, aWeb.id].sort());
          expect(data.percakapan.disebutDiPercakapanLain).toEqual([{ conversationId: mentionChat.id, entry: expect.objectContaining({ from: 'user', text: expect.stringContaining(a.intl.slice(9)) }) }]);
          expect(data.tiket.map((t) => t.number)).toContain(aTicket.number);
          expect(data.tiket).toHaveLength(2);
          expect(data.lampiran).toEqual(expect.arrayContaining([expect.objectContaining({ storageKey: aFile.storageKey, berkasAda: true })]));
          expect(data.pengiriman.length).toBeGreaterThan(0);
          expect(data['celah-pengetahuan']).toEqual([expect.objectContaining({ conversationId: aChat.id, text: `kenapa data ${aName} hilang?` })]);
          expect(data.insiden).toEqual([expect.objectContaining({ tiket: aTicket.number, tautan: expect.objectContaining({ conversationId: aChat.id }) })]);
          expect(data['sesi-obrolan-web']).toEqual([expect.objectContaining({ sessionId: aWeb.threadId })]);
          expect(JSON.stringify(data['sesi-obrolan-web'])).not.toContain('abab');
          const text = JSON.stringify(out);
          expect(text).toContain(aNik);
          expect(text).not.toContain('Siti Aminah');
          expect(text).not.toContain(b.intl.slice(2));
        }
        // By the e-mail: the report that gave it and its chat, and the audit event naming it.
        const byEmail = (await w.privacy.service.exportSubject(aEmail.toUpperCase())).data as unknown as ExportedData;
        expect(byEmail.percakapan.milikSendiri.map((x) => x.percakapan.id)).toEqual([aWeb.id]);
        expect(byEmail.tiket).toHaveLength(1);
        expect(byEmail['jejak-audit']).toEqual([expect.objectContaining({ target: `email:${aEmail}` })]);
      });

      it('erase anonymises everything of the person, says what it changed, keeps the statistics', async () => {
        const before = await statistics(w.store);
        const report = await w.privacy.service.eraseSubject(`+62 ${a.intl.slice(2)}`);
        const by = Object.fromEntries(report.holders.map((h) => [h.holder, h]));
        expect(by.percakapan).toMatchObject({ count: 3, summary: expect.stringMatching(/2 percakapan dianonimkan.*1 pesan di percakapan orang lain/) });
        expect(by.tiket).toMatchObject({ count: 2, summary: expect.stringMatching(/2 tiket dianonimkan/) });
        expect(by.pengiriman!.count).toBeGreaterThan(0);
        expect(by['sesi-obrolan-web']!.count).toBe(1);
        expect(by.lampiran).toMatchObject({ count: 1 });
        expect(by['celah-pengetahuan']).toMatchObject({ count: 1 });
        expect(await statistics(w.store)).toEqual(before);

        // Conversations: no identity, no address, new message ids, texts without the person.
        for (const id of [aChat.id, aWeb.id]) {
          const c = (await w.store.getConversation(id))!;
          expect(c).toMatchObject({ identity: { senderId: 'anonim' }, flow: null, outbox: [], unreachable: true });
          expect(c.threadId).toBe(`anonim:${id}`);
          const all = await dump(w.store, id);
          for (const trace of [a.intl.slice(2), aNik, aEmail, 'Budi', 'Santoso', a.dashed]) expect(all).not.toContain(trace);
        }
        // Texts keep their sense: what was removed is named.
        expect((await w.store.transcript(aChat.id))[0]!.text).toBe('SIMPEG error. NIK saya [NIK], email [email], nama saya [nama]');
        expect(await w.store.findConversation('whatsapp', aChat.threadId)).toBeNull();
        const entries = await w.store.transcript(aChat.id);
        expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect(entries.every((e) => e.id === `${aChat.id}:anonim:${e.seq}` && e.externalId === undefined)).toBe(true);
        expect(entries[0]!.media).toEqual([
          { kind: 'document', mimeType: 'application/pdf', sizeBytes: aFile.sizeBytes },
          { kind: 'image', mimeType: 'image/png', sizeBytes: sharedFile.sizeBytes },
        ]);
        // The mention is gone from the other chat, whose other messages are untouched.
        const other = await w.store.transcript(mentionChat.id);
        expect(JSON.stringify(other)).not.toContain(a.intl.slice(9));
        expect(other.map((e) => e.text)).toEqual(expect.arrayContaining(['lacak tiket', 'terima kasih']));

        // Tickets stay, without personal data.
        const t = (await w.store.getTicket(aTicket.number))!;
        expect(t.reporter).toEqual({ conversationId: aChat.id, channel: 'whatsapp', senderId: 'anonim' });
        expect(t).toMatchObject({ category: 'gangguan', agency: 'bkpsdm', status: 'ditutup', survey: { rating: 5 } });
        expect(t.attachments).toEqual([{ kind: 'document', mimeType: 'application/pdf', sizeBytes: aFile.sizeBytes }]);
        for (const trace of [a.intl.slice(2), aNik, 'Budi', 'Santoso', '199001012015031001']) expect(JSON.stringify(t)).not.toContain(trace);

        // Files: A's own file is gone; the picture B sent too stays.
        expect(w.files.exists(aFile.storageKey!)).toBe(false);
        expect(w.files.exists(sharedFile.storageKey!)).toBe(true);
        for (const f of readdirSync(join(w.filesDir, 'attachments'))) expect(readFileSync(join(w.filesDir, 'attachments', f)).toString('latin1')).not.toContain(aNik);

        // The knowledge gap keeps its count, without the name; B's stays as it was.
        const { knowledge } = createEvaluationStores(w.store);
        const gaps = await knowledge.gapGroups({ from: 0, to: T0 + 1, agencies: null, limit: 100 });
        expect(gaps.map((g) => g.text).sort()).toEqual(['kenapa data Siti Aminah hilang?', 'kenapa data [nama] hilang?']);
        // Deliveries, session, audit.
        expect(await w.privacy.pds.deliveriesOf([aChat.id])).toEqual([]);
        expect(await w.store.getDoc(WEBCHAT_SESSIONS, aWeb.threadId)).toBeNull();
        const audit = await w.store.listAudit({ limit: 1000 });
        expect(JSON.stringify(audit)).not.toContain(aEmail);
        expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'auth.login-failed', target: 'email:[email]' })]));
      });

      it('B is untouched', async () => {
        const c = (await w.store.getConversation(bChat.id))!;
        expect(c.identity).toMatchObject({ senderId: bChat.threadId, name: 'Siti Aminah' });
        expect((await w.store.getTicket(bTicket.number))!.reporter).toMatchObject({ name: 'Siti Aminah', contact: b.local });
        expect(await w.privacy.pds.deliveriesOf([bChat.id])).toHaveLength(1);
        expect((await w.store.transcript(bChat.id))[0]!.text).toBe('SIKATON tidak bisa dibuka');
      });

      it('afterwards nothing is found about the person, and a second erase changes nothing', async () => {
        for (const form of [a.local, aEmail]) {
          const data = (await w.privacy.service.exportSubject(form)).data as unknown as ExportedData;
          expect(data.percakapan).toEqual({ milikSendiri: [], disebutDiPercakapanLain: [] });
          expect(data.tiket).toEqual([]);
          expect(data.lampiran).toEqual([]);
          expect(data['jejak-audit']).toEqual([]);
        }
        const again = await w.privacy.service.eraseSubject(a.local);
        expect(again.holders.every((h) => h.count === 0)).toBe(true);
      });
    });

    describe('retention with a controllable clock', () => {
      let w: World;
      let closedChat: Conversation;
      let openChat: Conversation;
      let recentChat: Conversation;
      let closedTicket: Ticket;
      let openTicket: Ticket;
      let orphan: MediaRef;
      let kept: MediaRef;
      let chatFile: MediaRef;
      const p1 = phone();
      const p2 = phone();
      const run = async (days: number) => {
        w.clock.now = T0 + days * DAY_MS;
        return Object.fromEntries((await w.privacy.service.applyRetention()).map((r) => [r.holder, r.count]));
      };

      beforeAll(async () => {
        w = await makeWorld(makeStore);
        const { store } = w;
        chatFile = await w.files.save({ bytes: Buffer.from('foto layar error'), mimeType: 'image/jpeg' });
        kept = await w.files.save({ bytes: Buffer.from('lampiran tiket terbuka'), mimeType: 'image/png' });
        orphan = await w.files.save({ bytes: Buffer.from('unggahan yang tidak pernah dipakai'), mimeType: 'image/webp' });
        for (const f of [chatFile, kept, orphan]) utimesSync(join(w.filesDir, 'attachments', f.storageKey!), new Date(T0), new Date(T0));
        closedChat = await whatsappChat(store, p1.intl, 'Ani', [`error, hubungi ${p1.local}`], T0, [chatFile]);
        closedTicket = await ticketFor(store, closedChat, { category: 'gangguan', agency: 'bkpsdm', reporter: { conversationId: closedChat.id, channel: 'whatsapp', senderId: closedChat.threadId, name: 'Ani', contact: p1.local }, description: `HP ${p1.local}` });
        await close(store, closedTicket.number, T0 + 5000, 4);
        openChat = await whatsappChat(store, p2.intl, 'Dedi', ['aplikasi perizinan error'], T0);
        openTicket = await ticketFor(store, openChat, { category: 'keluhan', agency: 'dpmptsp', attachments: [kept], reporter: { conversationId: openChat.id, channel: 'whatsapp', senderId: openChat.threadId, name: 'Dedi', contact: p2.local } });
        recentChat = await whatsappChat(store, phone().intl, 'Rina', ['halo'], T0 + 600 * DAY_MS);
        await webchat(store, ['halo'], T0);
        await store.recordDelivery({ id: uniq('d'), conversationId: closedChat.id, channel: 'whatsapp', status: 'failed', attempts: 3, lastError: 'x', updatedAt: T0 });
        await store.appendAudit({ at: T0, actor: 'officer-1', action: 'ticket.status', target: `ticket:${closedTicket.number}` });
        const { knowledge } = createEvaluationStores(store);
        await knowledge.init();
        await knowledge.recordBotEvent({ id: `unanswered:${closedChat.id}:1`, kind: 'unanswered', at: T0, conversationId: closedChat.id, channel: 'whatsapp', agency: null, service: null, text: 'saya Ani, kenapa error?', normalized: 'saya ani kenapa error' });
      });
      afterAll(async () => {
        await cleanup(w.store);
        rmSync(w.filesDir, { recursive: true, force: true });
      });

      it('day 29: nothing is past its period', async () => {
        const before = await statistics(w.store);
        expect(Object.values(await run(29)).every((n) => n === 0)).toBe(true);
        expect(await statistics(w.store)).toEqual(before);
      });

      it('day 31: web chat sessions unused for 30 days are deleted', async () => {
        expect(await run(31)).toMatchObject({ 'sesi-obrolan-web': 1, percakapan: 0, pengiriman: 0 });
        expect(await w.store.listDocs(WEBCHAT_SESSIONS)).toEqual([]);
      });

      it('day 91: delivery records are deleted', async () => {
        expect(await run(91)).toMatchObject({ pengiriman: 1, percakapan: 0 });
      });

      it('day 366: idle conversations are anonymised except one with an open ticket; unreferenced old files go', async () => {
        const before = await statistics(w.store);
        const counts = await run(366);
        expect(counts).toMatchObject({ percakapan: 2, tiket: 0, 'jejak-audit': 0, 'celah-pengetahuan': 1 });
        const gaps = await createEvaluationStores(w.store).knowledge.gapGroups({ from: 0, to: T0 + 1, agencies: null, limit: 10 });
        expect(gaps.map((g) => [g.text, g.count])).toEqual([['saya [nama], kenapa error?', 1]]);
        expect((await w.store.getConversation(closedChat.id))!.threadId).toBe(`anonim:${closedChat.id}`);
        expect(await dump(w.store, closedChat.id)).not.toContain(p1.local.slice(1));
        expect((await w.store.getConversation(openChat.id))!.identity.name).toBe('Dedi');
        expect((await w.store.getConversation(recentChat.id))!.identity.name).toBe('Rina');
        // The chat's file lost its last reference; the orphan is old; the open ticket's file stays.
        expect(counts.lampiran).toBe(2);
        expect(w.files.exists(chatFile.storageKey!)).toBe(false);
        expect(w.files.exists(orphan.storageKey!)).toBe(false);
        expect(w.files.exists(kept.storageKey!)).toBe(true);
        // The closed ticket keeps its reporter until its own period.
        expect((await w.store.getTicket(closedTicket.number))!.reporter.contact).toBe(p1.local);
        expect(await statistics(w.store)).toEqual(before);
      });

      it('day 731: closed tickets are anonymised, open ones never', async () => {
        const before = await statistics(w.store);
        expect(await run(731)).toMatchObject({ tiket: 1, percakapan: 0 });
        const t = (await w.store.getTicket(closedTicket.number))!;
        expect(t.reporter).toEqual({ conversationId: closedChat.id, channel: 'whatsapp', senderId: 'anonim' });
        expect(t.description).not.toContain(p1.local.slice(1));
        expect(t.survey).toMatchObject({ rating: 4 });
        expect((await w.store.getTicket(openTicket.number))!.reporter.name).toBe('Dedi');
        expect(await statistics(w.store)).toEqual(before);
      });

      it('day 1096: old audit events are deleted; a second run the same day changes nothing', async () => {
        expect(await run(1096)).toMatchObject({ 'jejak-audit': 1 });
        expect(Object.values(await run(1096)).every((n) => n === 0)).toBe(true);
      });
    });
  });
}
