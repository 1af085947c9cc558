/**
 * The informasi handler never asserts an answer it is not sure of: a clear FAQ match is answered
 * ("Apakah jawaban ini membantu?"); a weak or close one is shown as the closest answer with the
 * other candidates and an officer on offer; no candidate: it says so, shows the catalog entry of
 * the service, and offers a human or a ticket. Runs on the real faq/ and flows/.
 */
import { createDialogue } from '../../../src/dialogue';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { Chat, MemoryPorts } from './helpers/harness';

const knowledge = loadKnowledge();
const dialogue = createDialogue(knowledge);
const title = (id: string) => knowledge.faq.find((e) => e.id === id)!.title!;

describe('informasi: honest when unsure', () => {
  test('a clear match is given as the answer', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('alamat simpeg', { type: 'informasi', service: 'kepegawaian', faqCandidates: [{ id: 'simpeg-alamat-login', score: 0.7 }, { id: 'simpeg-pengertian', score: 0.4 }] });
    expect(chat.text).toContain('www.simpeg.cirebonkab.go.id');
    expect(chat.text).not.toContain('belum yakin');
    expect(chat.options).toEqual(['Ya', 'Tidak']);
  });

  test('two close candidates: the closest is shown as such, the other can be picked, or an officer', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('alamat simpeg lupa', {
      type: 'informasi',
      service: 'kepegawaian',
      faqCandidates: [{ id: 'simpeg-akun-password', score: 0.44 }, { id: 'simpeg-alamat-login', score: 0.42 }],
    });
    expect(chat.text).toContain('Saya belum yakin ini yang Anda maksud');
    expect(chat.text).toContain('Akun SIMPEG diberikan');
    expect(chat.options).toEqual([title('simpeg-alamat-login'), 'Bicara dengan petugas', 'Buat tiket pertanyaan']);
    await chat.send('1');
    expect(chat.text).toContain('www.simpeg.cirebonkab.go.id');
    expect(chat.options).toEqual(['Ya', 'Tidak']);
  });

  test('a very high score with a runner-up about the same service is answered (regression)', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('alamat simpeg', {
      type: 'informasi',
      service: 'kepegawaian',
      faqCandidates: [{ id: 'simpeg-alamat-login', score: 0.66 }, { id: 'setiap-layanan-alamat', score: 0.65 }],
    });
    expect(chat.text).toContain('www.simpeg.cirebonkab.go.id');
    expect(chat.text).not.toContain('belum yakin');
  });

  test('a very high score nearly tied with a general entry on another topic is asked about, not asserted (regression)', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('apa itu spbe', {
      type: 'informasi',
      service: null,
      faqCandidates: [{ id: 'spbe-struktur-penilaian', score: 0.663 }, { id: 'spbe-pengertian', score: 0.658 }],
    });
    expect(chat.text).toContain('Saya belum yakin ini yang Anda maksud');
    expect(chat.options).toContain(title('spbe-pengertian'));
  });

  test('a weak single candidate is not asserted either', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('simpeg ijazah', { type: 'informasi', service: 'kepegawaian', faqCandidates: [{ id: 'simpeg-riwayat-pendidikan-diklat', score: 0.36 }] });
    expect(chat.text).toContain('belum yakin');
    expect(chat.options).toEqual(['Bicara dengan petugas', 'Buat tiket pertanyaan']);
    await chat.send('Bicara dengan petugas');
    expect(chat.last!.handoff).toBe(true);
  });

  test('no candidate about a known service: says so, shows the catalog entry, offers a human or a ticket', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('simpeg ada fitur cetak kartu nama?', { type: 'informasi', service: 'kepegawaian', faqCandidates: [] });
    expect(chat.text).toContain('belum menemukan jawaban yang pasti');
    expect(chat.text).toContain('**SIMPEG**');
    expect(chat.text).toContain('www.simpeg.cirebonkab.go.id');
    expect(chat.options).toEqual(['Bicara dengan petugas', 'Buat tiket pertanyaan']);
  });

  test('an every-service answer is filled for the service asked about', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('siceria dikelola siapa', { type: 'informasi', service: 'kegawatdaruratan', faqCandidates: [{ id: 'setiap-layanan-pengelola', score: 0.7 }] });
    expect(chat.text).toContain('**Siceria** (Layanan Kesehatan dan Kegawatdaruratan) dikelola oleh');
    expect(chat.text).toContain('Dinkes');
  });

  test('a low-confidence question about a service goes to the same honest answer, not a bare "not sure"', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('simpeg gimana ya', { type: 'informasi', service: 'kepegawaian', confidence: 0.2, faqCandidates: [] });
    expect(chat.text).toContain('belum menemukan jawaban yang pasti');
    expect(chat.text).toContain('**SIMPEG**');
  });

  test('below the confidence threshold even a clear match is shown as the closest answer, never asserted', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('alamat simpeg', { type: 'informasi', service: 'kepegawaian', confidence: 0.3, faqCandidates: [{ id: 'simpeg-alamat-login', score: 0.8 }] });
    expect(chat.text).toContain('Saya belum yakin ini yang Anda maksud');
    expect(chat.text).toContain('www.simpeg.cirebonkab.go.id');
    expect(chat.text).not.toContain('Apakah jawaban ini membantu?');
    expect(chat.options).toEqual(['Bicara dengan petugas', 'Buat tiket pertanyaan']);
  });

  test('a question about no service, below the threshold, with only weak general candidates: the unsure offers, no closest answer', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('cara daftar kursus', { type: 'informasi', service: null, confidence: 0.3, faqCandidates: [{ id: 'helpdesk-daftar-layanan', score: 0.35 }] });
    expect(chat.flowId).toBe('umum');
    expect(chat.text).toContain('belum yakin');
    expect(chat.options).toEqual(expect.arrayContaining(['Buat tiket pertanyaan', 'Bicara dengan petugas']));
  });

  test('a question about no service, below the threshold, with a clear general match: shown as the closest answer', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('helpdesk buka jam berapa', { type: 'informasi', service: null, confidence: 0.3, faqCandidates: [{ id: 'helpdesk-jam-layanan', score: 0.8 }] });
    expect(chat.text).toContain('Saya belum yakin ini yang Anda maksud');
    expect(chat.text).not.toContain('Apakah jawaban ini membantu?');
  });
});

describe('announced reports and questions', () => {
  test('"lapor" alone asks which kind of report', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('lapor', { type: 'gangguan', confidence: 0.6, ambiguity: { kind: 'type', candidates: ['keluhan', 'gangguan', 'permintaan', 'perubahan', 'minta_agen'] } });
    expect(chat.text).toContain('Apa yang ingin Anda sampaikan?');
    expect(chat.options).toEqual(expect.arrayContaining(['Melaporkan gangguan', 'Menyampaikan keluhan', 'Bicara dengan petugas']));
    await chat.send('Melaporkan gangguan');
    expect(chat.flowId).toBe('lapor-gangguan');
  });

  test('the fallback for an unclear message offers to report', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('itu lho yang kemarin', { type: 'informasi', confidence: 0.1 });
    expect(chat.options).toEqual(expect.arrayContaining(['Lapor gangguan', 'Sampaikan keluhan']));
    await chat.send('Lapor gangguan');
    expect(chat.flowId).toBe('lapor-gangguan');
  });
});

describe('a question that may also be a report', () => {
  const ambiguous = (faqCandidates: { id: string; score: number }[]) => ({
    type: 'permintaan' as const,
    service: 'kepegawaian' as const,
    confidence: 0.45,
    ambiguity: { kind: 'type' as const, candidates: ['permintaan', 'informasi'] },
    faqCandidates,
  });

  test('a clear answer of its service comes first, then the choice of what to do', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('alamat simpeg apa? mau minta akun juga', ambiguous([{ id: 'simpeg-alamat-login', score: 0.7 }, { id: 'simpeg-pengertian', score: 0.4 }]));
    expect(chat.text).toContain('www.simpeg.cirebonkab.go.id');
    expect(chat.text.indexOf('www.simpeg.cirebonkab.go.id')).toBeLessThan(chat.text.indexOf('Bila Anda juga ingin'));
    expect(chat.text).not.toContain('Apakah Anda ingin');
    expect(chat.options.length).toBeGreaterThanOrEqual(2);
  });

  test('no clear answer, or no question asked: only the choice', async () => {
    const close = new Chat(dialogue, new MemoryPorts());
    await close.send('alamat simpeg apa? mau minta akun juga', ambiguous([{ id: 'simpeg-akun-password', score: 0.46 }, { id: 'simpeg-alamat-login', score: 0.44 }]));
    expect(close.text).toContain('Apakah Anda ingin');
    expect(close.text).not.toContain('www.simpeg.cirebonkab.go.id');
    const statement = new Chat(dialogue, new MemoryPorts());
    await statement.send('minta akun simpeg baru', ambiguous([{ id: 'simpeg-alamat-login', score: 0.7 }]));
    expect(statement.text).toContain('Apakah Anda ingin');
    expect(statement.text).not.toContain('www.simpeg.cirebonkab.go.id');
  });
});
