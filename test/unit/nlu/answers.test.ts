/**
 * What the NLU offers as answers: FAQ candidates bound to the message's service (never another
 * service's entry), the helpdesk's own entries when no service is named, announcements of a
 * report or a question, English questions, and the FAQ search API other modules use.
 */
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import type { FaqEntry } from '../../../src/knowledge/types';
import { createNlu, loadLexicon, type FaqSearch, type Nlu } from '../../../src/nlu';

const knowledge = loadKnowledge();
const entry = (id: string) => knowledge.faq.find((e) => e.id === id)!;
let nlu: Nlu & FaqSearch;
beforeAll(() => {
  nlu = createNlu(knowledge, loadLexicon(), { cacheDir: process.env.NLU_CACHE_DIR });
});

describe('FAQ candidates are bound to the service the message is about', () => {
  it('never offers another service\'s entry, on every labelled message (faq/contoh-berlabel)', () => {
    const wrong: string[] = [];
    for (const { text } of knowledge.labelled) {
      const u = nlu.understand(text);
      for (const c of u.faqCandidates ?? []) {
        const e = entry(c.id);
        const fits = u.service === null ? e.service === null && !e.forEveryService : e.service === u.service || e.forEveryService;
        if (!fits) wrong.push(`${text}: ${u.service} <- ${c.id}`);
      }
      if (u.faq && !(u.faqCandidates ?? []).some((c) => c.id === u.faq!.id) && u.faq.id !== knowledge.words.openQuestionEntry) wrong.push(`${text}: faq ${u.faq.id} not a candidate`);
    }
    expect(wrong).toEqual([]);
  });

  // Apps of one service only (e-Perencanaan serves two).
  const ownApp = (name: string) => [...knowledge.services.values()].filter((s) => s.apps.some((a) => a.name === name)).length === 1;
  it.each([...knowledge.services.values()].filter((s) => s.apps.length > 0 && ownApp(s.apps[0]!.name)).map((s) => [s.apps[0]!.name, s.id] as const))(
    'a question about who manages %s is answered about %s',
    (app, service) => {
      const u = nlu.understand(`${app} itu dikelola dinas mana ya?`);
      expect(u.service).toBe(service);
      const e = entry(u.faq!.id);
      expect(e.service === service || e.forEveryService).toBe(true);
    },
  );

  it('answers the helpdesk\'s own questions from its own entries, not from an application', () => {
    expect(nlu.understand('helpdesk ini buka jam brp?')).toMatchObject({ type: 'informasi', service: null, faq: { id: 'helpdesk-jam-layanan' } });
    expect(nlu.understand('laporan gangguan biasanya ditanggapi berapa lama sih')).toMatchObject({ service: null, faq: { id: 'helpdesk-target-waktu' } });
    expect(nlu.understand('habis lapor nanti saya dikabari lewat mana?').faq?.id).toMatch(/^helpdesk-/);
  });

  it('lists the services when a message only says it has a question', () => {
    for (const text of ['Saya ingin bertanya tentang layanan SPBE', 'mau tanya min', 'info layanan dong']) {
      expect(nlu.understand(text)).toMatchObject({ type: 'informasi', service: null, faq: { id: knowledge.words.openQuestionEntry } });
    }
  });
});

describe('long messages', () => {
  it('find the answer to the question a letter asks after its introduction', () => {
    const letter = 'Dengan hormat. Perkenalkan, kami dari Bagian Umum sebuah kabupaten di Jawa Tengah yang sedang menyusun kajian tentang pelayanan publik digital dan tata kelola teknologi informasi. Kami telah membaca beberapa dokumen terkait. Mohon informasi, siapa yang mengelola aplikasi SIMPEG di Kabupaten Cirebon?';
    expect(nlu.understand(letter)).toMatchObject({ type: 'informasi', service: 'kepegawaian', faq: { id: 'simpeg-pengelola-bkpsdm' } });
  });

  it('do not let a short question that leans on the story before it find an answer of its own', () => {
    // "yg disiapin apa aja?" alone would lead to what a registration needs, not to the SPTPD report.
    expect(nlu.understand('kantin dinas kami kena pajak restoran, lapor e-SPTPD nya lewat akang surja ya? yg disiapin apa aja?').faq?.id).toBe('akang-surja-lapor-sptpd');
  });
});

describe('a message that is only a name', () => {
  it('asks about that service ("simpeg", "bapenda", "perizinan online"), never greets', () => {
    const cases: [string, string][] = [['simpeg', 'kepegawaian'], ['bapenda', 'pajak-daerah'], ['perizinan online', 'perizinan'], ['dukcapil', 'kependudukan'], ['halo min, akang surja', 'pajak-daerah']];
    for (const [text, service] of cases) {
      const u = nlu.understand(text);
      expect({ text, type: u.type, service: u.service }).toEqual({ text, type: 'informasi', service });
    }
    expect(nlu.understand('halo min').type).toBe('sapaan');
  });
});

describe('announced reports', () => {
  it('"gangguan" or "mau lapor gangguan" is an outage report of no service yet, without asking which kind', () => {
    for (const text of ['gangguan', 'mau lapor gangguan', 'Saya ingin melaporkan gangguan', 'izin lapor error']) {
      const u = nlu.understand(text);
      expect({ text, type: u.type, service: u.service, ambiguity: u.ambiguity }).toEqual({ text, type: 'gangguan', service: null, ambiguity: null });
      expect(u.confidence).toBeGreaterThanOrEqual(0.4);
    }
    expect(nlu.understand('keluhan').type).toBe('keluhan');
    expect(nlu.understand('mau lapor gangguan simpeg')).toMatchObject({ type: 'gangguan', service: 'kepegawaian' });
  });

  it('"lapor" alone asks which kind of report', () => {
    expect(nlu.understand('lapor').ambiguity).toEqual({ kind: 'type', candidates: expect.arrayContaining(['gangguan', 'keluhan', 'permintaan', 'perubahan']) });
  });
});

describe('English and outside topics', () => {
  it('understands English questions about our services', () => {
    expect(nlu.understand('Who signs SK KGB for III/b?')).toMatchObject({ type: 'informasi', service: 'kepegawaian', faq: { id: 'simpeg-kewenangan-sk-kgb-golongan' } });
    expect(nlu.understand("I'd like to apply for a business permit in Cirebon, is there an online system?")).toMatchObject({ type: 'informasi', service: 'perizinan' });
    expect(nlu.understand('I forgot my SIMPEG password, please reset it')).toMatchObject({ type: 'permintaan', service: 'kepegawaian' });
    expect(nlu.understand('what are the opening hours of this helpdesk?')).toMatchObject({ service: null, faq: { id: 'helpdesk-jam-layanan' } });
    // English domain words of faq/normalisasi.yaml: personnel system, community organisation, ambulance.
    expect(nlu.understand('What is the web address of the personnel system for civil servants?')).toMatchObject({ service: 'kepegawaian' });
    expect(nlu.understand('Where can a community organisation register online?')).toMatchObject({ service: 'ormas' });
    expect(nlu.understand('we need an ambulance, please')).toMatchObject({ service: 'kegawatdaruratan' });
  });

  it('never "corrects" a word the cue phrases use (faq/isyarat): "slot" is no SLRT', () => {
    const slot = nlu.understand('slot gacor hari ini apa');
    expect(slot.normalized.split(' ')).toContain('slot');
    expect(slot).toMatchObject({ type: 'di_luar_layanan', service: null });
  });

  it('keeps national tax matters (DJP) out of scope even when the local tax agency is named', () => {
    expect(nlu.understand('cara lapor SPT tahunan di djponline')).toMatchObject({ type: 'di_luar_layanan', service: null });
    expect(nlu.understand('EFIN NPWP sy ilang, bisa minta ke bapenda?')).toMatchObject({ type: 'di_luar_layanan', service: null });
  });
});

describe('FAQ search API', () => {
  it('rankFaq is the same service-bound ranking, and can leave a variant out', () => {
    const hits = nlu.rankFaq('alamat website simpeg', 'kepegawaian');
    expect(hits[0]!.id).toBe('simpeg-alamat-login');
    expect(hits.every((h) => entry(h.id).service === 'kepegawaian' || entry(h.id).forEveryService)).toBe(true);
    expect(nlu.rankFaq('alamat website simpeg', 'pajak-daerah').every((h) => entry(h.id).service === 'pajak-daerah' || entry(h.id).forEveryService)).toBe(true);
    const e = entry('simpeg-alamat-login');
    const own = nlu.rankFaq(e.questions[1]!, 'kepegawaian')[0]!;
    const without = nlu.rankFaq(e.questions[1]!, 'kepegawaian', { exclude: { entry: e.id, variant: 1 } }).find((h) => h.id === e.id);
    expect(without?.score ?? 0).toBeLessThan(own.score);
  });

  it('matchFaq finds the best of given entries (e.g. published at runtime), bound to a service when given', () => {
    const published: FaqEntry[] = [
      { id: 'kb-1', service: 'kepegawaian', questions: ['jadwal pelatihan operator simpeg tahun ini', 'kapan bimtek simpeg', 'pelatihan simpeg dibuka kapan'], answer: 'Bimtek operator SIMPEG dibuka bulan Maret.', source: 'konsol', file: 'konsol' },
      { id: 'kb-2', service: 'pajak-daerah', questions: ['diskon pbb tahun ini ada', 'potongan pbb berapa persen', 'keringanan pbb'], answer: 'Ada keringanan PBB bulan Mei.', source: 'konsol', file: 'konsol' },
    ];
    expect(nlu.matchFaq('kapan ada bimtek simpeg min?', published)?.id).toBe('kb-1');
    expect(nlu.matchFaq('ada keringanan pbb ga tahun ini', published)?.id).toBe('kb-2');
    expect(nlu.matchFaq('ada keringanan pbb ga tahun ini', published, { service: 'kepegawaian' })).toBeNull();
    expect(nlu.matchFaq('resep empal gentong', published)).toBeNull();
  });
});
