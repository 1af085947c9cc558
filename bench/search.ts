/**
 * Console search on the embedded store (`searchTickets`, FTS5): 100,000 tickets and 2,000,000
 * messages (`--quick`: 10,000 and 200,000) with a varied vocabulary, then the latency of the
 * searches officers make: a rare word, a common one, two words, the start of a word, a ticket
 * number and the start of one, over every agency and within one agency. Target: under 300 ms.
 *   npx tsx bench/search.ts [--quick] [--data <dir>]    (alone; --data keeps the seeded store)
 * bench/run.ts runs it as a child process (section 7).
 */
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { SIZE, nextTicketNumber, onBenchStore, out, random, runBenchChild, runIfMain, seedConversations, seedInserts } from './seed-store';

const PER_CONVERSATION = 10;
const AGENCIES = ['bkpsdm', 'bapenda', 'disdukcapil', 'diskominfo', 'dinkes', 'disdik', 'dpmptsp', 'bappelitbangda', 'dishub', 'dinsos'];
const START = Date.UTC(2026, 0, 1);
const RUNS = 15;

/** Everyday words (common) and a long tail of made-up ones (rare), Zipf-like. */
const COMMON = ['aplikasi', 'tidak', 'bisa', 'dibuka', 'mohon', 'bantuan', 'login', 'data', 'kantor', 'pegawai', 'pajak', 'gaji', 'akun', 'sandi', 'server', 'jaringan', 'surat', 'izin', 'berkas', 'unggah'];
function vocabulary(n: number): string[] {
  const syl = ['ka', 'ri', 'mu', 'ta', 'sen', 'do', 'lan', 'pe', 'gu', 'ra', 'wi', 'no', 'be', 'sa', 'ti', 'jo'];
  const words: string[] = [];
  for (let i = 0; words.length < n; i++) {
    let w = '';
    for (let x = i + 7; w.length < 6 || x > 0; x = Math.floor(x / syl.length)) w += syl[x % syl.length];
    words.push(w);
  }
  return words;
}

function seed(db: Database.Database): { ms: number; fileMb: number } {
  const rnd = random(14);
  const tail = vocabulary(20_000);
  const word = () => (rnd() < 0.6 ? COMMON[Math.floor(rnd() * rnd() * COMMON.length)]! : tail[Math.floor(rnd() * rnd() * rnd() * tail.length)]!);
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const conversations = Math.round(SIZE.messages / PER_CONVERSATION);
  const ticketEvery = conversations / SIZE.tickets;
  const ins = seedInserts(db);
  const daily = new Map<string, number>();
  let tickets = 0;
  return seedConversations(db, conversations, (i) => {
    const id = `c${i.toString(36).padStart(6, '0')}`;
    const at = START + Math.floor((i / conversations) * 330 * 86_400_000);
    // Skewed: the first agency has most tickets, the last very few (the scoped searches).
    const agency = AGENCIES[Math.min(AGENCIES.length - 1, Math.floor(-Math.log2(1 - rnd() * 0.999)))]!;
    ins.conversation.run(id, 'webchat', `t${i}`, 'closed', agency, PER_CONVERSATION, at, JSON.stringify({ id, channel: 'webchat', threadId: `t${i}`, identity: { senderId: `u${i}` }, owner: 'closed', agency, createdAt: at }));
    for (let m = 1; m <= PER_CONVERSATION; m++) {
      const from = m % 2 === 1 ? 'user' : m === PER_CONVERSATION ? 'agent' : 'bot';
      const entryId = `${id}:${m}`;
      const text = from === 'bot' ? 'Baik, laporan Anda kami catat dan teruskan ke petugas.' : `${sentence(6 + Math.floor(rnd() * 10))}${i % 50_000 === 7 && m === 1 ? ' kiwarisasi' : ''}`;
      ins.entry.run(entryId, id, m, from === 'user' ? 'webchat' : null, from === 'user' ? entryId : null, from === 'user' ? 'processed' : null, at + m * 60_000, JSON.stringify({ id: entryId, conversationId: id, seq: m, from, text, at: at + m * 60_000 }));
    }
    if (Math.floor(i / ticketEvery) !== Math.floor((i + 1) / ticketEvery) && tickets < SIZE.tickets) {
      tickets++;
      const number = nextTicketNumber(daily, at);
      const ticket = {
        number,
        category: 'gangguan',
        service: null,
        agency,
        coAgencies: [],
        priority: 'sedang',
        status: 'selesai',
        summary: sentence(5),
        description: sentence(20),
        reporter: { conversationId: id, channel: 'webchat', senderId: `u${i}` },
        attachments: [],
        history: [],
        sla: { responseDueAt: at, resolveDueAt: at, pausedMs: 0, pausedSince: null, escalated: [] },
        survey: null,
        assignee: null,
        createdAt: at,
        updatedAt: at,
      };
      ins.ticket.run(number, `k${i}`, 'selesai', 'gangguan', null, agency, id, null, at, JSON.stringify(ticket));
      ins.agency.run(agency, number);
    }
  });
}

export function main(): Promise<void> {
  return onBenchStore('helpdesk-bench-search-', async (store, reuse, dir) => {
    const summary: string[][] = [];
    out(`=== 7. Console search (embedded store, FTS5) ===`);
    if (!reuse) {
      const s = seed(store.database());
      out(`seeded ${SIZE.tickets} tickets and ${SIZE.messages} messages in ${(s.ms / 1000).toFixed(0)} s (SQLite file ${s.fileMb} MB, with the search indexes)`);
    } else out(`reusing the seeded store in ${dir}`);
    const db = store.database();
    const sample = db.prepare(`SELECT number FROM tickets ORDER BY rowid LIMIT 1 OFFSET ?`).get(Math.floor(SIZE.tickets / 2)) as { number: string };
    const few = AGENCIES[AGENCIES.length - 1]!;
    const cases: [string, string, string[] | undefined][] = [
      ['a rare word (in a handful of messages)', 'kiwarisasi', undefined],
      ['a common word, every agency', 'aplikasi', undefined],
      [`a common word, one small agency (${few})`, 'aplikasi', [few]],
      ['two common words', 'login sandi', undefined],
      ['two words, one agency (bkpsdm)', 'gaji pegawai', ['bkpsdm']],
      ['the start of a word ("apl")', 'apl', undefined],
      ['a word of the long tail', vocabulary(20_000)[50]!, undefined],
      ['a word found nowhere', 'zzqxv', undefined],
      ['a ticket number', sample.number, undefined],
      ['the start of a number (a day)', sample.number.slice(0, 10), ['bkpsdm']],
    ];
    const rows: [string, number, number, number, number][] = [];
    for (const [label, text, agencies] of cases) {
      const times: number[] = [];
      let found = 0;
      let more = false;
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const res = await store.searchTickets({ text, limit: 20, ...(agencies ? { agencies } : {}) });
        times.push(performance.now() - t0);
        found = res.tickets.length;
        more = res.more;
      }
      const first = times[0]!;
      const sorted = times.slice(1).sort((a, b) => a - b);
      rows.push([`${label}: "${text}"${more ? ' (more pages)' : ''}`, found, first, sorted[Math.floor(sorted.length / 2)]!, sorted[sorted.length - 1]!]);
    }
    const w = Math.max(...rows.map((r) => r[0].length));
    out(`${'search (first page of 20)'.padEnd(w)}  found  first ms  median ms  max ms`);
    for (const [label, found, first, median, max] of rows) out(`${label.padEnd(w)}  ${String(found).padStart(5)}  ${first.toFixed(1).padStart(8)}  ${median.toFixed(1).padStart(9)}  ${max.toFixed(1).padStart(6)}`);
    const worst = rows.reduce((a, b) => (b[4] > a[4] ? b : a));
    const worstMedian = Math.max(...rows.map((r) => r[3]));
    out();
    summary.push([
      `search: ${SIZE.tickets} tickets, ${SIZE.messages} messages`,
      `worst median ${worstMedian.toFixed(0)} ms, slowest single ${worst[4].toFixed(0)} ms (${worst[0].split(':')[0]})`,
      'target < 300 ms',
    ]);
    return summary;
  });
}

runIfMain(module, main);

/** For bench/run.ts: runs this file as a child process, echoes its lines, returns its summary rows. */
export function runSearchBench(quick: boolean, print: (line: string) => void): Promise<string[][]> {
  return runBenchChild(__filename, 'search', quick, print);
}
