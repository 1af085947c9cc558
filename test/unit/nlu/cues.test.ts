/**
 * Every cue of faq/isyarat/ fires on its own examples (`contoh`) and not on its counter-examples
 * (`bukan`), through the real normaliser and app/agency placeholders, so a cue edited into
 * uselessness fails here by name.
 */
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import type { CueDefinition } from '../../../src/knowledge/types';
import { buildFeatureExtractor, loadLexicon } from '../../../src/nlu';
import { compileCue } from '../../../src/nlu/cues';

const knowledge = loadKnowledge();
const fx = buildFeatureExtractor(knowledge, loadLexicon());
const cueOf = (c: CueDefinition) => `#cue:${c.type}:${c.name}`;

describe('cues of faq/isyarat', () => {
  it('has cues for every report type and for questions, with a weight each', () => {
    for (const type of ['gangguan', 'keluhan', 'permintaan', 'perubahan', 'informasi', 'lacak_tiket', 'minta_agen', 'di_luar_layanan'] as const) {
      expect(knowledge.cues.some((c) => c.type === type)).toBe(true);
      expect(knowledge.cueWeights[type]).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(knowledge.cues.map((c) => [cueOf(c), c] as const))('%s fires on its examples only', (_name, cue) => {
    for (const text of cue.examples) expect({ text, fired: fx.extract(text).typeFeatures.includes(cueOf(cue)) }).toEqual({ text, fired: true });
    for (const text of cue.counterExamples) expect({ text, fired: fx.extract(text).typeFeatures.includes(cueOf(cue)) }).toEqual({ text, fired: false });
  });
});

describe('compileCue', () => {
  const cue = (pattern: CueDefinition['pattern']): CueDefinition => ({ type: 'gangguan', name: 'x', pattern, examples: [], counterExamples: [], file: 'x' });
  it('matches whole words in order, with optional slots and bounded gaps', () => {
    const re = compileCue(cue({ kind: 'sequence', slots: [
      { kind: 'words', words: ['tidak', 'belum'], optional: false },
      { kind: 'words', words: ['pernah'], optional: true },
      { kind: 'gap', max: 2 },
      { kind: 'words', words: ['login', 'masuk'], optional: false },
    ] }));
    const test = (t: string) => re.test(` ${t} `);
    expect(test('tidak login')).toBe(true);
    expect(test('saya belum pernah bisa masuk')).toBe(true);
    expect(test('tidak bisa sama sekali login')).toBe(false); // three words between
    expect(test('tidaklogin')).toBe(false);
    expect(test('tidak loginnya')).toBe(false);
  });
  it('matches every group anywhere for "semua", and numbers for <angka>', () => {
    const all = compileCue(cue({ kind: 'all', groups: [['salah'], ['perbaiki']] }));
    expect(all.test(' tolong perbaiki yang salah ')).toBe(true);
    expect(all.test(' tolong perbaiki ')).toBe(false);
    const n = compileCue(cue({ kind: 'sequence', slots: [{ kind: 'words', words: ['<angka> hari'], optional: false }] }));
    expect(n.test(' sudah 12 hari ')).toBe(true);
    expect(n.test(' sudah dua hari ')).toBe(false);
  });
});
