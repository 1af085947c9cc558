import { cueFeatures } from '../../../src/nlu/cues';
import { stemId } from '../../../src/nlu/natural';
import { contentStems, FILLER_WORDS, ngramFeatures } from '../../../src/nlu/tokens';

describe('token pipeline', () => {
  it('stems Indonesian words with natural StemmerId', () => {
    expect(stemId('pembayaran')).toBe('bayar');
    expect(stemId('dikoreksi')).toBe('koreksi');
    expect(stemId('e-kinerja')).toBe('e-kinerja');
  });

  it('drops filler but keeps intent words that natural\'s stopword list would drop', () => {
    const stems = contentStems('saya tidak bisa login ke simpeg yang baru ini dong'.split(' '));
    expect(stems).toEqual(expect.arrayContaining(['tidak', 'bisa', 'login', 'simpeg', 'saya']));
    expect(stems).not.toContain('yang');
    expect(stems).not.toContain('ke');
    expect(stems).not.toContain('dong');
    for (const w of ['mau', 'minta', 'mohon', 'tolong', 'tanya', 'cara', 'bagaimana', 'berapa', 'siapa', 'kapan', 'kenapa', 'apa', 'lupa', 'lama', 'belum']) {
      expect(FILLER_WORDS.has(w)).toBe(false);
      expect(contentStems([w])).toHaveLength(1);
    }
  });

  it('adds bigrams so "tidak bisa" is a feature of its own', () => {
    expect(ngramFeatures(['tidak', 'bisa', 'login'])).toEqual(['tidak', 'bisa', 'login', 'b:tidak_bisa', 'b:bisa_login']);
  });

  it('fires cue features that generalise', () => {
    expect(cueFeatures('__app__ tidak bisa login')).toContain('#cue:gangguan');
    expect(cueFeatures('mohon reset password __app__')).toContain('#cue:permintaan');
    expect(cueFeatures('nama saya di __app__ keliru mohon dikoreksi')).toContain('#cue:perubahan');
    expect(cueFeatures('sudah dua minggu belum ada kabar kecewa')).toContain('#cue:keluhan');
    expect(cueFeatures('hubungkan saya dengan petugas')).toContain('#cue:minta_agen');
    expect(cueFeatures('status laporan saya bagaimana')).toContain('#cue:lacak_tiket');
    expect(cueFeatures('cuaca besok hujan')).toContain('#cue:di_luar_layanan');
    expect(cueFeatures('halo selamat pagi')).not.toContain('#cue:gangguan');
  });
});
