/**
 * Answers you can trust, through the real analyzer (faq/, flows/, the trained NLU): a question
 * about something the catalog does not hold is never answered as sure, and is never bound to a
 * service it does not name on the strength of shared words ("cara daftar") alone; questions
 * about the catalog's services are still answered. The out-of-catalog questions are a regression
 * check written once, not tuned one by one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../../../src/analyze/analyzer';
import { buildConversationModel } from '../../../src/app/conversation-model';
import { loadConfig } from '../../../src/config/env';

const ASSERTED = 'Apakah jawaban ini membantu?';

const OUTSIDE_THE_CATALOG = [
  'bagaimana cara daftar BPJS kesehatan mandiri?',
  'kartu bpjs ketenagakerjaan saya belum jadi, kemana nanyanya',
  'ada beasiswa kuliah dari pemda cirebon ga?',
  'cara daftar beasiswa prestasi untuk mahasiswa',
  'mau daftar PKL anak SMK di kantor dinas, caranya gimana',
  'bagaimana cara daftar sekolah SD lewat PPDB online',
  'cara daftar nikah di KUA',
  'bagaimana mendaftarkan UMKM saya agar dapat bantuan modal',
  'jadwal vaksin anak di puskesmas kapan',
  'cara daftar antrian rumah sakit umum daerah',
  'cara mendaftar sebagai relawan bencana',
  'cara daftar haji reguler gimana ya',
  'bagaimana cara daftar lomba 17 agustus tingkat kabupaten',
  'pendaftaran pelatihan menjahit untuk ibu rumah tangga dibuka kapan',
  'syarat pendaftaran pramuka saka bhayangkara',
  'pendaftaran paskibraka kabupaten kapan dibuka',
];

let analyzer: Analyzer;
beforeAll(() => {
  const model = buildConversationModel(loadConfig({ ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'trusted-')) } as NodeJS.ProcessEnv));
  analyzer = createAnalyzer({ nlu: model.nlu, dialogue: model.dialogue, officeHours: (t) => model.calendar.officeHours(t) });
});

describe('questions outside the catalog', () => {
  it.each(OUTSIDE_THE_CATALOG)('%s: no answer is asserted', async (text) => {
    const r = await analyzer.analyze({ text });
    expect(r.reply).not.toContain(ASSERTED);
  });

  it('a registration question naming no service is about no service, and the bot says it is not sure', async () => {
    for (const text of ['bagaimana cara mendaftar kursus bahasa inggris gratis di pemkab cirebon?', 'cara daftar beasiswa prestasi untuk mahasiswa']) {
      const r = await analyzer.analyze({ text });
      expect({ text, type: r.type, service: r.service, agency: r.agency }).toEqual({ text, type: 'informasi', service: null, agency: null });
      expect(r.reply).toContain('belum yakin');
      expect(r.reply).not.toContain(ASSERTED);
    }
  });
});

describe('questions about the catalog are still answered', () => {
  it.each([
    ['cara mendaftarkan ormas baru', 'ormas', 'siormas.cirebonkab.go.id'],
    ['alamat website jdih kabupaten cirebon apa', 'jdih', 'JDIH'],
    ['siapa yang mengelola aplikasi sikaton', 'keuangan', 'sikaton.cirebonkab.go.id'],
    ['cara cek tagihan pbb online', 'pajak-daerah', 'AKANG SURJA'],
    ['berapa lama laporan gangguan ditanggapi', null, 'jam kerja'],
  ])('%s', async (text, service, expected) => {
    const r = await analyzer.analyze({ text });
    expect(r.service).toBe(service);
    expect(r.reply).toContain(expected);
    expect(r.reply).toContain(ASSERTED);
  });
});
