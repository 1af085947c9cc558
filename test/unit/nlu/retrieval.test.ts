import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import type { Knowledge } from '../../../src/knowledge/types';
import { createNlu, loadLexicon } from '../../../src/nlu';
import { ANY_SERVICE, FaqRetriever } from '../../../src/nlu/retrieval';

describe('FaqRetriever', () => {
  const docs = [
    { entryId: 'a-link', service: 'a', questions: [['link', 'app:x'], ['alamat', 'website', 'app:x']], answer: ['x', 'cirebonkab'] },
    { entryId: 'a-reset', service: 'a', questions: [['reset', 'password', 'app:x'], ['lupa', 'password']], answer: ['reset'] },
    { entryId: 'b-link', service: 'b', questions: [['link', 'app:y'], ['alamat', 'app:y']], answer: ['y'] },
    { entryId: 'umum', service: null, questions: [['apa', 'spbe'], ['erti', 'spbe']], answer: ['spbe', 'sistem'] },
  ];
  const r = FaqRetriever.build(docs);

  it('ranks the entry whose variants share the most informative words', () => {
    const res = r.rank(r.scoreAll(['alamat', 'app:y']), 'b');
    expect(res.hits[0]!.id).toBe('b-link');
    expect(res.hits[0]!.score).toBeGreaterThan(0);
    expect(res.hits[0]!.score).toBeLessThanOrEqual(1);
  });

  it('is bound to the service: another service\'s entry is never a candidate, general entries only without a service', () => {
    const raw = r.scoreAll(['link']);
    expect(r.rank(raw, 'a').hits.map((h) => h.id)).toEqual(['a-link']);
    expect(r.rank(raw, 'b').hits.map((h) => h.id)).toEqual(['b-link']);
    // "spbe" only matches the general entry: about service a there is nothing to say.
    expect(r.rank(r.scoreAll(['spbe']), 'a').hits).toEqual([]);
    expect(r.rank(r.scoreAll(['spbe']), null).hits[0]!.id).toBe('umum');
    expect(r.rank(r.scoreAll(['alamat', 'app:y']), null).hits).toEqual([]);
  });

  it('offers every-service answers for any named service, scored on what is asked', () => {
    const withAny = FaqRetriever.build([...docs, { entryId: 'semua-pengelola', service: ANY_SERVICE, questions: [['siapa', 'kelola']], answer: [] }]);
    const raw = withAny.scoreAll(['siapa', 'kelola', 'app:x']);
    const aspect = withAny.scoreAll(['siapa', 'kelola']);
    expect(withAny.rank(raw, 'a', 3, aspect).hits[0]!.id).toBe('semua-pengelola');
    expect(withAny.rank(raw, null, 3, aspect).hits).toEqual([]);
  });

  it('does not let synonym expansions dilute a word, and can leave one variant out', () => {
    // "link" expanded with its synonym "website": a-link's first variant holds "link" only.
    const plain = r.scoreAll(['link', 'website'], new Map([['website', 0.5]]));
    const aware = r.scoreAll(['link', 'website'], new Map([['website', 0.5]]), { expansions: new Map([['website', 'link']]) });
    const a = docs.findIndex((d) => d.entryId === 'a-link');
    expect(aware[a]!).toBeGreaterThan(plain[a]!);
    const without = r.scoreAll(['lupa', 'password'], undefined, { excludeText: r.variantText(1, 1) });
    expect(without[1]!).toBeLessThan(r.scoreAll(['lupa', 'password'])[1]!);
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
    understand = createNlu(knowledge, loadLexicon(), { cacheDir: process.env.NLU_CACHE_DIR }).understand;
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
    expect(entry.service === service || entry.forEveryService).toBe(true);
    if (!entry.forEveryService) expect(entry.answer).toMatch(fact);
  });
});
