/** Published entries exported as a faq/entries file the loader accepts; incomplete ones listed apart. */
import { parse } from 'yaml';
import { publishedEntriesYaml } from '../../../src/knowledge/faq-yaml';
import type { KnowledgeEntry } from '../../../src/knowledge/port';
import { maskPersonalData } from '../../../src/knowledge/personal-data';
import { faqFileSchema } from '../../../src/knowledge/schema';

const base = { revision: 3, gap: null, createdAt: 1, createdBy: 'o', updatedAt: 1, updatedBy: 'o', agency: 'bkpsdm' };
const live = (questions: string[], answer: string, version = 2) => ({ version, service: 'kepegawaian', questions, answer, publishedAt: Date.UTC(2026, 10, 23), publishedBy: 'k1' });

it('writes the files\' keys (id, layanan, pertanyaan, jawaban, sumber) for entries with three or more questions', () => {
  const entries: KnowledgeEntry[] = [
    { id: 'kb-01', service: 'kepegawaian', questions: [], answer: '', state: 'published', live: live(['a satu', 'a dua', 'a tiga'], 'Jawaban A: "kutip" dan: titik dua.'), ...base },
    { id: 'kb-02', service: null, questions: [], answer: '', state: 'published', live: live(['hanya satu'], 'Jawaban B.'), ...base },
    { id: 'kb-03', service: null, questions: [], answer: '', state: 'withdrawn', live: live(['x', 'y', 'z'], 'Ditarik.'), ...base },
  ];
  const yaml = publishedEntriesYaml(entries, { generatedAt: '2026-11-23T00:00:00Z', officerName: () => 'Rina Koordinator' });
  const file = faqFileSchema.parse(parse(yaml));
  expect(file.entries).toEqual([
    { id: 'kb-01', layanan: 'kepegawaian', pertanyaan: ['a satu', 'a dua', 'a tiga'], jawaban: 'Jawaban A: "kutip" dan: titik dua.', sumber: 'Konsol Helpdesk SPBE, entri kb-01 versi 2, diterbitkan 2026-11-23 oleh Rina Koordinator' },
  ]);
  expect(yaml).toContain('#   - kb-02: hanya satu');
  expect(yaml).not.toContain('Ditarik');
});

it('masks e-mail addresses and long numbers, and keeps ticket numbers', () => {
  expect(maskPersonalData('NIK 3209123456789012, hp +62 812-3456-7890, surel budi.s@mail.go.id, tiket HD-261123-0001')).toBe(
    'NIK [nomor], hp [nomor], surel [email], tiket HD-261123-0001',
  );
});
