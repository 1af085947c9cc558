/**
 * Evaluation reports on a busy year in the embedded store: 100,000 tickets and 2,000,000
 * transcript messages (200,000 conversations) of 2026, seeded straight into a fresh SQLite file
 * in the store's own row format (the store's API would take far longer to seed; what is measured
 * is only the report path: src/reports on src/store/sqlite/reports-store.ts). Measured: the
 * summary of a month and of the year (koordinator scope, every agency) and of one agency's
 * month, and the month's XLSX, streamed to a discarding sink, with peak RSS sampled meanwhile;
 * in the full run also the year's XLSX (100,000 rows) to show memory does not grow with rows.
 *
 * Alone: `npx tsx bench/reports.ts [--quick]`. From `npm run bench` it runs as a child process
 * (a clean heap for the memory figures) and hands its summary rows back on a `@summary` line.
 */
import '../src/nlu/natural';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import { CHANNELS, type Channel, type TicketCategory, type TicketStatus } from '../src/domain/ids';
import { loadKnowledge } from '../src/knowledge/load-knowledge';
import { writeXlsx } from '../src/reports/export-xlsx';
import { monthPeriod, parsePeriod } from '../src/reports/period';
import { createReportDesk } from '../src/reports/report-desk';
import { buildReportModel } from '../src/reports/report-model';
import { loadEvaluationSettings } from '../src/reports/targets';
import { ticketColumns } from '../src/reports/ticket-columns';
import { createEvaluationStores } from '../src/store/create-evaluation-stores';
import { gcFunction } from './memory';
import type { Conversation, Ticket, TicketHistoryItem } from '../src/store/port';
import { computeSla, loadBusinessCalendar, loadSlaConfig } from '../src/tickets';
import { QUICK, SIZE, nextTicketNumber, onBenchStore, out, random, runBenchChild, runIfMain, seedConversations, seedInserts } from './seed-store';

const MESSAGES_PER_CONVERSATION = 10;
const YEAR_START = Date.UTC(2026, 0, 1) - 7 * 3_600_000; // 1 January 2026 00:00 WIB
const YEAR_MS = 365 * 86_400_000;

interface SeedResult {
  ms: number;
  conversations: number;
  messages: number;
  tickets: number;
  fileMb: number;
}

function seed(db: Database.Database, size: typeof SIZE): SeedResult {
  const rnd = random(2026);
  const knowledge = loadKnowledge();
  const calendar = loadBusinessCalendar();
  const sla = loadSlaConfig();
  const services = [...knowledge.services.values()];
  const categories: TicketCategory[] = ['gangguan', 'gangguan', 'permintaan', 'permintaan', 'keluhan', 'perubahan', 'informasi'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const conversations = Math.round(size.messages / MESSAGES_PER_CONVERSATION);
  const ticketEvery = conversations / size.tickets;

  const ins = seedInserts(db);
  const insEvent = db.prepare('INSERT INTO bot_events (id, kind, at, conversation_id, channel, agency, service, normalized, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const daily = new Map<string, number>();
  let messages = 0;
  let tickets = 0;

  const { ms, fileMb } = seedConversations(db, conversations, (i) => {
    const id = `c${i.toString(36).padStart(6, '0')}`;
    const channel: Channel = pick(CHANNELS);
    const start = calendar.nextOpen(YEAR_START + Math.floor(((i + rnd()) / conversations) * YEAR_MS));
    const service = pick(services);
    const agency = service.owners[0]!;
    const withTicket = Math.floor(i / ticketEvery) !== Math.floor((i + 1) / ticketEvery) && tickets < size.tickets;
    const withAgent = rnd() < 0.15;
    const conv: Conversation = {
      id,
      channel,
      threadId: `t${i}`,
      identity: { senderId: `u${i}`, name: 'Warga' },
      owner: withAgent ? 'closed' : 'bot',
      officerId: null,
      agency: withAgent ? agency : null,
      service: service.id,
      flow: null,
      ticketNumber: null,
      version: 1,
      processedSeq: MESSAGES_PER_CONVERSATION - 1,
      outbox: [],
      waitingSince: null,
      unreachable: false,
      createdAt: start,
      updatedAt: start,
      lastMessageAt: start + MESSAGES_PER_CONVERSATION * 60_000,
    };
    // The conversation first: the trigger counting messages per day reads its channel.
    ins.conversation.run(id, channel, conv.threadId, conv.owner, conv.agency, MESSAGES_PER_CONVERSATION, conv.lastMessageAt, JSON.stringify(conv));
    for (let m = 1; m <= MESSAGES_PER_CONVERSATION; m++) {
      const from = m % 2 === 1 ? 'user' : withAgent && m === MESSAGES_PER_CONVERSATION ? 'agent' : 'bot';
      const at = start + m * 60_000;
      const entryId = from === 'user' ? `${id}:in:x${m}` : `${id}:in:x${m - 1}:r0`;
      const doc = { id: entryId, conversationId: id, seq: m, from, text: from === 'user' ? 'Selamat pagi, aplikasi tidak bisa dibuka sejak tadi, mohon bantuannya.' : 'Baik, terima kasih. Laporan Anda kami catat dan teruskan ke petugas.', ...(from === 'user' ? { externalId: `x${m}` } : {}), at };
      ins.entry.run(entryId, id, m, from === 'user' ? channel : null, from === 'user' ? `${id}-x${m}` : null, from === 'user' ? 'processed' : null, at, JSON.stringify(doc));
      messages++;
    }
    if (withTicket) {
      tickets++;
      const category = pick(categories);
      const created = start + 3 * 60_000;
      const number = nextTicketNumber(daily, created);
      const priority = sla.defaultPriority[category][service.kind];
      const s = computeSla(sla, calendar, category, priority, created);
      const history: TicketHistoryItem[] = [{ at: created, by: 'bot', action: 'dibuat', to: 'baru' }];
      let status = 'baru' as TicketStatus;
      let t = created;
      const move = (to: TicketStatus, minutes: number, note?: string) => {
        t = calendar.addWorkingMinutes(t, minutes);
        history.push({ at: t, by: 'o1', action: 'status', from: status, to, ...(note ? { note } : {}) });
        status = to;
      };
      const fate = rnd();
      if (fate > 0.04) {
        move('ditugaskan', 5 + Math.floor(rnd() * 240));
        move('diproses', 5 + Math.floor(rnd() * 60));
        if (rnd() < 0.1) {
          move('menunggu_pelapor', 30 + Math.floor(rnd() * 120), 'Mohon lengkapi data.');
          move('diproses', 60 + Math.floor(rnd() * 600));
        }
        if (fate > 0.12) {
          move(rnd() < 0.05 ? 'ditolak' : 'selesai', 30 + Math.floor(rnd() * 1800), 'Sudah ditangani.');
          if (status === 'selesai' && rnd() < 0.5) move('ditutup', 60);
        }
      }
      const rated = (status === 'selesai' || status === 'ditutup') && rnd() < 0.4;
      const ticket: Ticket = {
        number,
        category,
        service: service.id,
        agency,
        coAgencies: service.owners.slice(1),
        priority,
        status,
        summary: `${category}: aplikasi ${service.name} tidak dapat diakses`,
        description: 'Sejak pagi aplikasi tidak dapat dibuka dari kantor, muncul pesan galat saat masuk. Sudah dicoba di beberapa komputer.',
        reporter: { conversationId: id, channel, senderId: `u${i}`, name: 'Warga', contact: '081234567890' },
        attachments: [],
        history,
        sla: s,
        survey: rated ? { rating: 1 + Math.floor(rnd() * 5), ...(rnd() < 0.3 ? { comment: 'Terima kasih, cukup cepat.' } : {}), at: t + 3_600_000 } : null,
        assignee: null,
        createdAt: created,
        updatedAt: t,
      };
      const closed = status === 'selesai' || status === 'ditutup' || status === 'ditolak';
      ins.ticket.run(number, `k${i}`, status, category, service.id, agency, id, closed ? null : s.resolveDueAt, created, JSON.stringify(ticket));
      for (const a of new Set([agency, ...ticket.coAgencies])) ins.agency.run(a, number);
    }
    if (withAgent) insEvent.run(`handoff:${id}`, 'handoff', start + 2 * 60_000, id, channel, agency, service.id, null, JSON.stringify({ kind: 'handoff' }));
    else if (rnd() < 0.05) insEvent.run(`unanswered:${id}`, 'unanswered', start + 60_000, id, channel, null, null, `pertanyaan ${i % 500}`, JSON.stringify({ kind: 'unanswered', text: `pertanyaan ${i % 500}` }));
  });
  return { ms, conversations, messages, tickets, fileMb };
}

/** Peak RSS and heap while `fn` runs (sampled every 20 ms). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; rssBeforeMb: number; rssPeakMb: number; heapPeakMb: number }> {
  const mb = (n: number) => Math.round(n / 1048576);
  const before = process.memoryUsage().rss;
  let peak = before;
  let heapPeak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpu0);
    return { value, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, rssBeforeMb: mb(before), rssPeakMb: mb(peak), heapPeakMb: mb(heapPeak) };
  } finally {
    clearInterval(timer);
  }
}

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    // Like a network client: a little later, not at once.
    setImmediate(done);
  }
}

export function main(): Promise<void> {
  return onBenchStore('helpdesk-bench-reports-', async (store, reuse, dir) => {
    const summary: string[][] = [];
    out(`=== 5. Evaluation reports on a busy year (embedded store, koordinator scope) ===`);
    if (reuse) out(`reusing the seeded store in ${dir}`);
    const seeded = reuse ? null : seed(store.database(), SIZE);
    if (seeded) out(`seeded ${seeded.tickets} tickets, ${seeded.messages} messages in ${seeded.conversations} conversations of 2026 in ${(seeded.ms / 1000).toFixed(0)} s (SQLite file ${seeded.fileMb} MB)`);

    const knowledge = loadKnowledge();
    const { reports } = createEvaluationStores(store);
    const settings = loadEvaluationSettings();
    const desk = createReportDesk({ store: reports, knowledge, calendar: loadBusinessCalendar(), settings, now: () => Date.UTC(2027, 0, 5, 3) });
    const koordinator = { id: 'bench', role: 'koordinator-layanan' as const, agency: 'diskominfo' };
    const november = monthPeriod('2026-11');
    const year = parsePeriod('2026-01-01', '2026-12-31');
    const time = async (label: string, run: () => Promise<unknown>) => {
      const first = await withPeakRss(run);
      const second = await withPeakRss(run);
      out(`${label}: ${first.ms.toFixed(0)} ms (again: ${second.ms.toFixed(0)} ms; CPU ${first.cpuMs.toFixed(0)} / ${second.cpuMs.toFixed(0)} ms), RSS ${first.rssBeforeMb} -> peak ${Math.max(first.rssPeakMb, second.rssPeakMb)} MB`);
      return first;
    };
    const monthMs = await time('summary, November (every agency)', () => desk.summary(koordinator, { period: november }));
    const agencyMs = await time('summary, November, one agency (bkpsdm)', () => desk.summary(koordinator, { period: november, agency: 'bkpsdm' }));
    const yearMs = await time('summary, the whole year (every agency)', () => desk.summary(koordinator, { period: year }));
    const figures = await desk.summary(koordinator, { period: november });
    out(`  November: ${figures.tickets.total} tickets, ${figures.conversations.total} conversations, ${figures.messages.total} messages; response met ${((figures.tickets.firstResponse.metShare ?? 0) * 100).toFixed(1)}%, median resolution ${figures.tickets.resolution.medianMinutes} working min`);

    const exportXlsx = async (period: typeof november) => {
      const f = await desk.summary(koordinator, { period });
      const model = buildReportModel(f, { knowledge, sla: loadSlaConfig(), signatory: settings.signatory });
      const sink = new CountingSink();
      await writeXlsx(sink, { model, rows: () => desk.ticketRows(desk.scopeOf(koordinator, { period })), columns: ticketColumns(knowledge) });
      await new Promise<void>((resolve) => (sink.writableFinished ? resolve() : sink.once('finish', () => resolve())));
      return { rows: f.tickets.total, bytes: sink.bytes };
    };
    const { gc } = gcFunction();
    const heapAfterGc = () => {
      gc?.();
      return Math.round(process.memoryUsage().heapUsed / 1048576);
    };
    const month = await withPeakRss(() => exportXlsx(november));
    const monthAfter = heapAfterGc();
    out(`XLSX, November: ${month.value.rows} ticket rows, ${(month.value.bytes / 1048576).toFixed(1)} MB in ${(month.ms / 1000).toFixed(1)} s (CPU ${(month.cpuMs / 1000).toFixed(1)} s), RSS ${month.rssBeforeMb} -> peak ${month.rssPeakMb} MB, heap peak ${month.heapPeakMb} MB (${monthAfter} MB after GC)`);
    summary.push(
      ['reports: summary of a month (busy year)', `${monthMs.ms.toFixed(0)} ms, CPU ${monthMs.cpuMs.toFixed(0)} ms (one agency: ${agencyMs.ms.toFixed(0)} ms)`, 'target < 1 s'],
      ['reports: summary of the year', `${yearMs.ms.toFixed(0)} ms, CPU ${yearMs.cpuMs.toFixed(0)} ms`, 'target < 5 s'],
      ['reports: XLSX of a month', `${(month.ms / 1000).toFixed(1)} s, ${month.value.rows} rows, heap peak ${month.heapPeakMb} MB, RSS peak ${month.rssPeakMb} MB`, 'target < 30 s, bounded memory'],
    );
    if (!QUICK) {
      const whole = await withPeakRss(() => exportXlsx(year));
      const wholeAfter = heapAfterGc();
      out(`XLSX, the whole year: ${whole.value.rows} ticket rows, ${(whole.value.bytes / 1048576).toFixed(1)} MB in ${(whole.ms / 1000).toFixed(1)} s (CPU ${(whole.cpuMs / 1000).toFixed(1)} s), RSS ${whole.rssBeforeMb} -> peak ${whole.rssPeakMb} MB, heap peak ${whole.heapPeakMb} MB (${wholeAfter} MB after GC; rows are streamed, never held)`);
      summary.push(['reports: XLSX of the year', `${(whole.ms / 1000).toFixed(1)} s, ${whole.value.rows} rows, heap peak ${whole.heapPeakMb} MB, RSS peak ${whole.rssPeakMb} MB`, '']);
    }
    out();
    return summary;
  });
}

runIfMain(module, main);

/**
 * For bench/run.ts: runs this file as a child process (its own heap for the memory figures),
 * echoes its lines and returns its summary rows. A failure is reported as a row, not thrown.
 */
export function runReportsBench(quick: boolean, print: (line: string) => void): Promise<string[][]> {
  return runBenchChild(__filename, 'reports', quick, print);
}
