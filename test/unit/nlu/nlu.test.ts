import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTaxonomy } from '../../helpers/taxonomy';
import { MESSAGE_TYPES } from '../../../src/domain/ids';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { createNlu, loadLexicon, type Nlu } from '../../../src/nlu';

/** The labelled messages of faq/contoh-berlabel: trained and tuned on, a regression set. */
const regression = loadKnowledge().labelled;

let nlu: Nlu;
beforeAll(() => {
  nlu = createNlu(loadKnowledge(), loadLexicon(), { cacheDir: process.env.NLU_CACHE_DIR });
});

describe('type classifier and service detector on the labelled messages of faq/contoh-berlabel (trained on: a regression set, not a measure of generalisation)', () => {
  it('reaches at least 95% type and service accuracy', () => {
    let types = 0;
    let services = 0;
    const misses: string[] = [];
    for (const h of regression) {
      const u = nlu.understand(h.text);
      if (u.type === h.type) types++;
      if (u.service === h.service) services++;
      if (u.type !== h.type || u.service !== h.service) misses.push(`${h.text} -> ${u.type}/${u.service}`);
    }
    expect({ typeAcc: types / regression.length >= 0.95, misses }).toEqual({ typeAcc: true, misses: expect.any(Array) });
    expect(services / regression.length).toBeGreaterThanOrEqual(0.95);
  });

  const subtle: [string, string][] = [
    ['data nip saya di simpeg keliru, mohon dikoreksi', 'perubahan'],
    ['e-kinerja tidak bisa login sejak pagi', 'gangguan'],
    ['lupa password srikandi, minta direset', 'permintaan'],
    ['bagaimana cara mengadukan pelayanan publik yang buruk', 'informasi'],
    ['saya mau mengadukan petugas kecamatan yang kasar dan lambat', 'keluhan'],
    ['laporan yang saya kirim minggu lalu gimana kabarnya', 'lacak_tiket'],
    ['sambungkan saya ke operator manusia', 'minta_agen'],
    ['punten, wilujeng enjing', 'sapaan'],
    // Thanks for the information is no announced question (kata_terima_kasih).
    ['makasih min infonya, hatur nuhun 🙏', 'sapaan'],
    ['oke siap, terima kasih infonya', 'sapaan'],
    ['resep empal gentong yang enak gimana', 'di_luar_layanan'],
    // rhetorical questions and declared intent make a complaint, not a question
    ['mau komplain, kenapa berkas harus dilengkapi ulang terus? buang waktu', 'keluhan'],
    ['kenapa chat ke dinas tidak pernah dibalas? sudah seminggu', 'keluhan'],
    // a suggestion to add to an app, a record written wrongly
    ['usul min, e-kinerja ditambah fitur pengingat', 'perubahan'],
    ['jabatan saya di simpeg tertulis staf, seharusnya kasubbag', 'perubahan'],
    // an outage phrased with a question word is still an outage
    ['kenapa srikandi error pas upload naskah ya', 'gangguan'],
    // a gesture without words is answered like a greeting
    ['🙏🙏', 'sapaan'],
    // an outside topic wins over a catalog word (pajak) it shares
    ['pajak motor di samsat telat bayar dendanya berapa', 'di_luar_layanan'],
    // paid, yet the status did not change: something is broken
    ['sudah bayar lewat qris tapi di akang surja status masih belum lunas', 'gangguan'],
    ['kode otp sintren tidak pernah masuk ke hp saya', 'gangguan'],
    // a greeting in front of a request does not make it a greeting
    ['assalamualaikum pak, pengurus ormas kami sudah berganti, mohon data kepengurusan di si ormas diperbarui', 'perubahan'],
    ['pagu di menu rka jadi 0 semua sejak tadi siang', 'gangguan'],
    ['min tolong kirimin salinan sk pangkat terakhir saya, filenya hilang', 'permintaan'],
  ];
  it.each(subtle)('%s -> %s', (text, type) => {
    expect(nlu.understand(text).type).toBe(type);
  });
});

describe('understanding output', () => {
  it('recognises ticket numbers, normalised, as lacak_tiket without a service', () => {
    const u = nlu.understand('tolong cek tiket hd 250303 0042 sudah sampai mana');
    expect(u.ticketNumber).toBe('HD-250303-0042');
    expect(u.type).toBe('lacak_tiket');
    expect(u.service).toBeNull();
    expect(u.agency).toBeNull();
  });

  it('gives a request for an officer or a status question the service it names, and none when it names none', () => {
    expect(nlu.understand('tolong sambungkan ke petugas disdukcapil, kasus saya rumit')).toMatchObject({ type: 'minta_agen', service: 'kependudukan', agency: 'disdukcapil' });
    expect(nlu.understand('laporan saya soal akang surja error minggu lalu sudah ada kabar belum?')).toMatchObject({ type: 'lacak_tiket', service: 'pajak-daerah' });
    expect(nlu.understand('sambungkan saya ke petugas')).toMatchObject({ type: 'minta_agen', service: null });
  });

  it('keeps the service a catalog keyword names even when the words around it lean to no service', () => {
    const u = nlu.understand('ktp el saya udah 3 bulan belum jadi, pelayanannya lambat banget');
    expect(u.type).toBe('keluhan');
    expect(u.service).toBe('kependudukan');
  });

  it('routes a complaint that names only the agency to that agency\'s service, not to no service', () => {
    const u = nlu.understand('kok tiap telepon ke kantor bapenda jawabannya nanti dikabari tapi tidak pernah dikabari? sudah 5x');
    expect(u.type).toBe('keluhan');
    expect(u.service).toBe('pajak-daerah');
    expect(u.agency).toBe('bapenda');
  });

  it('asks what kind of report when a message only announces one, keeping a named service', () => {
    const bare = nlu.understand('assalamualaikum, saya mau lapor min');
    expect(bare.ambiguity).toEqual({ kind: 'type', candidates: expect.arrayContaining(['gangguan', 'keluhan', 'permintaan', 'perubahan']) });
    expect(bare.service).toBeNull();
    const named = nlu.understand('izin melapor soal simpeg');
    expect(named.ambiguity?.kind).toBe('type');
    expect(named.service).toBe('kepegawaian');
    // saying what happened is a report of its own; asking where to report is a question
    expect(nlu.understand('mau lapor simpeg error dari pagi').ambiguity).toBeNull();
    expect(nlu.understand('lapor ke mana ya').type).toBe('informasi');
  });

  it('routes to the primary owner of the service (owners[0])', () => {
    const cases: [string, string, string][] = [
      ['e-kinerja error terus', 'kinerja-pegawai', 'bappelitbangda'],
      ['sipepek tidak bisa dibuka', 'slrt', 'dinsos'],
      ['sp4n lapor itu apa', 'pengaduan', 'diskominfo'],
    ];
    for (const [text, service, agency] of cases) {
      const u = nlu.understand(text);
      expect(u.service).toBe(service);
      expect(u.agency).toBe(agency);
      expect(loadTaxonomy().services[service]!.agencies[0]).toBe(agency);
    }
  });

  it('detects services from multiword and misspelled app names and from agencies', () => {
    expect(nlu.understand('akang surja ora bisa mlebu').service).toBe('pajak-daerah');
    expect(nlu.understand('akangsurja gagal bayar').service).toBe('pajak-daerah');
    expect(nlu.understand('simpge tidak bisa dibuka').service).toBe('kepegawaian');
    expect(nlu.understand('izin online error terus').service).toBe('perizinan');
  });

  it('leaves service and agency null for greetings and out-of-scope messages', () => {
    for (const text of ['halo min selamat pagi', 'makasih banyak kak', 'jadwal bola malam ini apa']) {
      const u = nlu.understand(text);
      expect(u.service).toBeNull();
      expect(u.agency).toBeNull();
    }
  });

  it('does not read the verb "lapor" as the SP4N-LAPOR app, but still knows its address', () => {
    expect(nlu.understand('mau lapor gangguan').service).toBeNull();
    expect(nlu.understand('mau lapor, simpeg tidak bisa login').service).toBe('kepegawaian');
    expect(nlu.understand('saya mau melapor jaringan internet kantor mati').service).toBe('infrastruktur-tik');
    expect(nlu.understand('alamat website lapor.go.id apa').service).toBe('pengaduan');
    expect(nlu.understand('cara bikin aduan di sp4n lapor').service).toBe('pengaduan');
  });

  it('does not call a message out of scope when it names a catalog service', () => {
    const u = nlu.understand('harga beras di pasar hari ini berapa ya');
    expect(u.type).toBe('informasi');
    expect(u.service).toBe('harga-pangan');
    expect(nlu.understand('resep nasi jamblang dong').type).toBe('di_luar_layanan');
  });

  it('gives calibrated candidates and a confidence in 0..1', () => {
    const u = nlu.understand('simpeg tidak bisa login');
    expect(u.types.map((t) => t.value).sort()).toEqual([...MESSAGE_TYPES].sort());
    const sum = u.types.reduce((s, t) => s + t.score, 0);
    expect(sum).toBeGreaterThan(0.98);
    expect(sum).toBeLessThan(1.02);
    expect(u.confidence).toBeGreaterThan(0.5);
    expect(u.confidence).toBeLessThanOrEqual(1);
    const vague = nlu.understand('aplikasinya kenapa ya');
    expect(vague.confidence).toBeLessThan(u.confidence);
  });

  it('flags ambiguity when an app belongs to two services', () => {
    // e-Perencanaan serves both perencanaan and penganggaran.
    const u = nlu.understand('e-perencanaan error');
    expect(u.ambiguity?.kind).toBe('service');
    expect(u.ambiguity?.candidates.sort()).toEqual(['penganggaran', 'perencanaan']);
  });

  it('after a topic-shift phrase, asks about the service the new part names (penanda_topik_baru)', () => {
    const shifted = nlu.understand('tadi pagi sudah bayar pbb lewat qris, lancar. sekalian tanya, harga cabai dan bawang hari ini bisa dilihat di web apa');
    expect(shifted.service).toBe('harga-pangan');
    expect(shifted.faq?.id).toMatch(/harga|sikompa/);
    // Without the phrase the same words stay one message (the tax part is not cut off).
    const withoutPhrase = nlu.understand('tadi pagi sudah bayar pbb lewat qris lancar harga cabai dan bawang hari ini bisa dilihat di web apa');
    expect(withoutPhrase.normalized).not.toBe(shifted.normalized);
    // The same service on both sides: the message is understood whole.
    const same = nlu.understand('akun simpeg saya sudah aktif, oh iya satu lagi, menu cuti di simpeg ada di mana');
    expect(same.service).toBe('kepegawaian');
    expect(same.normalized).toMatch(/akun simpeg/);
    // The answers it is offered are about the new topic only.
    const knowledge = loadKnowledge();
    const serviceOf = (id: string) => knowledge.faq.find((e) => e.id === id)?.service;
    expect((shifted.faqCandidates ?? []).map((c) => serviceOf(c.id))).not.toContain('pajak-daerah');
  });

  it('learns question variants from the labelled questions whose facts an answer holds', () => {
    const knowledge = loadKnowledge();
    const question = 'kalo mau liat daftar bansos yg sudah cair buat kampung kami gmn caranya ya';
    const labelled = { text: question, type: 'informasi' as const, service: 'slrt' as const, must: [['sipepek']], file: 'x.jsonl', line: 1 };
    const without = createNlu({ ...knowledge, labelled: [], fingerprint: 'lv-0' }, loadLexicon());
    const withIt = createNlu({ ...knowledge, labelled: [labelled], fingerprint: 'lv-1' }, loadLexicon());
    const learned = withIt.understand(question).faq;
    const entry = knowledge.faq.find((e) => e.id === learned?.id);
    // The entry it joined is of its service and holds its facts; before, nothing matched well enough.
    expect(entry?.service).toBe('slrt');
    expect(entry?.answer).toMatch(/sipepek/i);
    expect(without.understand(question).faq?.score ?? 0).toBeLessThan(learned!.score);
    // Facts of another service's answers never bind it there.
    const wrong = createNlu({ ...knowledge, labelled: [{ ...labelled, must: [['akang surja']] }], fingerprint: 'lv-2' }, loadLexicon());
    expect(wrong.understand(question).faq?.id ?? null).toBe(without.understand(question).faq?.id ?? null);
  });

  it('binds a learned variant to an entry that holds most of the facts its labeller accepted', () => {
    const knowledge = loadKnowledge();
    // Each alternative alone is in several SIMPEG answers ("referensi", "profil pns" in passing);
    // all four only in the answers that list Menu Utama's submenus.
    const question = 'bagian paling awal di aplikasi itu isinya apa saja ya';
    const must = [['profil pns', 'referensi', 'dokumen elektronik', 'pengguna login']];
    const holdsAll = new Set(
      knowledge.faq.filter((e) => e.service === 'kepegawaian' && must[0]!.every((x) => e.answer.toLowerCase().includes(x))).map((e) => e.id),
    );
    const labelled = { text: question, type: 'informasi' as const, service: 'kepegawaian' as const, must, file: 'x.jsonl', line: 1 };
    const without = createNlu({ ...knowledge, labelled: [], fingerprint: 'lv-most-0' }, loadLexicon());
    const withIt = createNlu({ ...knowledge, labelled: [labelled], fingerprint: 'lv-most' }, loadLexicon());
    expect(holdsAll.has(without.understand(question).faq?.id ?? '')).toBe(false);
    expect(holdsAll.has(withIt.understand(question).faq?.id ?? '')).toBe(true);
  });

  it('uses the model cache: same output from a cached build, rebuilt when the key changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-cache-'));
    // A slice of the labelled messages keeps the three builds quick; what is cached is the same.
    const full = loadKnowledge();
    const knowledge = { ...full, labelled: full.labelled.slice(0, 300), fingerprint: `${full.fingerprint}-slice` };
    const first = createNlu(knowledge, loadLexicon(), { cacheDir: dir });
    const second = createNlu(knowledge, loadLexicon(), { cacheDir: dir });
    expect(first.buildInfo.source).toBe('built');
    expect(second.buildInfo.source).toBe('cache');
    expect(second.understand('sikaton error')).toEqual(first.understand('sikaton error'));
    const third = createNlu({ ...knowledge, fingerprint: 'changed' }, loadLexicon(), { cacheDir: dir });
    expect(third.buildInfo.source).toBe('built');
    // The stale model is removed when the new one is written.
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([`nlu-${third.buildInfo.cacheKey}.json`]);
  });
});
