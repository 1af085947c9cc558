/**
 * Published console entries in the NLU's answers: a message close to an entry's question gets
 * the entry (type informasi, its service), a report or a tracking request keeps its meaning, and
 * replacing the set takes effect at once; the dialogue sees the entry in knowledge.faq.
 */
import type { Understanding } from '../../../src/domain/understanding';
import { PublishedFaq, withPublishedAnswers } from '../../../src/knowledge/published-faq';
import type { KnowledgeEntry } from '../../../src/knowledge/port';
import { similarity, wordVector } from '../../../src/knowledge/text-similarity';
import type { Nlu } from '../../../src/nlu';
import { fixtureKnowledge } from '../dialogue/helpers/knowledge';

const knowledge = fixtureKnowledge();
const normalize = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/\s+/g, ' ').trim();

function entry(id: string, questions: string[], answer: string, service: string | null = null, state: KnowledgeEntry['state'] = 'published'): KnowledgeEntry {
  return {
    id,
    service,
    questions,
    answer,
    state,
    live: { version: 1, service, questions, answer, publishedAt: 1, publishedBy: 'k' },
    revision: 2,
    gap: null,
    createdAt: 1,
    createdBy: 'o',
    updatedAt: 1,
    updatedBy: 'o',
    agency: 'diskominfo',
  };
}

function fakeNlu(over: Partial<Understanding> = {}): Nlu {
  return {
    buildInfo: { source: 'cache', ms: 0, cacheKey: 'x' },
    understand: (text) => ({
      normalized: normalize(text),
      type: 'informasi',
      types: [{ value: 'informasi', score: 0.3 }],
      service: null,
      services: [],
      agency: null,
      faq: null,
      ticketNumber: null,
      confidence: 0.3,
      ambiguity: null,
      ...over,
    }),
  };
}

describe('text similarity', () => {
  it('is 1 for the same content words, low for another topic, and ignores question words', () => {
    expect(similarity(wordVector('cara daftar magang mahasiswa'), wordVector('bagaimana cara daftar magang mahasiswa'))).toBeGreaterThan(0.9);
    expect(similarity(wordVector('cara daftar magang'), wordVector('cara daftar akun simpeg'))).toBeLessThan(0.5);
    expect(similarity(wordVector(''), wordVector('apa'))).toBe(0);
  });
});

describe('PublishedFaq', () => {
  it('answers a matching question with the published entry, with its service and agency', () => {
    const published = new PublishedFaq(knowledge, normalize);
    const nlu = withPublishedAnswers(fakeNlu(), published, knowledge);
    const question = 'Bagaimana cara daftar magang mahasiswa di pemkab?';
    expect(nlu.understand(question).faq).toBeNull();
    published.replace(3, [entry('kb-aa11', ['cara daftar magang mahasiswa di pemkab'], 'Lewat surat kampus ke BKPSDM.', 'kepegawaian')]);
    const u = nlu.understand(question);
    expect(u).toMatchObject({ type: 'informasi', faq: { id: 'kb-aa11' }, service: 'kepegawaian', agency: 'bkpsdm', ambiguity: null });
    expect(u.confidence).toBeGreaterThanOrEqual(u.faq!.score);
    expect(published.knowledge.faq.at(-1)).toMatchObject({ id: 'kb-aa11', answer: 'Lewat surat kampus ke BKPSDM.' });
    expect(published.knowledge.faq.length).toBe(knowledge.faq.length + 1);
    expect(published.version).toBe(3);
    // Unrelated messages are untouched.
    expect(nlu.understand('jam buka kantor kecamatan').faq).toBeNull();
    // Withdrawn (or draft) entries answer nobody.
    published.replace(4, [entry('kb-aa11', ['cara daftar magang mahasiswa di pemkab'], 'x', null, 'withdrawn')]);
    expect(nlu.understand(question).faq).toBeNull();
    expect(published.knowledge.faq.length).toBe(knowledge.faq.length);
  });

  it('leaves confident reports, ticket tracking and requests for an officer alone', () => {
    const published = new PublishedFaq(knowledge, normalize);
    published.replace(1, [entry('kb-bb22', ['simpeg tidak bisa login'], 'Coba atur ulang kata sandi.')]);
    const report = withPublishedAnswers(fakeNlu({ type: 'gangguan', confidence: 0.95 }), published, knowledge);
    expect(report.understand('simpeg tidak bisa login').type).toBe('gangguan');
    const track = withPublishedAnswers(fakeNlu({ type: 'lacak_tiket', ticketNumber: 'HD-261123-0001', confidence: 0.2 }), published, knowledge);
    expect(track.understand('simpeg tidak bisa login').faq).toBeNull();
    const unsure = withPublishedAnswers(fakeNlu({ type: 'gangguan', confidence: 0.3 }), published, knowledge);
    expect(unsure.understand('simpeg tidak bisa login')).toMatchObject({ type: 'informasi', faq: { id: 'kb-bb22' } });
  });

  it('never shadows an entry of the files with the same id', () => {
    const published = new PublishedFaq(knowledge, normalize);
    const fileId = knowledge.faq[0]!.id;
    published.replace(1, [entry(fileId, ['apa saja'], 'Jawaban lain.')]);
    expect(published.entries()).toEqual([]);
  });
});
