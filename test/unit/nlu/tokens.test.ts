import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { stemId } from '../../../src/nlu/natural';
import { ngramFeatures } from '../../../src/nlu/tokens';
import { NluVocabulary } from '../../../src/nlu/vocabulary';

const vocabulary = new NluVocabulary(loadKnowledge());

describe('token pipeline', () => {
  it('stems Indonesian words with natural StemmerId', () => {
    expect(stemId('pembayaran')).toBe('bayar');
    expect(stemId('dikoreksi')).toBe('koreksi');
    expect(stemId('e-kinerja')).toBe('e-kinerja');
  });

  it('drops filler (faq/pemahaman.yaml kata_pengisi) but keeps intent words that natural\'s stopword list would drop', () => {
    const { content } = vocabulary;
    const stems = content.stems('saya tidak bisa login ke simpeg yang baru ini dong'.split(' '));
    expect(stems).toEqual(expect.arrayContaining(['tidak', 'bisa', 'login', 'simpeg', 'saya']));
    expect(stems).not.toContain('yang');
    expect(stems).not.toContain('ke');
    expect(stems).not.toContain('dong');
    for (const w of ['mau', 'minta', 'mohon', 'tolong', 'tanya', 'cara', 'bagaimana', 'berapa', 'siapa', 'kapan', 'kenapa', 'apa', 'lupa', 'lama', 'belum']) {
      expect(content.isContent(w)).toBe(true);
      expect(content.stems([w])).toHaveLength(1);
    }
  });

  it('adds bigrams so "tidak bisa" is a feature of its own', () => {
    expect(ngramFeatures(['tidak', 'bisa', 'login'])).toEqual(['tidak', 'bisa', 'login', 'b:tidak_bisa', 'b:bisa_login']);
  });

  it('fires cue features that generalise', () => {
    const cues = (t: string) => vocabulary.cues.features(t);
    expect(cues('__app__ tidak bisa login')).toContain('#cue:gangguan');
    expect(cues('mohon reset password __app__')).toContain('#cue:permintaan');
    expect(cues('nama saya di __app__ keliru mohon dikoreksi')).toContain('#cue:perubahan');
    expect(cues('sudah dua minggu belum ada kabar kecewa')).toContain('#cue:keluhan');
    expect(cues('hubungkan saya dengan petugas')).toContain('#cue:minta_agen');
    expect(cues('status laporan saya bagaimana')).toContain('#cue:lacak_tiket');
    expect(cues('cuaca besok hujan')).toContain('#cue:di_luar_layanan');
    expect(cues('halo selamat pagi')).not.toContain('#cue:gangguan');
  });
});
