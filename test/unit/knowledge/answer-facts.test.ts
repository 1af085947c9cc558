/**
 * The helpdesk's answers about itself are filled from the same files its clocks use, so editing
 * flows/kalender-kerja.yaml, flows/hari-libur.yaml or flows/sla.yaml changes what the bot says;
 * every-service answers are filled from the catalog; a named grade gets its direct answer first.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directAnswer, gradeInText, officeHoursText, renderAnswer, serviceFacts, type AnswerContext } from '../../../src/knowledge/answer-facts';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { BusinessCalendar, DEFAULT_FLOWS_DIR, loadCalendarConfig, loadSlaConfig } from '../../../src/tickets';

const knowledge = loadKnowledge();
const entry = (id: string) => knowledge.faq.find((e) => e.id === id)!;
const kindTitles = { administrasi: 'Administrasi', publik: 'Publik', infrastruktur: 'Infrastruktur' };
/** Tuesday 24 November 2026, 10:00 WIB (office hours) and 20:00 WIB (closed). */
const OPEN = Date.UTC(2026, 10, 24, 3, 0);
const CLOSED = Date.UTC(2026, 10, 24, 13, 0);

function context(flowsDir: string, now = OPEN): AnswerContext {
  return { knowledge, calendar: new BusinessCalendar(loadCalendarConfig(flowsDir)), sla: loadSlaConfig(flowsDir), now, kindTitles };
}

describe('answers about the helpdesk, from the files the clocks use', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flows-'));
    cpSync(DEFAULT_FLOWS_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('states the office hours of flows/kalender-kerja.yaml, and follows an edit of it', () => {
    expect(officeHoursText(context(DEFAULT_FLOWS_DIR).calendar)).toBe('Senin-Kamis pukul 07.30-16.00 WIB; Jumat pukul 07.30-11.00 WIB');
    const path = join(dir, 'kalender-kerja.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('sabtu: []', 'sabtu:\n    - { mulai: "08:00", selesai: "12:00" }'));
    const text = renderAnswer(entry('helpdesk-jam-layanan'), context(dir));
    expect(text).toContain('Sabtu pukul 08.00-12.00 WIB');
    expect(text).toContain('(Minggu, serta hari libur nasional dan cuti bersama)');
    expect(text).not.toMatch(/\{[a-z_]+\}/);
  });

  it('says whether officers are on duty now, and when they are back', () => {
    expect(renderAnswer(entry('helpdesk-jam-layanan'), context(DEFAULT_FLOWS_DIR, OPEN))).toContain('Saat ini petugas sedang bertugas.');
    expect(renderAnswer(entry('helpdesk-jam-layanan'), context(DEFAULT_FLOWS_DIR, CLOSED))).toContain('petugas kembali bertugas Rabu, 25 November 2026 pukul 07.30 WIB');
  });

  it('lists the next holidays of flows/hari-libur.yaml', () => {
    const text = renderAnswer(entry('helpdesk-hari-libur'), context(DEFAULT_FLOWS_DIR, Date.UTC(2026, 11, 20)));
    expect(text).toContain('Kamis, 24 Desember 2026: Cuti Bersama Kelahiran Yesus Kristus');
    expect(text).toContain('Jumat, 25 Desember 2026: Kelahiran Yesus Kristus');
  });

  it('states the SLA targets of flows/sla.yaml, and follows an edit of it', () => {
    expect(renderAnswer(entry('helpdesk-target-waktu'), context(DEFAULT_FLOWS_DIR))).toContain('- Laporan gangguan: ditanggapi paling lambat 2 jam kerja, diselesaikan paling lambat 17 jam kerja');
    const path = join(dir, 'sla.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('sedang: { respons_jam: 2, penyelesaian_jam: 17 }', 'sedang: { respons_jam: 1, penyelesaian_jam: 9 }'));
    const text = renderAnswer(entry('helpdesk-setelah-melapor'), context(dir));
    expect(text).toContain('- Laporan gangguan: ditanggapi paling lambat 1 jam kerja, diselesaikan paling lambat 9 jam kerja');
  });

  it('lists every service by category', () => {
    const text = renderAnswer(entry('helpdesk-daftar-layanan'), context(DEFAULT_FLOWS_DIR));
    for (const s of knowledge.services.values()) expect(text).toContain(s.name);
    expect(text).toContain('**Publik**');
    expect(text).not.toContain('Layanan Perizinan Online (Perizinan Online)');
  });
});

describe('answers for every service', () => {
  const simpeg = knowledge.services.get('kepegawaian')!;
  const pengadaan = knowledge.services.get('pengadaan')!;

  it('are filled from the catalog of the service asked about', () => {
    const text = renderAnswer(entry('setiap-layanan-pengelola'), { ...context(DEFAULT_FLOWS_DIR), service: simpeg });
    expect(text).toContain('**SIMPEG** (Layanan Kepegawaian) dikelola oleh **BKPSDM** (Badan Kepegawaian dan Pengembangan Sumber Daya Manusia)');
  });

  it('name the application the question names, and its address', () => {
    expect(serviceFacts(knowledge, pengadaan, 'alamat sikap apa').nama).toBe('SIKAP');
    expect(serviceFacts(knowledge, pengadaan, 'alamat sikap apa').alamat).toBe('**sikap.lkpp.go.id**');
    expect(serviceFacts(knowledge, pengadaan).nama).toBe(pengadaan.name);
    expect(serviceFacts(knowledge, knowledge.services.get('kependudukan')!).alamat).toBe(knowledge.services.get('kependudukan')!.access);
  });
});

describe('direct answers by grade', () => {
  it('reads grades as people write them', () => {
    expect(gradeInText('Who signs SK KGB for III/b?')).toEqual({ major: 3, minor: 'b' });
    expect(gradeInText('gol. 3b sk berkalanya siapa')).toEqual({ major: 3, minor: 'b' });
    expect(gradeInText('pns golongan IV sk kgb dari mana')).toEqual({ major: 4, minor: null });
    expect(gradeInText('golongan ruang iii/d')).toEqual({ major: 3, minor: 'd' });
    expect(gradeInText('wifi di ruang rapat mati')).toBeNull();
  });

  it('gives the grade\'s answer first and the rule after it', () => {
    const kgb = entry('simpeg-kewenangan-sk-kgb-golongan');
    const text = renderAnswer(kgb, { ...context(DEFAULT_FLOWS_DIR), question: 'Who signs SK KGB for III/b?' });
    expect(text.startsWith('Untuk PNS golongan III/b, SK Kenaikan Gaji Berkala (KGB) diterbitkan dan ditandatangani oleh **Perangkat Daerah**')).toBe(true);
    expect(text).toContain('**BKPSDM** berwenang');
    expect(directAnswer(kgb, 'golongan IV/c sk kgb')?.answer).toContain('**BKPSDM**');
    expect(directAnswer(kgb, 'golongan IV sk kgb')?.grade).toBe('IV');
    // "golongan III" spans both sides of the rule: no direct answer, only the rule.
    expect(directAnswer(kgb, 'golongan III sk kgb')).toBeNull();
    expect(directAnswer(kgb, 'sk kgb siapa yang tanda tangan')).toBeNull();
  });
});
