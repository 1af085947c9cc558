import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../../src/domain/errors';
import { loadLexicon, parseLexicon } from '../../../src/nlu/lexicon';

function errorOf(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataFileError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('normalisation lexicon', () => {
  it('loads faq/normalisasi.yaml with abbreviations, regional words and synonyms', () => {
    const lex = loadLexicon();
    expect(lex.variants.get('gmn')).toBe('bagaimana');
    expect(lex.variants.get('kepriben')).toBe('bagaimana');
    expect(lex.variants.get('nang endi')).toBe('di mana');
    expect(lex.doubleLetterWords.has('maaf')).toBe(true);
    expect(lex.synonyms.length).toBeGreaterThan(5);
    expect(lex.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names file, entry and field of a schema problem', () => {
    const err = errorOf(() =>
      parseLexicon({ padanan: [{ baku: 'tidak', varian: ['gak'] }, { baku: 'bagaimana', varian: ['Gmn'] }] }, 'faq/normalisasi.yaml'),
    );
    expect(err.file).toBe('faq/normalisasi.yaml');
    expect(err.entry).toBe('bagaimana');
    expect(err.field).toBe('varian.0');
    expect(err.message).toContain('huruf kecil');
  });

  it('rejects a variant used twice, naming the entry', () => {
    const err = errorOf(() =>
      parseLexicon({ padanan: [{ baku: 'tidak', varian: ['gak'] }, { baku: 'enggak', varian: ['gak'] }] }, 'x.yaml'),
    );
    expect(err.entry).toBe('enggak');
    expect(err.field).toBe('varian.0');
    expect(err.message).toContain("'gak'");
  });

  it('rejects unknown keys and invalid YAML with the file name', () => {
    expect(errorOf(() => parseLexicon({ padanan: [{ baku: 'a', varian: ['b'] }], lain: 1 }, 'x.yaml')).file).toBe('x.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'lex-'));
    const path = join(dir, 'normalisasi.yaml');
    writeFileSync(path, 'padanan: [unclosed');
    const err = errorOf(() => loadLexicon(path, 'faq/normalisasi.yaml'));
    expect(err.message).toMatch(/^faq\/normalisasi\.yaml: YAML tidak valid/);
  });
});
