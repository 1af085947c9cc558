/**
 * The evaluation report over a period seeded through the public APIs only (web chat, officer
 * ticket API, the survey in the chat), on the real service with the embedded store and a clock
 * the test moves: exact ticket counts, working-time clocks (median, 90th percentile, met share),
 * backlog, satisfaction and the bot's figures, per role scope; then the XLSX read back with
 * exceljs, the CSV parsed, and the PDF's text extracted with pdftotext (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import type { OfficerRole } from '../../src/domain/ids';
import type { ReportFigures } from '../../src/reports/figures';
import { reportUntilTicket } from '../helpers/citizen';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

/** Local (WIB) time of November 2026 as epoch ms. */
const wib = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 7, minute);
let clock = wib(2, 8);
const now = () => clock;

let service: TestService;
const tokens: Record<string, string> = {};
const tickets: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const conversations: Record<string, string> = {};

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(service.url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* a file */
  }
  return { status: res.status, body: json, res };
}

/** Logs in again (a session lasts 8 hours of the test's clock). */
async function login(key: string): Promise<void> {
  const res = await api('POST', '/api/v1/auth/login', null, { email: `${key}@cirebonkab.go.id`, password: 'sandi-petugas-123' });
  expect(res.status).toBe(200);
  tokens[key] = String(res.body.token);
}

async function officer(key: string, role: OfficerRole, agency: string): Promise<void> {
  await addOrUpdateOfficer(service.store, service.knowledge, { email: `${key}@cirebonkab.go.id`, password: 'sandi-petugas-123', role, agency, name: `Petugas ${key}` });
  await login(key);
}

async function setStatus(who: string, ticket: string, status: string, note?: string) {
  const res = await api('PATCH', `/api/v1/tickets/${ticket}`, tokens[who]!, { status, ...(note ? { note } : {}) });
  expect(res.status).toBe(200);
}

async function chat(key: string, first: string, ...more: string[]): Promise<WebchatClient> {
  const c = await new WebchatClient(service.url).open();
  await c.say(first);
  for (const t of more) await c.say(t);
  conversations[key] = (await service.store.findConversation('webchat', c.sessionId))!.id;
  return c;
}

const PERIOD = 'from=2026-11-02&to=2026-11-08';

beforeAll(async () => {
  service = await startTestService({ redis: false, now });
  await officer('koordinator', 'koordinator-layanan', 'diskominfo');
  await officer('bkpsdm', 'pengelola-layanan', 'bkpsdm');
  await officer('bapenda', 'pengelola-layanan', 'bapenda');
  await officer('kepala-bkpsdm', 'penyedia-layanan', 'bkpsdm');

  // Monday 2 November 2026, office hours 07:30-16:00 WIB.
  const citizenA = await new WebchatClient(service.url).open();
  tickets.A = (await reportUntilTicket(citizenA, 'aplikasi SIMPEG error tidak bisa login sejak pagi')).ticket;
  conversations.A = (await service.store.findConversation('webchat', citizenA.sessionId))!.id;
  clock = wib(2, 8, 30);
  await setStatus('bkpsdm', tickets.A, 'ditugaskan');
  clock = wib(2, 9);
  await setStatus('bkpsdm', tickets.A, 'diproses');
  const citizenB = await new WebchatClient(service.url).open();
  tickets.B = (await reportUntilTicket(citizenB, 'pelayanan pajak PBB di bapenda lambat sekali, sudah seminggu belum diproses')).ticket;
  conversations.B = (await service.store.findConversation('webchat', citizenB.sessionId))!.id;
  clock = wib(2, 10);
  await setStatus('bkpsdm', tickets.A, 'menunggu_pelapor', 'Mohon kirim tangkapan layar pesan galatnya.');
  const citizenC = await new WebchatClient(service.url).open();
  tickets.C = (await reportUntilTicket(citizenC, 'saya minta dibuatkan akun SIMPEG untuk pegawai baru')).ticket;
  conversations.C = (await service.store.findConversation('webchat', citizenC.sessionId))!.id;

  clock = wib(2, 11);
  await chat('D', 'apa itu SIMPEG?', 'ya'); // answered, helpful
  await chat('E', 'apa itu SIMPEG?', 'tidak'); // answered, not helpful
  await chat('F', 'bagaimana cara mendaftar magang mahasiswa di pemkab cirebon?'); // the bot is unsure
  await chat('G', 'saya mau bicara dengan petugas soal SIMPEG'); // hand-off

  // The officer resumes work at 13:00: the resolution clock ran again from then.
  clock = wib(2, 13);
  await setStatus('bkpsdm', tickets.A, 'diproses');
  clock = wib(2, 14);
  await setStatus('bkpsdm', tickets.A, 'selesai', 'Akun sudah dipulihkan.');
  // The survey arrives in the reporter's chat.
  await citizenA.waitFor((m) => m.some((x) => x.from === 'bot' && /puas/i.test(x.text)), 20_000);
  await citizenA.say('5');
  await citizenA.say('Pelayanan cepat, terima kasih. NIK saya 3209123456789012');
  expect((await service.store.getTicket(tickets.A))!.survey).toMatchObject({ rating: 5 });

  // Tuesday 3 November 09:00: Bapenda answers its complaint a working day later.
  clock = wib(3, 9);
  await login('bapenda');
  await setStatus('bapenda', tickets.B, 'ditugaskan');

  // An incident of SIMPEG opened by the koordinator at 10:00 and resolved at 11:30 (90 minutes).
  clock = wib(3, 10);
  await login('koordinator');
  const incident = await api('POST', '/api/v1/incidents', tokens.koordinator!, { service: 'kepegawaian', title: 'SIMPEG tidak dapat diakses', message: 'Kami sedang memeriksa gangguan SIMPEG.' });
  expect(incident.status).toBe(201);
  clock = wib(3, 11, 30);
  expect((await api('POST', `/api/v1/incidents/${String(incident.body.id)}/resolve`, tokens.koordinator!, { message: 'SIMPEG sudah pulih.' })).status).toBe(200);

  // The report is read on Monday 9 November 10:00.
  clock = wib(9, 10);
  for (const key of Object.keys(tokens)) await login(key);
}, 180_000);

afterAll(async () => {
  await service?.cleanup();
});

describe('GET /api/v1/reports/summary', () => {
  it('gives the exact figures of the period to the koordinator (every agency)', async () => {
    const res = await api('GET', `/api/v1/reports/summary?${PERIOD}`, tokens.koordinator!);
    expect(res.status).toBe(200);
    const f = res.body as unknown as ReportFigures;
    expect(f.period).toEqual({ from: '2026-11-02', to: '2026-11-08', days: 7, label: '2 November 2026 s.d. 8 November 2026' });
    expect(f.tickets.total).toBe(3);
    expect(f.tickets.byCategory).toEqual({ keluhan: 1, gangguan: 1, permintaan: 1, perubahan: 0, informasi: 0, masalah: 0 });
    expect(f.tickets.byAgency).toEqual({ bkpsdm: 2, bapenda: 1 });
    expect(f.tickets.byChannel).toEqual({ webchat: 3, telegram: 0, whatsapp: 0 });
    expect(f.tickets.byStatus).toMatchObject({ selesai: 1, ditugaskan: 1, baru: 1, diproses: 0 });
    // A: responded after 30 working minutes; B: Monday 09:00 -> Tuesday 09:00 = 7 h + 1.5 h = 510 min.
    expect(f.tickets.firstResponse).toEqual({ count: 2, medianMinutes: 270, p90Minutes: 510, met: 1, missed: 2, metShare: 0.3333 });
    // A: 08:00 -> 14:00 is 360 working minutes, minus 3 h waiting on the reporter = 180.
    expect(f.tickets.resolution).toEqual({ count: 1, medianMinutes: 180, p90Minutes: 180, met: 1, missed: 2, metShare: 0.3333 });
    expect(f.tickets.open).toBe(2);
    expect(f.tickets.overdue).toBe(2);
    expect(f.backlog).toMatchObject({ open: 2, overdue: 2 });
    expect(f.csat).toMatchObject({ count: 1, average: 5, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });
    expect(f.csat.comments).toEqual([expect.objectContaining({ ticket: tickets.A, rating: 5, comment: 'Pelayanan cepat, terima kasih. NIK saya [nomor]' })]);
    expect(f.conversations.total).toBe(7);
    expect(f.conversations.byChannel).toEqual({ webchat: 7, telegram: 0, whatsapp: 0 });
    expect(f.bot).toEqual({
      conversations: 7,
      resolvedByBot: 3, // D, E, F
      resolvedByBotShare: 0.4286,
      withOfficer: 0,
      withTicket: 3,
      handoffs: 1,
      unanswered: 0,
      lowConfidence: 1,
      notHelpful: 1,
    });
    expect(f.incidents).toEqual({ opened: 1, resolved: 1, stillOpen: 0, bySource: { monitor: 0, reports: 0, officer: 1 }, medianMinutesToRecover: 90, availability: null, services: [] });
  });

  it('counts every stored message of the period by channel and sender', async () => {
    const f = (await api('GET', `/api/v1/reports/summary?${PERIOD}`, tokens.koordinator!)).body as unknown as ReportFigures;
    const expected = { user: 0, bot: 0, agent: 0 };
    for (const id of Object.values(conversations)) {
      for (const e of await service.store.transcript(id)) if (e.from in expected) expected[e.from as keyof typeof expected]++;
    }
    expect(f.messages.bySender).toEqual(expected);
    expect(f.messages.total).toBe(expected.user + expected.bot + expected.agent);
    expect(f.messages.byChannel.webchat).toBe(f.messages.total);
  });

  it('limits other roles to their own agency and refuses another one', async () => {
    const bkpsdm = (await api('GET', `/api/v1/reports/summary?${PERIOD}`, tokens.bkpsdm!)).body as unknown as ReportFigures;
    expect(bkpsdm.scope).toEqual({ agency: 'bkpsdm', service: null, agencies: ['bkpsdm'] });
    expect(bkpsdm.tickets.total).toBe(2);
    expect(bkpsdm.tickets.byAgency).toEqual({ bkpsdm: 2 });
    expect(bkpsdm.tickets.firstResponse).toMatchObject({ count: 1, medianMinutes: 30, met: 1, missed: 1 });
    expect(bkpsdm.csat).toMatchObject({ count: 1, average: 5 });
    // A, C (tickets), D, E (SIMPEG questions), G (hand-off to BKPSDM); F has no service (general queue).
    expect(bkpsdm.bot).toMatchObject({ conversations: 5, withTicket: 2, handoffs: 1, notHelpful: 1, lowConfidence: 0 });

    const head = await api('GET', `/api/v1/reports/summary?${PERIOD}`, tokens['kepala-bkpsdm']!);
    expect(head.status).toBe(200);
    expect((head.body as unknown as ReportFigures).tickets.total).toBe(2);

    const bapenda = (await api('GET', `/api/v1/reports/summary?${PERIOD}`, tokens.bapenda!)).body as unknown as ReportFigures;
    expect(bapenda.tickets).toMatchObject({ total: 1, byAgency: { bapenda: 1 }, open: 1 });
    expect(bapenda.incidents).toMatchObject({ opened: 0 }); // SIMPEG's incident is BKPSDM's
    expect(bkpsdm.incidents).toMatchObject({ opened: 1, resolved: 1 });

    const refused = await api('GET', `/api/v1/reports/summary?${PERIOD}&agency=bapenda`, tokens.bkpsdm!);
    expect(refused.status).toBe(403);
    expect(String(refused.body.error)).toMatch(/perangkat daerah/i);

    const narrowed = (await api('GET', `/api/v1/reports/summary?${PERIOD}&agency=bapenda`, tokens.koordinator!)).body as unknown as ReportFigures;
    expect(narrowed.tickets).toMatchObject({ total: 1, byAgency: { bapenda: 1 } });
    const byService = (await api('GET', `/api/v1/reports/summary?${PERIOD}&service=kepegawaian`, tokens.koordinator!)).body as unknown as ReportFigures;
    expect(byService.tickets.total).toBe(2);
  });

  it('refuses bad input with a clear 4xx and no token with 401', async () => {
    expect((await api('GET', `/api/v1/reports/summary?${PERIOD}`, null)).status).toBe(401);
    for (const q of ['', 'from=2026-11-02', 'from=2026-13-01&to=2026-12-01', 'from=2026-11-09&to=2026-11-02', 'from=2025-01-01&to=2026-12-31', `${PERIOD}&agency=tidak-ada`, `${PERIOD}&service=%24ne`, `${PERIOD}&x=1`]) {
      const res = await api('GET', `/api/v1/reports/summary?${q}`, tokens.koordinator!);
      expect(res.status).toBe(400);
      expect(typeof res.body.error).toBe('string');
    }
    const bad = await api('GET', `/api/v1/reports/export?${PERIOD}&format=docx`, tokens.koordinator!);
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/v1/reports/export', () => {
  async function download(format: string, extra = '', token = tokens.koordinator!): Promise<Buffer> {
    const res = await fetch(`${service.url}/api/v1/reports/export?${PERIOD}&format=${format}${extra}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="laporan-evaluasi-helpdesk_2026-11-02_2026-11-08/);
    return Buffer.from(await res.arrayBuffer());
  }

  it('XLSX: a sheet of figures with targets and a sheet of tickets, read back with exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Tiket']);
    const summary = workbook.getWorksheet('Ringkasan')!;
    const rows = new Map<string, (string | number | null)[]>();
    summary.eachRow((row) => {
      const values = (row.values as (string | number | null)[]).slice(1);
      rows.set(String(values[0]), values);
    });
    expect(rows.get('PEMERINTAH KABUPATEN CIREBON')).toBeTruthy();
    expect(rows.get('Periode')?.[1]).toBe('2 November 2026 s.d. 8 November 2026');
    expect(rows.get('Tiket masuk')?.[1]).toBe(3);
    expect(rows.get('Tanggapan pertama tepat waktu')?.slice(1, 5)).toEqual([33.3, 'persen', 'min. 90%', 'Belum tercapai']);
    expect(rows.get('Rata-rata kepuasan pengguna')?.slice(1, 5)).toEqual([5, 'skala 1-5', 'min. 4,0', 'Tercapai']);
    expect(rows.get('Median waktu penyelesaian')?.[1]).toBe(180);

    const sheet = workbook.getWorksheet('Tiket')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Nomor tiket', 'Dibuat (WIB)', 'Kategori']);
    const col = (name: string) => header.indexOf(name) + 1;
    const byNumber = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && byNumber.set(String(row.getCell(1).value), row));
    expect([...byNumber.keys()]).toEqual([tickets.A, tickets.B, tickets.C]);
    const a = byNumber.get(tickets.A)!;
    expect(a.getCell(col('Dibuat (WIB)')).value).toBe('2026-11-02 08:00');
    expect(a.getCell(col('Waktu tanggapan (menit kerja)')).value).toBe(30);
    expect(a.getCell(col('Waktu penyelesaian (menit kerja)')).value).toBe(180);
    expect(a.getCell(col('Nilai kepuasan')).value).toBe(5);
    expect(byNumber.get(tickets.B)!.getCell(col('Waktu tanggapan (menit kerja)')).value).toBe(510);
    expect(byNumber.get(tickets.C)!.getCell(col('Terlambat saat ini')).value).toBe('ya');
    // No personal data in the ticket sheet.
    const all = JSON.stringify([...byNumber.values()].map((r) => r.values));
    expect(all).not.toMatch(/081234567890|199001012015031001|halaman login/);
  });

  it('CSV: the indicators, and the ticket list with part=tiket', async () => {
    const text = (await download('csv')).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Bagian,Indikator,Nilai,Satuan,Target,Status,Keterangan');
    expect(lines).toContain('Ringkasan kinerja,Tiket masuk,3,jumlah,,,');
    expect(lines).toContain('Ringkasan kinerja,Penyelesaian tepat waktu,33.3,persen,min. 85%,Belum tercapai,1 dari 3 tiket');
    const list = (await download('csv', '&part=tiket')).toString('utf8').slice(1).trim().split('\r\n');
    expect(list).toHaveLength(4);
    expect(list[1]!.startsWith(`${tickets.A},2026-11-02 08:00,Gangguan,`)).toBe(true);
  });

  it('PDF: a printable report in Indonesian a Kepala Diskominfo would sign (text extracted with pdftotext)', async () => {
    if (!existsSync('/usr/bin/pdftotext')) {
      throw new Error('pdftotext not found: the PDF test needs poppler-utils (`apt-get install poppler-utils`; .ci/run installs it).');
    }
    const pdf = await download('pdf', '&agency=bkpsdm');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'hd-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of [
        'PEMERINTAH KABUPATEN CIREBON',
        'DINAS KOMUNIKASI DAN INFORMATIKA',
        'LAPORAN EVALUASI BERKALA LAYANAN HELPDESK SPBE',
        'Periode : 2 November 2026 s.d. 8 November 2026',
        'Perangkat Daerah : Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)',
        'A. Ringkasan kinerja',
        'Tiket masuk 2',
        'Tanggapan pertama tepat waktu 50% min. 90% Belum tercapai',
        'Rata-rata kepuasan pengguna 5,0 min. 4,0 Tercapai',
        'C. Target SLA',
        'Pelayanan cepat, terima kasih. NIK saya [nomor]',
        'Kepala Dinas Komunikasi dan Informatika Kabupaten Cirebon',
        'NIP.',
        'Halaman 1 dari',
      ]) {
        expect(flat).toContain(expected);
      }
      expect(flat).not.toContain('3209123456789012');
      expect(flat).not.toContain('Pajak Daerah'); // Bapenda's ticket is out of BKPSDM's report
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
