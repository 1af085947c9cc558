import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import type { Knowledge } from '../../../src/knowledge/types';
import { createNlu, loadLexicon } from '../../../src/nlu';
import { FaqRetriever } from '../../../src/nlu/retrieval';

describe('FaqRetriever', () => {
  const docs = [
    { entryId: 'a-link', service: 'a', questions: [['link', 'app:x'], ['alamat', 'website', 'app:x']], answer: ['x', 'cirebonkab'] },
    { entryId: 'a-reset', service: 'a', questions: [['reset', 'password', 'app:x'], ['lupa', 'password']], answer: ['reset'] },
    { entryId: 'b-link', service: 'b', questions: [['link', 'app:y'], ['alamat', 'app:y']], answer: ['y'] },
    { entryId: 'umum', service: null, questions: [['apa', 'spbe'], ['erti', 'spbe']], answer: ['spbe', 'sistem'] },
  ];
  const r = FaqRetriever.build(docs);

  it('ranks the entry whose variants share the most informative words', () => {
    const res = r.rank(r.scoreAll(['alamat', 'app:y']), null);
    expect(res.hits[0]!.id).toBe('b-link');
    expect(res.hits[0]!.score).toBeGreaterThan(0);
    expect(res.hits[0]!.score).toBeLessThanOrEqual(1);
    expect(res.margin).toBeGreaterThan(0);
  });

  it('prefers entries of the detected service, keeps general entries', () => {
    const raw = r.scoreAll(['link']);
    expect(r.rank(raw, 'a').hits[0]!.id).toBe('a-link');
    expect(r.rank(raw, 'b').hits[0]!.id).toBe('b-link');
    expect(r.rank(r.scoreAll(['spbe']), 'a').hits[0]!.id).toBe('umum');
  });

  it('round-trips through JSON', () => {
    const copy = FaqRetriever.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(Array.from(copy.scoreAll(['reset', 'password']))).toEqual(Array.from(r.scoreAll(['reset', 'password'])));
  });
});

describe('retrieval on the real FAQ with paraphrases', () => {
  let knowledge: Knowledge;
  let understand: (t: string) => { faq: { id: string } | null };
  beforeAll(() => {
    knowledge = loadKnowledge();
    understand = createNlu(knowledge, loadLexicon()).understand;
  });

  // Each paraphrase must retrieve an entry of the expected service whose answer names the fact.
  const cases: [string, string, RegExp][] = [
    ['alamat situs simpeg pemkab apa ya', 'kepegawaian', /simpeg\.cirebonkab\.go\.id/i],
    ['akang surja bisa didownload dmn', 'pajak-daerah', /play ?store/i],
    ['web perizinan online alamatnya apa', 'perizinan', /izinonline\.cirebonkab\.go\.id/i],
    ['siapa yang ngelola simwasda', 'pengawasan', /inspektorat/i],
    ['sebangsakabeh teh naon', 'persampahan', /sampah/i],
  ];
  it.each(cases)('%s', (text, service, fact) => {
    const u = understand(text);
    expect(u.faq).not.toBeNull();
    const entry = knowledge.faq.find((e) => e.id === u.faq!.id)!;
    expect([service, null]).toContain(entry.service);
    expect(entry.answer).toMatch(fact);
  });
});
