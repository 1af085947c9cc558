import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { buildNormalizer, loadLexicon } from '../../../src/nlu';
import { damerauLevenshtein } from '../../../src/nlu/edit-distance';
import { parseLexicon } from '../../../src/nlu/lexicon';
import { Normalizer } from '../../../src/nlu/normalize';

const knowledge = loadKnowledge();
const normalizer = buildNormalizer(knowledge, loadLexicon());
const norm = (s: string) => normalizer.normalize(s).text;

describe('Normalizer on the real lexicon and catalog', () => {
  it('maps chat abbreviations to standard words', () => {
    expect(norm('gmn cara daftar yg bnr')).toContain('bagaimana cara daftar yang');
    expect(norm('sy blm bs login krn lupa')).toBe('saya belum bisa login karena lupa');
    expect(norm('udh gk bisa dr kmrn')).toBe('sudah tidak bisa dari kemarin');
    expect(norm('tlg mhn bantuannya min, thx')).toBe('tolong mohon bantuannya admin terima kasih');
  });

  it('collapses elongated letters but keeps legit double letters', () => {
    expect(norm('tolooong')).toBe('tolong');
    expect(norm('pagiii kak')).toBe('pagi kakak');
    expect(norm('maaf, saat ini')).toBe('maaf saat ini');
  });

  it('maps Cirebonese/Javanese and Sundanese words', () => {
    expect(norm('kepriben carane')).toMatch(/^bagaimana /);
    expect(norm('kumaha')).toBe('bagaimana');
    expect(norm('aplikasine ora bisa mlebu')).toContain('tidak bisa masuk');
    expect(norm('abdi hoyong daftar')).toBe('saya ingin daftar');
    expect(norm('nang endi kantore')).toMatch(/^di mana /);
    expect(norm('durung ana kabar')).toContain('belum ada kabar');
  });

  it('corrects typos against the domain vocabulary, never short words', () => {
    expect(norm('simpge error')).toBe('simpeg error');
    expect(norm('srikanid gagal')).toBe('srikandi gagal');
    expect(norm('sintern')).toBe('sintren');
    expect(norm('spbe')).toBe('spbe');
    // A correct Indonesian word is not "corrected" towards an app name.
    expect(norm('saya lapar')).toBe('saya lapar');
  });

  it('reads chat reduplication "kata2" as the word itself, but keeps codes with digits', () => {
    expect(norm('berkas yg beda2, ditanya2 lg')).toBe('berkas yang beda ditanya lagi');
    expect(norm('sp2d pph21 2x')).toBe('sp2d pph21 2x');
  });

  it('reads colloquial verb affixes (ng-/nge-/ny-/di-...-in) as the root the rest of the pipeline knows', () => {
    expect(norm('ngisi')).toBe('isi');
    expect(norm('ngirim')).toBe('kirim');
    expect(norm('nyari')).toBe('cari');
    expect(norm('nyetak')).toBe('cetak');
    expect(norm('ngedaftar')).toBe('daftar');
    expect(norm('ngeluarin')).toBe('keluar');
    expect(norm('dibukain')).toBe('buka');
    expect(norm('diisiin')).toBe('isi');
    // ng- + k-root wins over a plain dictionary root when the training vocabulary knows it.
    expect(norm('ngasih')).toBe('kasih');
    // Words the lexicon or dictionary already knows are left alone.
    expect(norm('nyaman')).toBe('nyaman');
    expect(norm('ngapain')).not.toBe('apa');
  });

  it('reads the Sundanese and Cirebonese -na as -nya, and leaves words that end in -na alone', () => {
    expect(norm('alamat webna naon')).toBe(norm('alamat web naon'));
    expect(norm('alamat webna naon')).not.toContain('webna');
    expect(norm('akunna')).toBe('akun');
    for (const word of ['bagaimana', 'mana', 'guna', 'warna', 'sana']) expect(norm(word)).toBe(word);
  });

  it('reads an app name with the -nya suffix as the app, and leaves other -nya words alone', () => {
    expect(norm('web simpegnya error')).toBe('website simpeg error');
    expect(norm('pelayanannya lambat')).toContain('pelayanannya');
  });

  it('keeps hyphenated app names, ticket numbers and long digit strings', () => {
    expect(norm('E-Kinerja dan SIP-BMD')).toBe('e-kinerja dan sip-bmd');
    const r = normalizer.normalize('status tiket hd 241101 0007 ya');
    expect(r.ticketNumber).toBe('HD-241101-0007');
    expect(r.text).toContain('hd-241101-0007');
    expect(norm('NOP 321001000100200300')).toBe('nop 321001000100200300');
  });

  it('reduces URLs to their telling words and strips emoji and punctuation', () => {
    expect(norm('buka https://sikaton.cirebonkab.go.id/login!!! 😭🙏')).toBe('buka sikaton');
    expect(norm('simpeg.cirebonkab.go.id error???')).toBe('simpeg error');
  });
});

describe('Normalizer mechanics on a small lexicon', () => {
  const lexicon = parseLexicon(
    { padanan: [{ baku: 'tidak', varian: ['gak', 'ora'] }, { baku: 'di mana', varian: ['nang endi'] }], huruf_ganda: ['maaf'] },
    'test.yaml',
  );
  const n = new Normalizer(lexicon, { domainWords: ['sikaton', 'akang', 'surja'] });

  it('corrects within distance 1 for 4-6 letters and 2 for longer words', () => {
    expect(n.normalize('sikatno').text).toBe('sikaton'); // transposition, 7 letters
    expect(n.normalize('skatin').text).toBe('skatin'); // distance 2 on 6 letters: not corrected
    expect(n.normalize('sruja').text).toBe('surja');
  });

  it('maps multiword variants', () => {
    expect(n.normalize('nang endi gak').text).toBe('di mana tidak');
  });

  it('computes Damerau-Levenshtein with transpositions', () => {
    expect(damerauLevenshtein('simpeg', 'simpge')).toBe(1);
    expect(damerauLevenshtein('abc', 'abc')).toBe(0);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
  });
});
