/**
 * The contract every adapter of the report and knowledge ports must pass (src/reports/port.ts,
 * src/knowledge/port.ts), written through the main Store so the facts come from real rows. Each
 * test uses its own window of time, so tests sharing one database do not see each other.
 */
import type { KnowledgeEntry, KnowledgeStore } from '../../src/knowledge/port';
import type { ReportsStore, TicketFact } from '../../src/reports/port';
import type { Store } from '../../src/store/port';
import { inbound, newTicket, uniq } from '../helpers/store-fixtures';

export interface EvaluationStoresUnderTest {
  store: Store;
  reports: ReportsStore;
  knowledge: KnowledgeStore;
}

const HOUR = 3_600_000;
let window = 0;
/** A fresh window starting at 00:00 WIB (report periods are whole days in Asia/Jakarta), far from every other test's. */
const nextWindow = () => Date.UTC(2030, 0, 1) - 7 * HOUR + window++ * 400 * 24 * HOUR;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function runEvaluationStoresContract(name: string, open: () => Promise<EvaluationStoresUnderTest>, close: (s: EvaluationStoresUnderTest) => Promise<void>): void {
  describe(`Evaluation stores contract: ${name}`, () => {
    let s: EvaluationStoresUnderTest;
    beforeAll(async () => {
      s = await open();
      await s.reports.init();
      await s.knowledge.init();
    });
    afterAll(async () => {
      if (s) await close(s);
    });

    async function ticket(at: number, over: Partial<Parameters<typeof newTicket>[0]> = {}) {
      const t = await s.store.createTicket(newTicket({ createdAt: at, numberPrefix: `HD-${uniq('')}-`, ...over }));
      return t;
    }

    describe('ReportsStore', () => {
      it('streams the facts of tickets created in [from, to), oldest first, with their status changes and rating', async () => {
        const t0 = nextWindow();
        const before = await ticket(t0 - 1);
        const a = await ticket(t0, { agency: 'bkpsdm', service: 'kepegawaian', category: 'gangguan' });
        const b = await ticket(t0 + 2 * HOUR, { agency: 'bapenda', coAgencies: ['bkad'], service: 'pajak-daerah', category: 'keluhan', reporter: { conversationId: uniq('c'), channel: 'whatsapp', senderId: 's' } });
        const after = await ticket(t0 + 10 * HOUR);
        await s.store.updateTicket(a.number, (t) => ({
          ...t,
          status: 'selesai',
          history: [
            ...t.history,
            { at: t0 + HOUR, by: 'o1', action: 'status', from: 'baru', to: 'ditugaskan' },
            { at: t0 + HOUR + 1, by: 'o1', action: 'catatan', note: 'dicek' },
            { at: t0 + 3 * HOUR, by: 'o1', action: 'status', from: 'ditugaskan', to: 'selesai' },
          ],
          survey: { rating: 4, comment: 'Baik', at: t0 + 4 * HOUR },
          updatedAt: t0 + 4 * HOUR,
        }));
        const facts = await collect(s.reports.ticketFacts({ from: t0, to: t0 + 10 * HOUR, agencies: null, service: null }));
        expect(facts.map((f) => f.number)).toEqual([a.number, b.number]);
        expect(facts.map((f) => f.number)).not.toContain(before.number);
        expect(facts.map((f) => f.number)).not.toContain(after.number);
        const fa = facts[0]!;
        expect(fa).toEqual<TicketFact>({
          number: a.number,
          category: 'gangguan',
          status: 'selesai',
          priority: 'sedang',
          service: 'kepegawaian',
          agency: 'bkpsdm',
          channel: 'telegram',
          createdAt: t0,
          updatedAt: t0 + 4 * HOUR,
          responseDueAt: t0 + HOUR,
          resolveDueAt: t0 + 24 * HOUR,
          pausedMs: 0,
          pausedSince: null,
          transitions: [
            [t0 + HOUR, 'baru', 'ditugaskan'],
            [t0 + 3 * HOUR, 'ditugaskan', 'selesai'],
          ],
          rating: 4,
          comment: 'Baik',
          ratedAt: t0 + 4 * HOUR,
        });
        expect(facts[1]).toMatchObject({ number: b.number, channel: 'whatsapp', transitions: [], rating: null, comment: null, ratedAt: null, status: 'baru' });
        // Scope: primary or co-agency; service.
        const bkad = await collect(s.reports.ticketFacts({ from: t0, to: t0 + 10 * HOUR, agencies: ['bkad'], service: null }));
        expect(bkad.map((f) => f.number)).toEqual([b.number]);
        const simpeg = await collect(s.reports.ticketFacts({ from: t0, to: t0 + 10 * HOUR, agencies: null, service: 'kepegawaian' }));
        expect(simpeg.map((f) => f.number)).toEqual([a.number]);
        expect(await collect(s.reports.ticketFacts({ from: t0, to: t0 + 10 * HOUR, agencies: ['dinsos'], service: null }))).toEqual([]);
      });

      it('counts open tickets and those past their deadline, whatever their creation date', async () => {
        const t0 = nextWindow();
        const agency = `pd-${uniq('')}`.toLowerCase();
        const open = await ticket(t0, { agency, sla: { responseDueAt: t0 + HOUR, resolveDueAt: t0 + 2 * HOUR, pausedMs: 0, pausedSince: null, escalated: [] } });
        await ticket(t0 - 100 * 24 * HOUR, { agency, sla: { responseDueAt: t0, resolveDueAt: t0 + 48 * HOUR, pausedMs: 0, pausedSince: null, escalated: [] } });
        const done = await ticket(t0, { agency });
        await s.store.updateTicket(done.number, (t) => ({ ...t, status: 'ditolak' }));
        expect(await s.reports.backlog({ agencies: [agency], service: null, now: t0 + 3 * HOUR })).toEqual({ open: 2, overdue: 1 });
        expect(await s.reports.backlog({ agencies: [agency], service: null, now: t0 })).toEqual({ open: 2, overdue: 0 });
        await s.store.updateTicket(open.number, (t) => ({ ...t, status: 'menunggu_pelapor', sla: { ...t.sla, pausedSince: t0 + HOUR } }));
        expect(await s.reports.backlog({ agencies: [agency], service: null, now: t0 + 3 * HOUR })).toEqual({ open: 2, overdue: 0 });
      });

      it('gives each conversation with messages in the period: its channel, messages by sender, ticket and hand-off', async () => {
        const t0 = nextWindow();
        const a = await s.store.acceptInbound(inbound({ channel: 'webchat', at: t0 }));
        await s.store.appendEntries(a.conversation.id, [
          { id: `${a.entry.id}:r0`, from: 'bot', text: 'jawaban', at: t0 + 1 },
          { id: `${a.entry.id}:r1`, from: 'bot', text: 'menu', at: t0 + 2 },
        ], [a.entry.id]);
        await s.store.acceptInbound(inbound({ channel: 'webchat', threadId: a.conversation.threadId, at: t0 + HOUR }));
        await s.store.appendEntries(a.conversation.id, [{ id: uniq('agent'), from: 'agent', text: 'halo', officerId: 'o1', at: t0 + 2 * HOUR }]);
        // Outside the period: not counted.
        await s.store.appendEntries(a.conversation.id, [{ id: uniq('late'), from: 'bot', text: 'nanti', at: t0 + 30 * 24 * HOUR }]);
        const conv = (await s.store.getConversation(a.conversation.id))!;
        await s.store.saveConversation({ ...conv, agency: 'bkpsdm', service: 'kepegawaian' }, conv.version);
        await ticket(t0 + HOUR, { reporter: { conversationId: a.conversation.id, channel: 'webchat', senderId: 's' } });
        await s.knowledge.recordBotEvent({ id: uniq('h'), kind: 'handoff', at: t0 + HOUR, conversationId: a.conversation.id, channel: 'webchat', agency: 'bkpsdm', service: 'kepegawaian' });

        const b = await s.store.acceptInbound(inbound({ channel: 'whatsapp', at: t0 + 5 * HOUR }));
        const outside = await s.store.acceptInbound(inbound({ channel: 'telegram', at: t0 - HOUR }));

        const facts = await collect(s.reports.conversationFacts({ from: t0, to: t0 + 24 * HOUR, withScope: true }));
        expect(facts).toHaveLength(2);
        const byChannel = new Map(facts.map((f) => [f.channel, f]));
        expect(byChannel.get('webchat')).toEqual({ channel: 'webchat', agency: 'bkpsdm', service: 'kepegawaian', user: 2, bot: 2, agent: 1, ticket: true, handoff: true });
        expect(byChannel.get('whatsapp')).toEqual({ channel: 'whatsapp', agency: null, service: null, user: 1, bot: 0, agent: 0, ticket: false, handoff: false });
        expect(b.conversation.id).not.toBe(outside.conversation.id);
        // Without scope fields: the same counts.
        const plain = await collect(s.reports.conversationFacts({ from: t0, to: t0 + 24 * HOUR, withScope: false }));
        expect(plain.map((f) => [f.channel, f.user, f.bot, f.agent, f.ticket, f.handoff]).sort()).toEqual([
          ['webchat', 2, 2, 1, true, true],
          ['whatsapp', 1, 0, 0, false, false],
        ]);
        // A message withdrawn before it was processed no longer counts (and an empty day is no conversation).
        const withdrawn = await s.store.acceptInbound(inbound({ channel: 'telegram', at: t0 + 6 * HOUR }));
        expect(await collect(s.reports.conversationFacts({ from: t0, to: t0 + 24 * HOUR, withScope: false }))).toHaveLength(3);
        await s.store.withdrawInbound(withdrawn.entry.id);
        expect(await collect(s.reports.conversationFacts({ from: t0, to: t0 + 24 * HOUR, withScope: false }))).toHaveLength(2);
      });

      it('counts bot events of the period by kind, in scope (no agency is the general queue)', async () => {
        const t0 = nextWindow();
        const ev = (kind: 'handoff' | 'unanswered' | 'low_confidence' | 'not_helpful', agency: string | null, at = t0, service: string | null = null) =>
          s.knowledge.recordBotEvent({ id: uniq('e'), kind, at, conversationId: uniq('c'), channel: 'webchat', agency, service, text: 'tanya', normalized: 'tanya' });
        await ev('handoff', 'bkpsdm', t0, 'kepegawaian');
        await ev('unanswered', null);
        await ev('unanswered', 'bkpsdm', t0, 'kepegawaian');
        await ev('low_confidence', 'bapenda');
        await ev('not_helpful', 'bkpsdm', t0 + 48 * HOUR); // outside
        const q = { from: t0, to: t0 + 24 * HOUR, service: null };
        expect(await s.reports.botEventCounts({ ...q, agencies: null })).toEqual({ handoff: 1, unanswered: 2, low_confidence: 1 });
        expect(await s.reports.botEventCounts({ ...q, agencies: ['bkpsdm'] })).toEqual({ handoff: 1, unanswered: 1 });
        expect(await s.reports.botEventCounts({ ...q, agencies: ['diskominfo'] })).toEqual({ unanswered: 1 });
        expect(await s.reports.botEventCounts({ ...q, agencies: null, service: 'kepegawaian' })).toEqual({ handoff: 1, unanswered: 1 });
      });

      it('claims a monthly digest once per agency', async () => {
        const month = `20${String(50 + window).padStart(2, '0')}-01`;
        expect(await s.reports.claimDigest(month, 'bkpsdm', 1)).toBe(true);
        expect(await s.reports.claimDigest(month, 'bkpsdm', 2)).toBe(false);
        expect(await s.reports.claimDigest(month, 'bapenda', 3)).toBe(true);
        const results = await Promise.all(Array.from({ length: 5 }, () => s.reports.claimDigest(month, 'dinsos', 4)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('KnowledgeStore', () => {
      it('records bot events once and groups gap questions with counts, kinds, latest text and scope', async () => {
        const t0 = nextWindow();
        const record = (id: string, kind: 'unanswered' | 'low_confidence' | 'not_helpful' | 'handoff', normalized: string, text: string, at: number, agency: string | null = null) =>
          s.knowledge.recordBotEvent({ id, kind, at, conversationId: uniq('c'), channel: 'webchat', agency, service: agency ? 'kepegawaian' : null, text, normalized });
        const key = uniq('g');
        await record(`${key}1`, 'unanswered', 'cara daftar magang', 'Cara daftar magang?', t0);
        await record(`${key}1`, 'unanswered', 'cara daftar magang', 'Cara daftar magang?', t0); // the same turn again
        await record(`${key}2`, 'low_confidence', 'cara daftar magang', 'cara daftar magang dong', t0 + HOUR);
        await record(`${key}3`, 'not_helpful', 'jam buka kantor', 'jam buka kantor?', t0 + 2 * HOUR, 'bkpsdm');
        await record(`${key}4`, 'handoff', 'bukan gap', 'x', t0 + 3 * HOUR);
        const rows = await s.knowledge.gapGroups({ from: t0, to: t0 + 24 * HOUR, agencies: null, limit: 10 });
        expect(rows).toEqual([
          { normalized: 'cara daftar magang', text: 'cara daftar magang dong', count: 2, lastAt: t0 + HOUR, kinds: { unanswered: 1, low_confidence: 1 }, service: null },
          { normalized: 'jam buka kantor', text: 'jam buka kantor?', count: 1, lastAt: t0 + 2 * HOUR, kinds: { not_helpful: 1 }, service: 'kepegawaian' },
        ]);
        expect((await s.knowledge.gapGroups({ from: t0, to: t0 + 24 * HOUR, agencies: ['bkpsdm'], limit: 10 })).map((r) => r.normalized)).toEqual(['jam buka kantor']);
        expect((await s.knowledge.gapGroups({ from: t0, to: t0 + 24 * HOUR, agencies: null, limit: 1 })).map((r) => r.normalized)).toEqual(['cara daftar magang']);
      });

      it('keeps entries with a revision check; publishing records the version and raises the published counter', async () => {
        const at = nextWindow();
        const entry: KnowledgeEntry = {
          id: `kb-${uniq('').replace(/[^a-z0-9]/g, '')}`,
          service: null,
          questions: ['cara daftar magang'],
          answer: 'Lewat surat kampus ke BKPSDM.',
          state: 'draft',
          live: null,
          revision: 1,
          gap: 'cara daftar magang',
          createdAt: at,
          createdBy: 'o1',
          updatedAt: at,
          updatedBy: 'o1',
          agency: 'diskominfo',
        };
        await s.knowledge.createEntry(entry);
        expect(await s.knowledge.getEntry(entry.id)).toEqual(entry);
        expect(await s.knowledge.getEntry('kb-tidakada')).toBeNull();
        const v0 = await s.knowledge.publishedVersion();

        // A stale revision loses.
        expect(await s.knowledge.saveEntry({ ...entry, answer: 'lama' }, 0)).toBe(false);
        const live = { version: 1, service: null, questions: entry.questions, answer: entry.answer, publishedAt: at + 1, publishedBy: 'k1' };
        expect(await s.knowledge.saveEntry({ ...entry, state: 'published', live, updatedAt: at + 1 }, 1, { publish: live })).toBe(true);
        expect(await s.knowledge.saveEntry({ ...entry, state: 'published', live, updatedAt: at + 1 }, 1, { publish: live })).toBe(false);
        expect(await s.knowledge.publishedVersion()).toBe(v0 + 1);
        expect(await s.knowledge.getEntry(entry.id)).toMatchObject({ state: 'published', revision: 2, live });
        expect((await s.knowledge.publishedEntries()).map((e) => e.id)).toContain(entry.id);
        expect((await s.knowledge.listEntries({ state: 'published' })).map((e) => e.id)).toContain(entry.id);
        expect((await s.knowledge.listEntries({ state: 'draft' })).map((e) => e.id)).not.toContain(entry.id);

        const live2 = { ...live, version: 2, answer: 'Lewat surat kampus ke BKPSDM, sebulan sebelumnya.', publishedAt: at + 2 };
        expect(await s.knowledge.saveEntry({ ...entry, state: 'published', answer: live2.answer, live: live2, updatedAt: at + 2 }, 2, { publish: live2 })).toBe(true);
        expect(await s.knowledge.versions(entry.id)).toEqual([live, live2]);
        // Withdrawing changes what the bot answers: the counter moves; plain edits do not.
        expect(await s.knowledge.saveEntry({ ...entry, state: 'withdrawn', live: live2, updatedAt: at + 3 }, 3, { changesLive: true })).toBe(true);
        expect(await s.knowledge.publishedVersion()).toBe(v0 + 3);
        expect(await s.knowledge.saveEntry({ ...entry, state: 'withdrawn', answer: 'catatan', live: live2, updatedAt: at + 4 }, 4)).toBe(true);
        expect(await s.knowledge.publishedVersion()).toBe(v0 + 3);
        expect((await s.knowledge.publishedEntries()).map((e) => e.id)).not.toContain(entry.id);
      });
    });
  });
}
